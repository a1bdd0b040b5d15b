/** Plan, user and block ids: URL-safe, no dots or path separators, so they can never reach a file path. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value)
}
