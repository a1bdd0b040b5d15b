// Who may do what with a plan over HTTP: every role against every action, each cell on its own plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPlan, register, share, type Person } from '../helpers/api.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'

type Actor = 'owner' | 'editor' | 'viewer' | 'trustee' | 'stranger'
const ACTORS: Actor[] = ['owner', 'editor', 'viewer', 'trustee', 'stranger']

interface Fixture {
  planId: string
  /** A member (viewer) other than the actor, whom member actions target. */
  targetId: string
  invitationId: string
}

type Action = (person: Person, fixture: Fixture) => Promise<Response>

const ACTIONS: Record<string, Action> = {
  'GET plan': (p, f) => p.call('GET', `/api/plans/${f.planId}`),
  'PATCH rename': (p, f) => p.call('PATCH', `/api/plans/${f.planId}`, { title: 'A new title' }),
  'DELETE plan': (p, f) => p.call('DELETE', `/api/plans/${f.planId}`),
  'GET members': (p, f) => p.call('GET', `/api/plans/${f.planId}/members`),
  'PATCH member role': (p, f) => p.call('PATCH', `/api/plans/${f.planId}/members/${f.targetId}`, { role: 'editor' }),
  'DELETE member': (p, f) => p.call('DELETE', `/api/plans/${f.planId}/members/${f.targetId}`),
  'GET invitations': (p, f) => p.call('GET', `/api/plans/${f.planId}/invitations`),
  'POST invitation': (p, f) => p.call('POST', `/api/plans/${f.planId}/invitations`, { role: 'viewer' }),
  'DELETE invitation': (p, f) => p.call('DELETE', `/api/plans/${f.planId}/invitations/${f.invitationId}`),
}

// The table of issue 4. A stranger always gets 404, exactly as for a plan that does not exist.
const EXPECTED: Record<Actor, Record<string, number>> = {
  owner: {
    'GET plan': 200, 'PATCH rename': 200, 'DELETE plan': 204, 'GET members': 200, 'PATCH member role': 200,
    'DELETE member': 204, 'GET invitations': 200, 'POST invitation': 201, 'DELETE invitation': 204,
  },
  editor: {
    'GET plan': 200, 'PATCH rename': 200, 'DELETE plan': 403, 'GET members': 200, 'PATCH member role': 403,
    'DELETE member': 403, 'GET invitations': 403, 'POST invitation': 403, 'DELETE invitation': 403,
  },
  viewer: {
    'GET plan': 200, 'PATCH rename': 403, 'DELETE plan': 403, 'GET members': 200, 'PATCH member role': 403,
    'DELETE member': 403, 'GET invitations': 403, 'POST invitation': 403, 'DELETE invitation': 403,
  },
  trustee: {
    'GET plan': 200, 'PATCH rename': 403, 'DELETE plan': 403, 'GET members': 403, 'PATCH member role': 403,
    'DELETE member': 403, 'GET invitations': 403, 'POST invitation': 403, 'DELETE invitation': 403,
  },
  stranger: {
    'GET plan': 404, 'PATCH rename': 404, 'DELETE plan': 404, 'GET members': 404, 'PATCH member role': 404,
    'DELETE member': 404, 'GET invitations': 404, 'POST invitation': 404, 'DELETE invitation': 404,
  },
}

let srv: TestServer
const people = {} as Record<Actor | 'target', Person>

beforeAll(async () => {
  srv = await startTestServer()
  for (const name of [...ACTORS, 'target'] as const) people[name] = await register(srv.url, `The ${name}`)
})
afterAll(async () => {
  await srv?.dispose()
})

/** A fresh plan shared with the editor, viewer, trustee and target, with one open invitation. */
async function fixture(): Promise<Fixture> {
  const plan = await createPlan(people.owner)
  await share(people.owner, plan.id, people.editor, 'editor')
  await share(people.owner, plan.id, people.viewer, 'viewer')
  await share(people.owner, plan.id, people.trustee, 'trustee')
  await share(people.owner, plan.id, people.target, 'viewer')
  const { invitation } = await people.owner.json('POST', `/api/plans/${plan.id}/invitations`, { role: 'editor' })
  return { planId: plan.id, targetId: people.target.user.id, invitationId: invitation.id }
}

