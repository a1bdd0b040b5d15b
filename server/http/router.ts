/**
 * A small route table: `METHOD /path/:param`. Parameters named `*Id` must be well-formed ids; anything
 * else (dots, slashes, odd characters) is "not found" before a route runs.
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

  /** The handler and parameters for a request; `allowed` lists methods when only the method is wrong. */
  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | { allowed: string[] } | null {
    const parts = pathname.split('/').filter(Boolean)
    const allowed: string[] = []
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts)
      if (!params) continue
      if (route.method === method) return { handler: route.handler, params }
      allowed.push(route.method)
    }
    return allowed.length > 0 ? { allowed } : null
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null
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
      if (name.endsWith('Id') && !isValidId(value)) return null
      if (value.length > 256) return null
      params[name] = value
    } else if (pattern[i] !== parts[i]) {
      return null
    }
  }
  return params
}
