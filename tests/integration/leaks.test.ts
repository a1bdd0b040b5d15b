// Plan text, names, passwords and tokens never appear in the server's logs or in error bodies.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createPlan, register, request, share } from '../helpers/api.ts'
import { connect, type } from '../helpers/collab.ts'
import { spawnServer } from '../helpers/process.ts'
import { openRaw, paragraphUpdate, syncFrame } from '../helpers/rawClient.ts'
import { eventually } from '../helpers/server.ts'
import * as Y from 'yjs'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const CANARY = {
  planText: 'CANARYPLANTEXT7731',
  title: 'CANARYTITLE4410',
  name: 'CANARYNAME9912',
  password: 'CANARYPASSWORD5521xyz',
  school: 'CANARYSCHOOL3301',
}

describe('nothing sensitive leaks', () => {
  it('keeps canary strings out of logs and error bodies', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'uplift-leaks-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const server = await spawnServer(dataDir, { MAX_FRAME_BYTES: '4096' })
    cleanups.push(() => server.kill())
    const bodies: string[] = []
    // Error bodies only: a successful answer to a person about themselves may name them.
    const collect = async (response: Response) => {
      if (!response.ok) bodies.push(await response.clone().text())
      return response
    }

    // An account whose name and password are canaries.
    const email = 'canary@example.org'
    const registered = await collect(await request(server.url, 'POST', '/api/auth/register', { email, name: CANARY.name, password: CANARY.password }, { origin: server.url }))
    const cookie = (registered.headers.get('set-cookie') ?? '').split(';')[0]
    const owner = await register(server.url, 'Other Owner')
    const plan = await createPlan(owner, CANARY.title, CANARY.school)
    const viewer = await register(server.url, CANARY.name + ' viewer')
    await share(owner, plan.id, viewer, 'viewer')

    // Failures that carry the canaries in what was sent.
    await collect(await request(server.url, 'POST', '/api/auth/signin', { email, password: CANARY.password + 'wrong' }, { origin: server.url }))
    await collect(await request(server.url, 'POST', '/api/auth/signin', { email: 'nobody@example.org', password: CANARY.password }, { origin: server.url }))
    await collect(await request(server.url, 'POST', '/api/auth/register', { email, name: CANARY.name, password: CANARY.password }, { origin: server.url }))
    await collect(await request(server.url, 'POST', '/api/auth/register', { email: 'short@example.org', name: CANARY.name, password: 'short' }, { origin: server.url }))
    await collect(await request(server.url, 'POST', '/api/plans', { title: CANARY.title, schoolName: CANARY.school, templateId: CANARY.title }, { cookie, origin: server.url }))
    await collect(await request(server.url, 'POST', '/api/plans', { title: CANARY.title.repeat(100), schoolName: CANARY.school }, { cookie, origin: server.url }))
    await collect(await fetch(`${server.url}/api/plans`, { method: 'POST', headers: { cookie, origin: server.url, 'content-type': 'application/json' }, body: `{"title": "${CANARY.title}", broken` }))
    await collect(await request(server.url, 'POST', '/api/auth/password', { currentPassword: CANARY.password + 'x', newPassword: CANARY.password }, { cookie, origin: server.url }))
    await collect(await request(server.url, 'GET', `/api/invitations/${CANARY.password}`, undefined, { cookie }))
    await collect(await request(server.url, 'POST', '/api/plans', { title: CANARY.title, schoolName: CANARY.school }, { cookie, origin: 'https://evil.example' }))

    // Plan text typed by the owner, a refused write by the viewer, oversized and broken frames.
    const writer = connect(server.url, plan.id, owner)
    cleanups.push(() => writer.destroy())
    await eventually(() => expect(writer.provider.synced).toBe(true))
    type(writer, CANARY.planText)
    const raw = await openRaw(server.url, plan.id, { cookie: viewer.cookie })
    await raw.sync()
    raw.send(syncFrame(2, paragraphUpdate(raw.doc, CANARY.planText + ' refused')))
    await eventually(() => expect(raw.notices.length).toBeGreaterThan(0))
    const big = await openRaw(server.url, plan.id, { cookie: viewer.cookie })
    big.send(syncFrame(2, paragraphUpdate(new Y.Doc(), CANARY.planText.repeat(400))))
    await big.closed
    const broken = await openRaw(server.url, plan.id, { cookie: viewer.cookie })
    broken.send(new TextEncoder().encode(`\x00\x02${CANARY.planText}`))
    await broken.closed

    await new Promise((resolve) => setTimeout(resolve, 200))
    await server.kill('SIGTERM')
    const everything = server.output() + '\n' + bodies.join('\n')
    const found = Object.entries(CANARY).filter(([, canary]) => everything.includes(canary)).map(([where]) => where)
    console.log(`leaks: ${bodies.length} error bodies and ${server.output().split('\n').length} log lines checked; canaries found: ${found.length}`)
    expect(found).toEqual([])
    // The checks had something to look at: the refusals were logged.
    expect(server.output()).toContain('write refused')
  })
})
