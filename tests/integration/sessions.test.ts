// Sessions, origins and personal tokens: the cookie only works from Uplift's own pages, a token works
// from anywhere until it is deleted, and ending a session closes the sockets opened with it.
import { describe, expect, it } from 'vitest'
import { synced, testScope } from '../helpers/scope.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { createPlan, register, request, share, type Person } from '../helpers/api.ts'
import { type } from '../helpers/collab.ts'
import { storedText, tryUpgrade } from '../helpers/rawClient.ts'
import { eventually, type TestServer } from '../helpers/server.ts'

const { server, client } = testScope()

const EVIL = 'https://evil.example'

/** Signs the same person in again: a second session (another browser). */
async function signInAgain(srv: TestServer, person: Person): Promise<Person> {
  const response = await request(srv.url, 'POST', '/api/auth/signin', { email: person.email, password: person.password }, { origin: srv.url })
  expect(response.status).toBe(200)
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]
  expect(cookie).toMatch(/^uplift_session=./)
  expect(cookie).not.toBe(person.cookie)
  return {
    ...person, cookie,
    call: (method, path, body, headers = {}) => request(srv.url, method, path, body, { cookie, origin: srv.url, ...headers }),
  }
}

async function createToken(person: Person, name = 'Reporting script'): Promise<{ id: string; token: string }> {
  const response = await person.call('POST', '/api/tokens', { name })
  expect(response.status).toBe(201)
  const { token } = await response.json()
  return token
}

describe('origins', () => {
  it('refuses a cross-origin socket upgrade even with a valid cookie', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const plan = await createPlan(owner)
    expect(await tryUpgrade(srv.url, plan.id, { cookie: owner.cookie, origin: EVIL })).toEqual({ refused: 403 })
    expect(await tryUpgrade(srv.url, plan.id, { cookie: owner.cookie, origin: 'null' })).toEqual({ refused: 403 })
    // The same upgrade from the server's own origin is accepted and stays open.
    expect(await tryUpgrade(srv.url, plan.id, { cookie: owner.cookie }, 300)).toEqual({ open: true })
  })

  it('refuses a cookie-authenticated change from a foreign origin, and changes nothing', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const plan = await createPlan(owner)
    const post = await owner.call('POST', '/api/plans', { title: 'Forged', schoolName: 'Evil Academy' }, { origin: EVIL })
    expect(post.status).toBe(403)
    expect((await post.json()).error).toMatch(/another website/)
    const patch = await owner.call('PATCH', `/api/plans/${plan.id}`, { title: 'Forged' }, { origin: EVIL })
    expect(patch.status).toBe(403)
    const invite = await owner.call('POST', `/api/plans/${plan.id}/invitations`, { role: 'editor' }, { origin: EVIL })
    expect(invite.status).toBe(403)
    const remove = await owner.call('DELETE', `/api/plans/${plan.id}`, undefined, { origin: EVIL })
    expect(remove.status).toBe(403)
    const signOut = await owner.call('POST', '/api/auth/signout', undefined, { origin: EVIL })
    expect(signOut.status).toBe(403)

    const { plans } = await owner.json('GET', '/api/plans')
    expect(plans.map((p: { title: string }) => p.title)).toEqual(['Raising attainment in maths'])
    expect((await owner.json('GET', `/api/plans/${plan.id}/invitations`)).invitations).toEqual([])
    // The same POST from the server's own origin works.
    expect((await owner.call('POST', '/api/plans', { title: 'Own page', schoolName: 'Seaview' })).status).toBe(201)
  })

  it('does not let another Authorization scheme carry a cookie past the origin check', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const response = await owner.call('POST', '/api/plans', { title: 'Forged', schoolName: 'Evil Academy' }, { origin: EVIL, authorization: 'Basic Zm9vOmJhcg==' })
    expect(response.status).toBe(403)
    expect((await owner.json('GET', '/api/plans')).plans).toEqual([])
  })
})

