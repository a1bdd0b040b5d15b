// Random ids and secrets, and the hashes under which secrets are stored.
import { createHash, randomBytes } from 'node:crypto'

/** A URL-safe random id (matches shared/ids.ts). */
export function newId(): string {
  return randomBytes(12).toString('base64url')
}

/** A secret for a session, token or invitation link: 256 bits. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}
