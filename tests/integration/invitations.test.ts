// Invitation links: they expire, they can be withdrawn, accepting one never lowers a role, and a link is
// used up only by someone it gives more access to.
import { describe, expect, it } from 'vitest'
import { createPlan, register, share, type Person } from '../helpers/api.ts'
import { eventually } from '../helpers/server.ts'
import { testScope } from '../helpers/scope.ts'

const { server } = testScope()

async function invite(owner: Person, planId: string, body: Record<string, unknown>): Promise<{ id: string; token: string }> {
  const response = await owner.call('POST', `/api/plans/${planId}/invitations`, body)
  expect(response.status).toBe(201)
  return (await response.json()).invitation
}

const roleIn = async (person: Person, planId: string) => (await person.json('GET', `/api/plans/${planId}`)).plan.role
const pendingIds = async (owner: Person, planId: string): Promise<string[]> =>
  (await owner.json('GET', `/api/plans/${planId}/invitations`)).invitations.map((invitation: { id: string }) => invitation.id)

describe('invitations', () => {
  it('shares a plan with the role of the link, previewed before accepting', async () => {
    const srv = await server()
    const owner = await register(srv.url, 'Olivia Owner')
    const guest = await register(srv.url, 'Gina Guest')
    const plan = await createPlan(owner)
    const link = await invite(owner, plan.id, { role: 'viewer' })
    expect((await guest.call('GET', `/api/plans/${plan.id}`)).status).toBe(404)
    const preview = await guest.json('GET', `/api/invitations/${link.token}`)
    expect(preview.invitation).toMatchObject({ planTitle: 'Raising attainment in maths', role: 'viewer', invitedBy: 'Olivia Owner', yourAccess: null })
    const accepted = await guest.call('POST', `/api/invitations/${link.token}/accept`)
    expect(accepted.status).toBe(200)
    expect(await accepted.json()).toMatchObject({ plan: { id: plan.id, role: 'viewer' }, invitationUsed: true })
    expect(await roleIn(guest, plan.id)).toBe('viewer')
    // The listing never shows the secret part of a link.
    const { invitations } = await owner.json('GET', `/api/plans/${plan.id}/invitations`)
    expect(JSON.stringify(invitations)).not.toContain(link.token)
  })

  it('refuses an expired link with 404 and says it has expired', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const guest = await register(srv.url)
    const plan = await createPlan(owner)
    // Far enough off that creating the link and previewing it finish first, even on a busy machine.
    const expiresAt = new Date(Date.now() + 5000).toISOString()
    const link = await invite(owner, plan.id, { role: 'editor', expiresAt })
    // Still good before the moment passes: the preview works.
    expect((await guest.call('GET', `/api/invitations/${link.token}`)).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(expiresAt) - Date.now()) + 50))

    for (const [method, path] of [['GET', `/api/invitations/${link.token}`], ['POST', `/api/invitations/${link.token}/accept`]]) {
      const response = await guest.call(method, path)
      expect(response.status).toBe(404)
      expect((await response.json()).error).toMatch(/expired/i)
    }
    expect((await guest.call('GET', `/api/plans/${plan.id}`)).status).toBe(404)
    expect((await guest.json('GET', '/api/plans')).plans).toEqual([])
  })

  it('refuses a link that would already have expired when created', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const plan = await createPlan(owner)
    const response = await owner.call('POST', `/api/plans/${plan.id}/invitations`, { role: 'viewer', expiresAt: new Date(Date.now() - 1000).toISOString() })
    expect(response.status).toBe(400)
    expect((await response.json()).fields?.expiresAt).toBeTruthy()
  })

  it('refuses a withdrawn link with 404 and says it may have been withdrawn', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const guest = await register(srv.url)
    const plan = await createPlan(owner)
    const link = await invite(owner, plan.id, { role: 'editor' })
    expect((await owner.call('DELETE', `/api/plans/${plan.id}/invitations/${link.id}`)).status).toBe(204)
    expect((await owner.json('GET', `/api/plans/${plan.id}/invitations`)).invitations).toEqual([])
    const response = await guest.call('POST', `/api/invitations/${link.token}/accept`)
    expect(response.status).toBe(404)
    expect((await response.json()).error).toMatch(/withdrawn/i)
    expect((await guest.call('GET', `/api/plans/${plan.id}`)).status).toBe(404)
    // Withdrawing it twice: it is gone.
    expect((await owner.call('DELETE', `/api/plans/${plan.id}/invitations/${link.id}`)).status).toBe(404)
  })

  it('refuses a made-up link, and a link of a deleted plan', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const guest = await register(srv.url)
    const plan = await createPlan(owner)
    expect((await guest.call('POST', '/api/invitations/not-a-real-link/accept')).status).toBe(404)
    expect((await guest.call('POST', `/api/invitations/${'x'.repeat(200)}/accept`)).status).toBe(404)
    const link = await invite(owner, plan.id, { role: 'editor' })
    expect((await owner.call('DELETE', `/api/plans/${plan.id}`)).status).toBe(204)
    expect((await guest.call('POST', `/api/invitations/${link.token}/accept`)).status).toBe(404)
    expect((await guest.json('GET', '/api/plans')).plans).toEqual([])
  })

  it('works once: a forwarded link lets nobody else in', async () => {
    const srv = await server()
    const owner = await register(srv.url, 'Owner')
    const first = await register(srv.url, 'First')
    const second = await register(srv.url, 'Second')
    const plan = await createPlan(owner)
    const { token } = await invite(owner, plan.id, { role: 'editor' })
    expect((await first.call('POST', `/api/invitations/${token}/accept`)).status).toBe(200)
    const refused = await second.call('POST', `/api/invitations/${token}/accept`)
    expect(refused.status).toBe(404)
    expect((await second.call('GET', `/api/plans/${plan.id}`)).status).toBe(404)
    expect((await owner.json('GET', `/api/plans/${plan.id}/invitations`)).invitations).toEqual([])
  })

  it('needs a signed-in person to accept', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const plan = await createPlan(owner)
    const link = await invite(owner, plan.id, { role: 'editor' })
    const response = await fetch(`${srv.url}/api/invitations/${link.token}/accept`, { method: 'POST', headers: { origin: srv.url } })
    expect(response.status).toBe(401)
  })

  it('never lowers a role someone already has, and leaves the link unused for the person it was meant for', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const editor = await register(srv.url)
    const viewer = await register(srv.url)
    const trustee = await register(srv.url, 'Tariq Trustee')
    const plan = await createPlan(owner)
    await share(owner, plan.id, editor, 'editor')
    await share(owner, plan.id, viewer, 'viewer')

    for (const role of ['viewer', 'trustee'] as const) {
      const link = await invite(owner, plan.id, { role })
      const accepted = await editor.call('POST', `/api/invitations/${link.token}/accept`)
      expect(accepted.status).toBe(200)
      expect(await accepted.json()).toMatchObject({ plan: { id: plan.id, role: 'editor' }, invitationUsed: false })
      expect(await pendingIds(owner, plan.id)).toContain(link.id)
    }
    // The owner trying their own links spends none of them.
    for (const role of ['viewer', 'trustee', 'editor'] as const) {
      const link = await invite(owner, plan.id, { role })
      expect(await (await owner.call('POST', `/api/invitations/${link.token}/accept`)).json())
        .toMatchObject({ plan: { role: 'owner' }, invitationUsed: false })
      expect(await pendingIds(owner, plan.id)).toContain(link.id)
    }
    const trusteeLink = await invite(owner, plan.id, { role: 'trustee' })
    expect((await viewer.json('POST', `/api/invitations/${trusteeLink.token}/accept`)).invitationUsed).toBe(false)
    expect(await roleIn(viewer, plan.id)).toBe('viewer')
    expect(await roleIn(editor, plan.id)).toBe('editor')
    // The trustee it was meant for can still use it, once.
    expect((await trustee.json('POST', `/api/invitations/${trusteeLink.token}/accept`)).invitationUsed).toBe(true)
    expect(await roleIn(trustee, plan.id)).toBe('trustee')
    expect(await pendingIds(owner, plan.id)).not.toContain(trusteeLink.id)
    // An editor's open-ended editing is not cut short by a link with an end date, and the link stays.
    const dated = await invite(owner, plan.id, { role: 'editor', editorUntil: new Date(Date.now() + 3_600_000).toISOString() })
    expect((await editor.json('POST', `/api/invitations/${dated.token}/accept`)).invitationUsed).toBe(false)
    const { members } = await owner.json('GET', `/api/plans/${plan.id}/members`)
    expect(members.find((m: { userId: string }) => m.userId === editor.user.id)).toMatchObject({ role: 'editor', editorUntil: null })
    expect(await pendingIds(owner, plan.id)).toContain(dated.id)
  })

  it('takes a link that gives more (a viewer opening an editor link): upgrades, and uses the link up', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const viewer = await register(srv.url)
    const other = await register(srv.url)
    const plan = await createPlan(owner)
    await share(owner, plan.id, viewer, 'viewer')
    const link = await invite(owner, plan.id, { role: 'editor' })
    const accepted = await viewer.json('POST', `/api/invitations/${link.token}/accept`)
    expect(accepted).toMatchObject({ plan: { role: 'editor' }, invitationUsed: true })
    expect(await roleIn(viewer, plan.id)).toBe('editor')
    expect(await pendingIds(owner, plan.id)).not.toContain(link.id)
    expect((await other.call('POST', `/api/invitations/${link.token}/accept`)).status).toBe(404)
  })

  it('tells a member opening a link that they already have access, and whether accepting would give more', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const editor = await register(srv.url)
    const viewer = await register(srv.url)
    const plan = await createPlan(owner)
    const until = new Date(Date.now() + 3_600_000).toISOString()
    await share(owner, plan.id, editor, 'editor', { editorUntil: until })
    await share(owner, plan.id, viewer, 'viewer')
    const trusteeLink = await invite(owner, plan.id, { role: 'trustee' })
    const editorLink = await invite(owner, plan.id, { role: 'editor' })

    const preview = async (person: Person, token: string) => (await person.json('GET', `/api/invitations/${token}`)).invitation
    expect((await preview(editor, trusteeLink.token)).yourAccess)
      .toEqual({ planId: plan.id, role: 'editor', editorUntil: until, acceptingGivesMore: false })
    expect((await preview(owner, trusteeLink.token)).yourAccess)
      .toEqual({ planId: plan.id, role: 'owner', editorUntil: null, acceptingGivesMore: false })
    expect((await preview(viewer, editorLink.token)).yourAccess)
      .toEqual({ planId: plan.id, role: 'viewer', editorUntil: null, acceptingGivesMore: true })
    // Open-ended editing is more than editing that ends.
    expect((await preview(editor, editorLink.token)).yourAccess).toMatchObject({ acceptingGivesMore: true })
    // Looking never uses a link.
    expect(await pendingIds(owner, plan.id)).toEqual(expect.arrayContaining([trusteeLink.id, editorLink.id]))
  })

  it('says when an editor link\'s editing ends, before and after accepting', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const guest = await register(srv.url)
    const plan = await createPlan(owner)
    const until = new Date(Date.now() + 3_600_000).toISOString()
    const link = await invite(owner, plan.id, { role: 'editor', editorUntil: until })
    expect((await guest.json('GET', `/api/invitations/${link.token}`)).invitation).toMatchObject({ role: 'editor', editorUntil: until })
    expect((await guest.json('POST', `/api/invitations/${link.token}/accept`)).plan).toMatchObject({ role: 'editor', editorUntil: until })
    expect((await guest.json('GET', `/api/plans/${plan.id}`)).plan.editorUntil).toBe(until)
    expect((await guest.json('GET', '/api/plans')).plans[0].editorUntil).toBe(until)
    // An owner or open-ended editor has no end date to be told about.
    expect((await owner.json('GET', `/api/plans/${plan.id}`)).plan.editorUntil).toBeNull()
  })

  it('lets an editor whose end date has passed edit again through a new editor link', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const seconded = await register(srv.url)
    const plan = await createPlan(owner)
    await share(owner, plan.id, seconded, 'editor', { editorUntil: new Date(Date.now() + 3_600_000).toISOString() })
    expect(await roleIn(seconded, plan.id)).toBe('editor')
    // The owner brings the end date forward to a moment from now, and it passes. (Set only once the editor
    // is seen editing, so a slow machine cannot let it pass before the test looks.)
    const member = `/api/plans/${plan.id}/members/${seconded.user.id}`
    await owner.json('PATCH', member, { role: 'editor', editorUntil: new Date(Date.now() + 300).toISOString() })
    await eventually(async () => expect(await roleIn(seconded, plan.id)).toBe('viewer'))

    // The owner extends the secondment by sending a new editor link with no end date.
    const link = await invite(owner, plan.id, { role: 'editor' })
    const accepted = await seconded.call('POST', `/api/invitations/${link.token}/accept`)
    expect(accepted.status).toBe(200)
    expect((await accepted.json()).plan.role).toBe('editor')
    expect(await roleIn(seconded, plan.id)).toBe('editor')
  })

  it('extends a dated secondment through a link that ends later, never shortens it', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const seconded = await register(srv.url)
    const plan = await createPlan(owner)
    const hour = 3_600_000
    const inOneHour = new Date(Date.now() + hour).toISOString()
    const inTwoHours = new Date(Date.now() + 2 * hour).toISOString()
    await share(owner, plan.id, seconded, 'editor', { editorUntil: inOneHour })
    const endOf = async () => (await owner.json('GET', `/api/plans/${plan.id}/members`)).members
      .find((m: { userId: string }) => m.userId === seconded.user.id).editorUntil
    const shorter = await invite(owner, plan.id, { role: 'editor', editorUntil: new Date(Date.now() + hour / 2).toISOString() })
    expect((await seconded.json('POST', `/api/invitations/${shorter.token}/accept`)).invitationUsed).toBe(false)
    expect(await endOf()).toBe(inOneHour)
    const longer = await invite(owner, plan.id, { role: 'editor', editorUntil: inTwoHours })
    await seconded.json('POST', `/api/invitations/${longer.token}/accept`)
    expect(await endOf()).toBe(inTwoHours)
  })

  it('gives an editor link\'s end date to the person who accepts it', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const guest = await register(srv.url)
    const plan = await createPlan(owner)
    // Far enough off that creating the link and accepting it finish first, even on a busy machine.
    const until = new Date(Date.now() + 5000).toISOString()
    const link = await invite(owner, plan.id, { role: 'editor', editorUntil: until })
    expect((await (await guest.call('POST', `/api/invitations/${link.token}/accept`)).json()).plan.role).toBe('editor')
    await eventually(async () => expect(await roleIn(guest, plan.id)).toBe('viewer'), Date.parse(until) - Date.now() + 5000)
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until))
    // Once editing has ended, the date is no longer theirs to be told about.
    expect((await guest.json('GET', `/api/plans/${plan.id}`)).plan.editorUntil).toBeNull()
    expect((await guest.call('PATCH', `/api/plans/${plan.id}`, { title: 'Too late' })).status).toBe(403)
  })
})
