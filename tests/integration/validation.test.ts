// Request validation: whatever arrives, the server answers with a clear 4xx and keeps serving.
import { request as httpRequest } from 'node:http'
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol.ts'
import { createPlan, register, type Person } from '../helpers/api.ts'
import { tryUpgrade } from '../helpers/rawClient.ts'
import type { TestServer } from '../helpers/server.ts'
import { testScope } from '../helpers/scope.ts'

const { server } = testScope()

/** Sends a body exactly as given (no JSON encoding), with the person's cookie and the server's origin. */
function rawCall(srv: TestServer, person: Person, method: string, path: string, body: string, contentType: string | null): Promise<Response> {
  return fetch(srv.url + path, {
    method,
    headers: { cookie: person.cookie, origin: srv.url, ...(contentType ? { 'content-type': contentType } : {}) },
    body,
  })
}

/** Streams a body with chunked transfer encoding (no Content-Length), for a limit that must count bytes. */
function chunkedPost(srv: TestServer, person: Person, path: string, totalBytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(srv.url + path, {
      method: 'POST',
      headers: { cookie: person.cookie, origin: srv.url, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    }, (res) => {
      let body = ''
      res.on('data', (chunk) => { body += chunk })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    const pump = () => {
      while (sent < totalBytes) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      req.end()
    }
    req.write('{"title":"')
    pump()
  })
}

async function stillServing(srv: TestServer, person: Person): Promise<void> {
  expect((await fetch(`${srv.url}/api/health`)).status).toBe(200)
  expect((await person.call('GET', '/api/plans')).status).toBe(200)
  expect((await person.call('POST', '/api/plans', { title: 'After the bad request', schoolName: 'Seaview' })).status).toBe(201)
}

describe('request validation', () => {
  it('answers malformed JSON with 400', async () => {
    const srv = await server()
    const person = await register(srv.url)
    const response = await rawCall(srv, person, 'POST', '/api/plans', '{"title": "Unclosed', 'application/json')
    expect(response.status).toBe(400)
    expect((await response.json()).error).toMatch(/not valid JSON/)
    expect((await rawCall(srv, person, 'POST', '/api/plans', '', 'application/json')).status).toBe(400)
    expect((await rawCall(srv, person, 'POST', '/api/plans', 'null', 'application/json')).status).toBe(400)
    expect((await rawCall(srv, person, 'POST', '/api/plans', '[1,2]', 'application/json')).status).toBe(400)
    await stillServing(srv, person)
  })

  it('answers a body that is not declared as JSON with 400', async () => {
    const srv = await server()
    const person = await register(srv.url)
    const body = JSON.stringify({ title: 'A plan', schoolName: 'Seaview' })
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', null]) {
      const response = await rawCall(srv, person, 'POST', '/api/plans', body, type)
      expect(response.status, String(type)).toBe(400)
      expect((await response.json()).error).toMatch(/Content-Type: application\/json/)
    }
    expect((await person.json('GET', '/api/plans')).plans).toEqual([])
    // With the right type and a charset, it is accepted.
    expect((await rawCall(srv, person, 'POST', '/api/plans', body, 'application/json; charset=utf-8')).status).toBe(201)
  })

  it('answers unknown fields with 400 naming the field, and does not apply them', async () => {
    const srv = await server()
    const first = await register(srv.url)
    const second = await register(srv.url)
    expect(second.user.isAdmin).toBe(false)
    const plan = await createPlan(first)
    const created = await second.call('POST', '/api/plans', { title: 'A plan', schoolName: 'Seaview', ownerId: first.user.id })
    expect(created.status).toBe(400)
    expect((await created.json()).error).toMatch(/ownerId/)
    const register2 = await fetch(`${srv.url}/api/auth/register`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: srv.url },
      body: JSON.stringify({ email: 'sneaky@example.org', name: 'Sneaky', password: 'correct horse battery', isAdmin: true }),
    })
    expect(register2.status).toBe(400)
    expect((await register2.json()).error).toMatch(/isAdmin/)
    const member = await first.call('PATCH', `/api/plans/${plan.id}/members/${first.user.id}`, { role: 'owner', planId: 'x' })
    expect(member.status).toBe(400)
    expect((await member.json()).error).toMatch(/planId/)
    const field = await first.call('PATCH', `/api/plans/${plan.id}`, { title: '' })
    expect(field.status).toBe(400)
    expect((await field.json()).fields?.title).toMatch(/required/)
    await stillServing(srv, second)
  })

  it('refuses a body over 1 MiB with 400, declared or streamed', async () => {
    const srv = await server()
    const person = await register(srv.url)
    const big = JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 10), schoolName: 'Seaview' })
    const declared = await rawCall(srv, person, 'POST', '/api/plans', big, 'application/json')
    expect(declared.status).toBe(400)
    expect((await declared.json()).error).toMatch(/larger than the 1024 KB/)
    // Without a Content-Length the limit counts the bytes as they come. The server stops reading and answers
    // at once, so a client still uploading may see the connection reset instead of the answer (Node's
    // client does, now and then); when it reads the answer, it is a 400.
    const streamed = await chunkedPost(srv, person, '/api/plans', 2 * 1024 * 1024).catch((error: NodeJS.ErrnoException) => error)
    if (streamed instanceof Error) expect(['ECONNRESET', 'EPIPE']).toContain(streamed.code)
    else {
      expect(streamed.status).toBe(400)
      expect(streamed.body).toMatch(/larger than/)
    }
    // Just under the limit is read in full (and then judged on its content).
    const fits = JSON.stringify({ title: 'x'.repeat(1024 * 1024 - 100), schoolName: 'Seaview' })
    const fitting = await rawCall(srv, person, 'POST', '/api/plans', fits, 'application/json')
    expect(fitting.status).toBe(400)
    expect((await fitting.json()).fields?.title).toMatch(/at most 160/)
    expect((await person.json('GET', '/api/plans')).plans).toEqual([])
    await stillServing(srv, person)
  })

  it('answers ids with dots, slashes or odd characters with 404, on the API and the socket', async () => {
    const srv = await server()
    const person = await register(srv.url)
    const plan = await createPlan(person)
    const bad = [
      '..%2F..%2Fmetadata.json', '..%2Fplans', 'a.b.c.d.e.f.g', `${plan.id}%2F..`, `${plan.id}.log`, '%2Fetc%2Fpasswd',
      '..%5C..%5Cwindows', `${plan.id}%00`, 'short', 'x'.repeat(300), '%E0%A4%A',
    ]
    for (const id of bad) {
      for (const path of [`/api/plans/${id}`, `/api/plans/${id}/members`, `/api/plans/${plan.id}/members/${id}`, `/api/plans/${plan.id}/invitations/${id}`]) {
        const response = await person.call('GET', path)
        expect(response.status, path).toBe(404)
        await response.arrayBuffer()
      }
      const outcome = await tryUpgrade(srv.url, id, { cookie: person.cookie })
      expect([{ refused: 404 }, { closed: CloseCode.noAccess.code }], id).toContainEqual(outcome)
    }
    await stillServing(srv, person)
    expect((await person.call('GET', `/api/plans/${plan.id}`)).status).toBe(200)
  })

  it('answers unknown addresses and methods without failing', async () => {
    const srv = await server()
    const person = await register(srv.url)
    expect((await person.call('GET', '/api/nothing-here')).status).toBe(404)
    const wrongMethod = await person.call('PUT', '/api/plans', { title: 'x', schoolName: 'y' })
    expect(wrongMethod.status).toBe(400)
    expect(wrongMethod.headers.get('allow')).toContain('POST')
    expect((await fetch(`${srv.url}/api/plans`)).status).toBe(401)
    await stillServing(srv, person)
  })
})