describe('roles over HTTP', () => {
  it.each(ACTORS)('gives the %s exactly the statuses of the table', async (actor) => {
    const actual: Record<string, number> = {}
    await Promise.all(Object.entries(ACTIONS).map(async ([name, action]) => {
      const f = await fixture()
      const response = await action(people[actor], f)
      actual[name] = response.status
      await response.arrayBuffer()
    }))
    expect(actual).toEqual(EXPECTED[actor])
  })

  it('changes nothing when an action is refused', async () => {
    const f = await fixture()
    for (const actor of ['editor', 'viewer', 'trustee', 'stranger'] as const) {
      await (await ACTIONS['DELETE member'](people[actor], f)).arrayBuffer()
      await (await ACTIONS['PATCH member role'](people[actor], f)).arrayBuffer()
      await (await ACTIONS['DELETE invitation'](people[actor], f)).arrayBuffer()
      if (actor !== 'editor') await (await ACTIONS['PATCH rename'](people[actor], f)).arrayBuffer()
      await (await ACTIONS['DELETE plan'](people[actor], f)).arrayBuffer()
    }
    const { plan } = await people.owner.json('GET', `/api/plans/${f.planId}`)
    expect(plan.title).toBe('Raising attainment in maths')
    const { members } = await people.owner.json('GET', `/api/plans/${f.planId}/members`)
    expect(members.find((m: { userId: string }) => m.userId === f.targetId)?.role).toBe('viewer')
    const { invitations } = await people.owner.json('GET', `/api/plans/${f.planId}/invitations`)
    expect(invitations.map((i: { id: string }) => i.id)).toContain(f.invitationId)
  })

  it('answers a stranger exactly as it answers for a plan that does not exist', async () => {
    const f = await fixture()
    const missing: Fixture = { planId: 'NoSuchPlan00000000000001', targetId: f.targetId, invitationId: f.invitationId }
    for (const [name, action] of Object.entries(ACTIONS)) {
      const real = await action(people.stranger, f)
      const absent = await action(people.stranger, missing)
      expect({ name, status: real.status, body: await real.json() }).toEqual({ name, status: absent.status, body: await absent.json() })
    }
    // And the plan is not in the stranger's list.
    const { plans } = await people.stranger.json('GET', '/api/plans')
    expect(plans.map((p: { id: string }) => p.id)).not.toContain(f.planId)
  })

  it('refuses a forbidden action with a sentence naming the role', async () => {
    const f = await fixture()
    const response = await ACTIONS['DELETE plan'](people.viewer, f)
    expect(response.status).toBe(403)
    expect((await response.json()).error).toMatch(/viewer/)
  })

  it('lists the roles in force, and the plan in each member\'s list with their role', async () => {
    const f = await fixture()
    const { members } = await people.viewer.json('GET', `/api/plans/${f.planId}/members`)
    const roles = Object.fromEntries(members.map((m: { userId: string; role: string }) => [m.userId, m.role]))
    expect(roles).toEqual({
      [people.owner.user.id]: 'owner', [people.editor.user.id]: 'editor', [people.viewer.user.id]: 'viewer',
      [people.trustee.user.id]: 'trustee', [people.target.user.id]: 'viewer',
    })
    for (const actor of ['editor', 'viewer', 'trustee'] as const) {
      const { plans } = await people[actor].json('GET', '/api/plans')
      expect(plans.find((p: { id: string }) => p.id === f.planId)?.role).toBe(actor)
    }
  })

  it('shows email addresses only to owners, who manage sharing', async () => {
    const f = await fixture()
    const emails = { owner: people.owner.email, editor: people.editor.email, viewer: people.viewer.email, trustee: people.trustee.email, target: people.target.email }
    const owners = await people.owner.json('GET', `/api/plans/${f.planId}/members`)
    expect(owners.members.map((m: { email?: string }) => m.email).sort()).toEqual(Object.values(emails).sort())
    for (const actor of ['editor', 'viewer'] as const) {
      const response = await people[actor].call('GET', `/api/plans/${f.planId}/members`)
      expect(response.status).toBe(200)
      const body = await response.text()
      // Names and roles, but not one address, their own included: not merely hidden by the page.
      expect(JSON.parse(body).members.map((m: { name: string }) => m.name)).toContain('The owner')
      for (const email of Object.values(emails)) expect(body).not.toContain(email)
      expect(JSON.parse(body).members.every((m: object) => !('email' in m))).toBe(true)
    }
  })

  it('lets any member leave, but keeps at least one owner', async () => {
    const f = await fixture()
    for (const actor of ['editor', 'viewer', 'trustee'] as const) {
      const left = await people[actor].call('DELETE', `/api/plans/${f.planId}/members/${people[actor].user.id}`)
      expect(left.status).toBe(204)
      expect((await people[actor].call('GET', `/api/plans/${f.planId}`)).status).toBe(404)
    }
    const lastOwner = await people.owner.call('DELETE', `/api/plans/${f.planId}/members/${people.owner.user.id}`)
    expect(lastOwner.status).toBe(409)
    const demoted = await people.owner.call('PATCH', `/api/plans/${f.planId}/members/${people.owner.user.id}`, { role: 'editor' })
    expect(demoted.status).toBe(409)
    expect((await people.owner.json('GET', `/api/plans/${f.planId}`)).plan.role).toBe('owner')
  })
})