describe('personal tokens', () => {
  it('shows the token once, and it works as a bearer token from any origin', async () => {
    const srv = await server()
    const owner = await register(srv.url, 'Olivia Owner')
    const created = await createToken(owner)
    expect(created.token).toMatch(/^upl_./)
    const { tokens } = await owner.json('GET', '/api/tokens')
    expect(tokens).toHaveLength(1)
    expect(tokens[0].id).toBe(created.id)
    expect(tokens[0]).not.toHaveProperty('token')
    expect(JSON.stringify(tokens)).not.toContain(created.token)

    const bearer = { authorization: `Bearer ${created.token}` }
    const post = await request(srv.url, 'POST', '/api/plans', { title: 'By script', schoolName: 'Seaview' }, { ...bearer, origin: EVIL })
    expect(post.status).toBe(201)
    const me = await request(srv.url, 'GET', '/api/auth/me', undefined, bearer)
    expect((await me.json()).user.id).toBe(owner.user.id)
    const { plans } = await owner.json('GET', '/api/plans')
    expect(plans.map((p: { title: string }) => p.title)).toContain('By script')
    // A token cannot mint more tokens.
    expect((await request(srv.url, 'POST', '/api/tokens', { name: 'Another' }, bearer)).status).toBe(403)
    // Nor does a made-up one work, with or without the prefix.
    expect((await request(srv.url, 'GET', '/api/plans', undefined, { authorization: 'Bearer upl_madeup' })).status).toBe(401)
    expect((await request(srv.url, 'GET', '/api/plans', undefined, { authorization: 'Bearer madeup' })).status).toBe(401)
  })

  it('opens the socket with ?token= and no cookie, with the person\'s role', async () => {
    const srv = await server()
    const owner = await register(srv.url, 'Olivia Owner')
    const viewer = await register(srv.url, 'Vera Viewer')
    const plan = await createPlan(owner)
    await share(owner, plan.id, viewer, 'viewer')
    const ownerToken = await createToken(owner)
    const viewerToken = await createToken(viewer)

    const byToken = client(srv.url, plan.id, null, { params: { token: ownerToken.token } })
    const viewerByToken = client(srv.url, plan.id, null, { params: { token: viewerToken.token } })
    await Promise.all([synced(byToken), synced(viewerByToken)])
    type(byToken, 'Written over a token.')
    await eventually(() => expect(viewerByToken.text()).toContain('Written over a token.'))
    await eventually(async () => expect(await storedText(srv.documents, plan.id)).toContain('Written over a token.'))
    type(viewerByToken, 'A viewer token cannot write.')
    await eventually(() => expect(viewerByToken.notices.map((n) => n.kind)).toContain('write-refused'))

    const bogus = client(srv.url, plan.id, null, { params: { token: 'upl_not-a-token' } })
    await eventually(() => expect(bogus.closes[0]?.code).toBe(CloseCode.unauthenticated.code))
  })

  it('stops working everywhere once deleted', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const plan = await createPlan(owner)
    const created = await createToken(owner)
    const bearer = { authorization: `Bearer ${created.token}` }
    const open = client(srv.url, plan.id, null, { params: { token: created.token } })
    await synced(open)

    expect((await owner.call('DELETE', `/api/tokens/${created.id}`)).status).toBe(204)
    expect((await owner.json('GET', '/api/tokens')).tokens).toEqual([])
    expect((await request(srv.url, 'GET', '/api/plans', undefined, bearer)).status).toBe(401)
    expect((await request(srv.url, 'POST', '/api/plans', { title: 'Late', schoolName: 'S' }, bearer)).status).toBe(401)
    const fresh = client(srv.url, plan.id, null, { params: { token: created.token } })
    await eventually(() => expect(fresh.closes[0]?.code).toBe(CloseCode.unauthenticated.code))
    // A socket opened with the token before it was deleted is closed too.
    await eventually(() => expect(open.closes[0]?.code).toBe(CloseCode.unauthenticated.code))
    // Deleting it again, or someone else's, says it does not exist.
    expect((await owner.call('DELETE', `/api/tokens/${created.id}`)).status).toBe(404)
  })

  it('does not let one person delete another\'s token', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const other = await register(srv.url)
    const created = await createToken(owner)
    expect((await other.call('DELETE', `/api/tokens/${created.id}`)).status).toBe(404)
    expect((await request(srv.url, 'GET', '/api/plans', undefined, { authorization: `Bearer ${created.token}` })).status).toBe(200)
  })
})

