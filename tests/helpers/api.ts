// A small HTTP client for tests: a person with a cookie jar, or a script with a bearer token.
import type { PlanSummary, User } from '../../shared/api.ts'

export interface Person {
  user: User
  cookie: string
  email: string
  password: string
  /** Calls the API as this person (with their cookie and the server's own Origin). */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>
  json<T = any>(method: string, path: string, body?: unknown): Promise<T>
}

let counter = 0

export async function request(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(baseUrl + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    redirect: 'manual',
  })
}

export async function register(baseUrl: string, name = `Person ${++counter}`): Promise<Person> {
  const email = `person${Date.now()}-${++counter}@example.org`
  const password = 'correct horse battery'
  const response = await request(baseUrl, 'POST', '/api/auth/register', { email, name, password }, { origin: baseUrl })
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${await response.text()}`)
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]
  const { user } = (await response.json()) as { user: User }
  const person: Person = {
    user, cookie, email, password,
    call: (method, path, payload, headers = {}) => request(baseUrl, method, path, payload, { cookie, origin: baseUrl, ...headers }),
    json: async (method, path, payload) => {
      const res = await person.call(method, path, payload)
      if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${await res.text()}`)
      return res.status === 204 ? undefined : res.json()
    },
  }
  return person
}

export async function createPlan(person: Person, title = 'Raising attainment in maths', schoolName = 'Seaview Primary'): Promise<PlanSummary> {
  const { plan } = await person.json<{ plan: PlanSummary }>('POST', '/api/plans', { title, schoolName })
  return plan
}

/** Shares a plan with another person through an invitation link, as the owner would. */
export async function share(owner: Person, planId: string, guest: Person, role: 'editor' | 'viewer' | 'trustee', extra: Record<string, unknown> = {}): Promise<void> {
  const { invitation } = await owner.json('POST', `/api/plans/${planId}/invitations`, { role, ...extra })
  await guest.json('POST', `/api/invitations/${invitation.token}/accept`)
}
