// Which page origins may act with a person's cookie: the server's own, and any configured.
import type { IncomingMessage } from 'node:http'

export function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return true
  if (allowed.includes(origin)) return true
  const host = req.headers.host
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`)
}
