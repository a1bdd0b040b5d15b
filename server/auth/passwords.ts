/**
 * Password hashing with scrypt (memory-hard; N = 2^17, r = 8, p = 1 by default: 128 MiB per hash) and a
 * per-user random salt. The stored form names its parameters so they can be raised later.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

const KEY_LENGTH = 32

/**
 * Hashes run at most two at a time: each holds 128 MiB while it runs, and a morning's sign-ins arriving
 * together would otherwise take four times that at once (libuv's four threads) for no more throughput on a
 * two-core server. The others wait their turn, in order.
 */
const MAX_CONCURRENT = 2
let running = 0
const waiting: (() => void)[] = []

async function derive(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  // A finishing hash hands its slot straight to the next in line, so `running` never passes the limit.
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve))
  else running++
  try {
    const N = 2 ** log2N
    return await new Promise<Buffer>((resolve, reject) => {
      scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) =>
        error ? reject(error) : resolve(key))
    })
  } finally {
    const next = waiting.shift()
    if (next) next()
    else running--
  }
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