describe('ending sessions closes their sockets', () => {
  it('closes the sockets of a session that signs out with 4401, and only those', async () => {
    const srv = await server()
    const owner = await register(srv.url, 'Olivia Owner')
    const plan = await createPlan(owner)
    const laptop = owner
    const tablet = await signInAgain(srv, owner)
    const onLaptop = client(srv.url, plan.id, laptop)
    const onTablet = client(srv.url, plan.id, tablet)
    await Promise.all([synced(onLaptop), synced(onTablet)])

    const out = await tablet.call('POST', '/api/auth/signout')
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/uplift_session=;.*Max-Age=0/)
    await eventually(() => expect(onTablet.closes[0]?.code).toBe(CloseCode.unauthenticated.code))
    expect((await tablet.call('GET', '/api/auth/me')).status).toBe(401)
    // The other session carries on.
    expect(onLaptop.closes).toEqual([])
    type(onLaptop, 'The laptop is still signed in.')
    await eventually(async () => expect(await storedText(srv.documents, plan.id)).toContain('The laptop is still signed in.'))
    expect((await laptop.call('GET', '/api/auth/me')).status).toBe(200)
  })

  it('signs out every other session on a password change and closes their sockets', async () => {
    const srv = await server()
    const owner = await register(srv.url, 'Olivia Owner')
    const plan = await createPlan(owner)
    const here = owner
    const elsewhere = await signInAgain(srv, owner)
    const onHere = client(srv.url, plan.id, here)
    const onElsewhere = client(srv.url, plan.id, elsewhere)
    await Promise.all([synced(onHere), synced(onElsewhere)])

    const wrong = await here.call('POST', '/api/auth/password', { currentPassword: 'not my password', newPassword: 'a brand new password' })
    expect(wrong.status).toBe(400)
    const refusal = await wrong.json()
    expect(refusal.fields?.currentPassword).toBe('Your current password is not right.')
    expect(refusal.error).toBe(refusal.fields.currentPassword)
    expect((await elsewhere.call('GET', '/api/auth/me')).status).toBe(200)
    // The same password again is refused (it would only sign everyone else out), and signs nobody out.
    const same = await here.call('POST', '/api/auth/password', { currentPassword: owner.password, newPassword: owner.password })
    expect(same.status).toBe(400)
    expect((await same.json()).fields?.newPassword).toBe('Your new password is the same as your current one. Choose a different one.')
    expect((await elsewhere.call('GET', '/api/auth/me')).status).toBe(200)

    const changed = await here.call('POST', '/api/auth/password', { currentPassword: owner.password, newPassword: 'a brand new password' })
    expect(changed.status).toBe(204)
    await eventually(() => expect(onElsewhere.closes[0]?.code).toBe(CloseCode.unauthenticated.code))
    expect((await elsewhere.call('GET', '/api/auth/me')).status).toBe(401)
    // The session that changed it stays signed in, with its socket open.
    expect(onHere.closes).toEqual([])
    expect((await here.call('GET', '/api/auth/me')).status).toBe(200)
    // The old password no longer works; the new one does.
    const old = await request(srv.url, 'POST', '/api/auth/signin', { email: owner.email, password: owner.password }, { origin: srv.url })
    expect(old.status).toBe(401)
    const fresh = await request(srv.url, 'POST', '/api/auth/signin', { email: owner.email, password: 'a brand new password' }, { origin: srv.url })
    expect(fresh.status).toBe(200)
  })
})
