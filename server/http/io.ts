// Reading requests and writing responses: bodies are size-limited JSON checked by a zod schema.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { z } from 'zod'
import type { ApiError } from '../../shared/api.ts'
import { Failure, type FailureKind } from '../failure.ts'

const STATUS: Record<FailureKind, number> = {
  invalid: 400, unauthenticated: 401, forbidden: 403, notFound: 404, conflict: 409, tooMany: 429, unavailable: 503,
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

export function sendEmpty(res: ServerResponse, status = 204): void {
  res.writeHead(status, { 'cache-control': 'no-store' })
  res.end()
}

export function sendFailure(res: ServerResponse, failure: Failure): void {
  const body: ApiError = { error: failure.message, ...(failure.fields ? { fields: failure.fields } : {}) }
  if (failure.retryAfterSeconds) res.setHeader('retry-after', String(failure.retryAfterSeconds))
  sendJson(res, STATUS[failure.kind], body)
}

/** Reads a JSON body of at most `maxBytes` and checks it against `schema`. */
export async function readBody<S extends z.ZodType>(req: IncomingMessage, schema: S, maxBytes: number): Promise<z.infer<S>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (type !== 'application/json') {
    throw new Failure('invalid', 'Send the request body as JSON, with the header Content-Type: application/json.')
  }
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > maxBytes) throw tooLarge(maxBytes)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) throw tooLarge(maxBytes)
    chunks.push(chunk)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new Failure('invalid', 'The request body is not valid JSON.')
  }
  const result = schema.safeParse(parsed)
  if (!result.success) {
    const fields: Record<string, string> = {}
    for (const issue of result.error.issues) {
      const key = issue.path.join('.') || 'body'
      fields[key] ??= issue.code === 'unrecognized_keys' ? `Unexpected field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.` : issue.message
    }
    const first = Object.values(fields)[0]
    throw new Failure('invalid', first ?? 'The request is not valid.', fields)
  }
  return result.data
}

function tooLarge(maxBytes: number): Failure {
  return new Failure('invalid', `The request body is larger than the ${Math.round(maxBytes / 1024)} KB allowed.`)
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=')
    if (index <= 0) continue
    const name = part.slice(0, index).trim()
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim())
    } catch {
      // A malformed cookie is ignored, as if absent.
    }
  }
  return cookies
}
