// Accounts: registration rules, the first account administering the install, and sign-in that reveals
// nothing about which emails have accounts and slows down guessing.
import { afterEach, describe, expect, it } from 'vitest'
import { register, request } from '../helpers/api.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const started = await startTestServer(options)
  cleanups.push(() => started.dispose())
  return started
}

let counter = 0
const uniqueEmail = () => `account${Date.now()}-${++counter}@example.org`

const signIn = (srv: TestServer, email: string, password: string) =>
  request(srv.url, 'POST', '/api/auth/signin', { email, password }, { origin: srv.url })

const registerRaw = (srv: TestServer, body: Record<string, unknown>) =>
  request(srv.url, 'POST', '/api/auth/register', body, { origin: srv.url })

describe('registration', () => {
  it('makes the first account an administrator and no other', async () => {
    const srv = await server()
    const first = await register(srv.url, 'First Person')
    const second = await register(srv.url, 'Second Person')
    expect(first.user.isAdmin).toBe(true)
    expect(second.user.isAdmin).toBe(false)
    expect((await first.json('GET', '/api/auth/me')).user.isAdmin).toBe(true)
    expect((await second.json('GET', '/api/auth/me')).user.isAdmin).toBe(false)
  })

  it('makes exactly one administrator when the first accounts register at the same moment', async () => {
    const srv = await server()
    const responses = await Promise.all(Array.from({ length: 4 }, (_, i) =>
      registerRaw(srv, { email: uniqueEmail(), name: `Racer ${i}`, password: 'correct horse battery' })))
    const users = await Promise.all(responses.map(async (response) => {
      expect(response.status).toBe(201)
      return (await response.json()).user
    }))
    expect(users.filter((user: { isAdmin: boolean }) => user.isAdmin)).toHaveLength(1)
  })

  it('refuses a second account with the same email, even when both arrive at once', async () => {
    const srv = await server()
    const email = uniqueEmail()
    const responses = await Promise.all([0, 1].map((i) =>
      registerRaw(srv, { email, name: `Twin ${i}`, password: 'correct horse battery' })))
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409])
    // And afterwards, with different letter case.
    const again = await registerRaw(srv, { email: email.toUpperCase(), name: 'Twin 3', password: 'correct horse battery' })
    expect(again.status).toBe(409)
    // The problem in full by the field; the sentence, for clients that read only it, says the same.
    const body = await again.json()
    expect(body.fields?.email).toBe('An account with this email already exists. Sign in instead, or use another email.')
    expect(body.error).toBe(body.fields.email)
  })

  it('refuses a password under 8 characters with a message for the field', async () => {
    const srv = await server()
    const response = await registerRaw(srv, { email: uniqueEmail(), name: 'Short', password: '1234567' })
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.fields?.password).toMatch(/at least 8/)
    expect(body.error).toMatch(/at least 8/)
    expect(response.headers.get('set-cookie')).toBeNull()
    // Eight is enough.
    expect((await registerRaw(srv, { email: uniqueEmail(), name: 'Eight', password: '12345678' })).status).toBe(201)
  })

  it('accepts a long passphrase (64 characters and more) and signs in with it', async () => {
    const srv = await server()
    for (const length of [64, 100, 256]) {
      const email = uniqueEmail()
      const password = 'the quick brown fox jumps over the lazy dog, again and again! '.repeat(5).slice(0, length)
      expect(password).toHaveLength(length)
      expect((await registerRaw(srv, { email, name: 'Long', password })).status).toBe(201)
      expect((await signIn(srv, email, password)).status).toBe(200)
      // Not just its first part.
      expect((await signIn(srv, email, password.slice(0, 63))).status).toBe(401)
    }
  })
})

describe('signing in', () => {
  it('answers a wrong password and an unknown email with the same 401', async () => {
    const srv = await server()
    const person = await register(srv.url)
    const wrong = await signIn(srv, person.email, 'not the password')
    const unknown = await signIn(srv, uniqueEmail(), 'not the password')
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(await wrong.json()).toEqual(await unknown.json())
    expect(wrong.headers.get('set-cookie')).toBeNull()
    expect(unknown.headers.get('set-cookie')).toBeNull()
    const right = await signIn(srv, person.email, person.password)
    expect(right.status).toBe(200)
    expect(right.headers.get('set-cookie')).toMatch(/^uplift_session=[^;]+;.*HttpOnly.*SameSite=Lax/)
  })

  it('slows repeated failures down with 429 and Retry-After, even for the right password', async () => {
    const srv = await server()
    const person = await register(srv.url)
    const statuses: number[] = []
    let throttled: Response | null = null
    for (let attempt = 0; attempt < 12 && !throttled; attempt++) {
      const response = await signIn(srv, person.email, `wrong guess ${attempt}`)
      statuses.push(response.status)
      if (response.status === 429) throttled = response
      else await response.arrayBuffer()
    }
    expect(throttled, `statuses: ${statuses.join(', ')}`).not.toBeNull()
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true)
    expect(statuses.length).toBeGreaterThanOrEqual(3)
    const retryAfter = Number(throttled!.headers.get('retry-after'))
    expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true)
    expect((await throttled!.json()).error).toMatch(/too many/i)
    // While throttled, even the right password waits.
    const right = await signIn(srv, person.email, person.password)
    expect(right.status).toBe(429)
    expect(right.headers.get('set-cookie')).toBeNull()
    // After waiting, the right password works.
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100))
    expect((await signIn(srv, person.email, person.password)).status).toBe(200)
  })
})
