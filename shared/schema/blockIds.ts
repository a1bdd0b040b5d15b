/** Block ids: 12 URL-safe random characters (72 bits), from the platform's cryptographic generator. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

export function newBlockId(): string {
  const bytes = new Uint8Array(12)
  globalThis.crypto.getRandomValues(bytes)
  let id = ''
  // 256 is a multiple of 64, so every character is equally likely.
  for (const byte of bytes) id += ALPHABET[byte & 63]
  return id
}
