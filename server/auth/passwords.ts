/**
 * Password hashing with scrypt (memory-hard; N = 2^17, r = 8, p = 1 by default: 128 MiB per hash) and a
 * per-user random salt. The stored form names its parameters so they can be raised later.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

const KEY_LENGTH = 32

function derive(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** log2N
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key))
  })
}

export async function hashPassword(password: string, log2N: number): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, log2N, 8, 1)
  return `scrypt$${log2N}$8$1$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt') return false
  const expected = Buffer.from(key, 'base64')
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(log2N), Number(r), Number(p))
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
