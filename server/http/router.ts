/**
 * A small route table: `METHOD /path/:param`. Parameters named `*Id` must be well-formed ids; anything
 * else (dots, slashes, odd characters) is "not found" before a route runs, and the caller is told which
 * parameter it was (a mistyped snapshot link is a snapshot not found, not an unknown address).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isValidId } from '../../shared/ids.ts'
import type { Principal } from '../auth/authService.ts'

export interface RequestContext {
  req: IncomingMessage
  res: ServerResponse
  params: Record<string, string>
  url: URL
  /** The caller, or fails with 401. */
  principal(): Promise<Principal>
  /** Reads and checks the JSON body. */
  body<T>(schema: import('zod').ZodType<T>): Promise<T>
}

export type Handler = (context: RequestContext) => Promise<void>

interface Route {
  method: string
  segments: string[]
  handler: Handler
}

export class Router {
  private readonly routes: Route[] = []

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler })
    return this
  }

  /**
   * The handler and parameters for a request; `allowed` lists methods when only the method is wrong, and
   * `malformed` names the id parameter that was not a well-formed id when only that kept a route from matching.
   */
  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | { allowed: string[] } | { malformed: string } | null {
    const parts = pathname.split('/').filter(Boolean)
    const allowed: string[] = []
    let malformed: string | null = null
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts)
      if (typeof params === 'string') {
        if (route.method === method) malformed ??= params
        continue
      }
      if (!params) continue
      if (route.method === method) return { handler: route.handler, params }
      allowed.push(route.method)
    }
    if (allowed.length > 0) return { allowed }
    return malformed ? { malformed } : null
  }
}

/** The parameters, or null when the path does not fit; the name of an id parameter that alone did not fit. */
function matchSegments(pattern: string[], parts: string[]): Record<string, string> | string | null {
  if (pattern.length !== parts.length) return null
  let malformed: string | null = null
  const params: Record<string, string> = {}
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) {
      let value: string
      try {
        value = decodeURIComponent(parts[i])
      } catch {
        return null
      }
      const name = pattern[i].slice(1)
      if (value.length > 256) return null
      if (name.endsWith('Id') && !isValidId(value)) malformed ??= name
      params[name] = value
    } else if (pattern[i] !== parts[i]) {
      return null
    }
  }
  return malformed ?? params
}
