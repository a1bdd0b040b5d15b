import type { z } from 'zod'
import { ApiRequestError } from './api.ts'

export type FieldErrors = Record<string, string>

/** Checks a form with the same zod schema the server uses, keeping the first message for each field. */
export function validate<T>(schema: z.ZodType<T>, values: unknown): { ok: true; data: T } | { ok: false; fields: FieldErrors } {
  const result = schema.safeParse(values)
  if (result.success) return { ok: true, data: result.data }
  const fields: FieldErrors = {}
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '_form'
    if (!(key in fields)) fields[key] = issue.message
  }
  return { ok: false, fields }
}

/** The server's field messages from a failed request, or none. */
export function serverFields(error: unknown): FieldErrors {
  return error instanceof ApiRequestError ? error.fields : {}
}
