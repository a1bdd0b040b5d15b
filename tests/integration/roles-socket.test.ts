// Roles on the collaboration socket: who may open it, who may write, and how a change of role reaches a
// connection that is already open.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { synced, testScope, type Cast } from '../helpers/scope.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import { type, type TestClient } from '../helpers/collab.ts'
import { storedText } from '../helpers/rawClient.ts'
import { eventually, type TestServer } from '../helpers/server.ts'
import { register, share } from '../helpers/api.ts'
import { ukLongDate } from '../../shared/plan/dates.ts'
import { endOfDecember, endOfMarchAfter } from '../helpers/endDates.ts'

const { client, cast } = testScope()

/** The owner's and the editor's clients in the cast's plan, both synced. */
async function ownerAndEditor(c: Cast) {
  const owner = client(c.srv.url, c.planId, c.owner)
  const editor = client(c.srv.url, c.planId, c.editor)
  await Promise.all([synced(owner), synced(editor)])
  return { owner, editor }
}

const liveText = (srv: TestServer, planId: string) =>
  srv.hub.readDocument(planId, (doc) => doc.getXmlFragment(PLAN_FRAGMENT).toString())


/** Writes `text` from `writer` and checks it reaches `reader`, the live plan and the store. */
async function writes(c: Cast, writer: TestClient, reader: TestClient, text: string): Promise<void> {
  type(writer, text)
  await eventually(() => expect(reader.text()).toContain(text))
  await eventually(async () => expect(await storedText(c.srv.documents, c.planId)).toContain(text))
  expect(writer.notices).toEqual([])
}

/**
 * Writes `text` from `writer` and checks it is refused: a write-refused notice, and neither `reader`,
 * the live plan nor the store ever has it (checked after a control change from `control` arrives).
 */
let controls = 0

async function refused(c: Cast, writer: TestClient, reader: TestClient, control: TestClient, text: string): Promise<void> {
  const before = writer.notices.filter((notice) => notice.kind === 'write-refused').length
  type(writer, text)
  await eventually(() => expect(writer.notices.filter((notice) => notice.kind === 'write-refused').length).toBeGreaterThan(before))
  const marker = `Control change number ${++controls}`
  type(control, marker)
  await eventually(() => expect(reader.text()).toContain(marker))
  expect(reader.text()).not.toContain(text)
  expect(await liveText(c.srv, c.planId)).not.toContain(text)
  expect(await storedText(c.srv.documents, c.planId)).not.toContain(text)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))

/**
 * An owner, an editor whose editing ends `endsInMs` from now, and a viewer watching, all connected, with the
 * server re-checking access every `sweepMs`; the editor has written once, before the end. The editor connects
 * with the end date already set (the server follows it from the start of the connection), but it is set
 * only once the plan is shared and the others are connected, so a slow machine's setup cannot use up the
 * time before it.
 */
async function editorEndingSoon(sweepMs: number, endsInMs: number) {
  const c = await cast({ parts: { accessSweepMs: sweepMs } })
  const owner = client(c.srv.url, c.planId, c.owner)
  const watcher = client(c.srv.url, c.planId, c.viewer)
  await Promise.all([synced(owner), synced(watcher)])
  const until = new Date(Date.now() + endsInMs).toISOString()
  await c.owner.json('PATCH', `/api/plans/${c.planId}/members/${c.editor.user.id}`, { role: 'editor', editorUntil: until })
  const editor = client(c.srv.url, c.planId, c.editor)
  await synced(editor)
  await eventually(() => expect(editor.access).toEqual({ role: 'editor', editorUntil: until }))
  await writes(c, editor, watcher, 'Written before the end date.')
  return { c, until, owner, editor, watcher }
}

/** How long to wait for the end date `until` to be acted on: until it passes, and a few seconds more. */
const pastTheEnd = (until: string) => Date.parse(until) - Date.now() + 5000

describe('roles on the collaboration socket', () => {
  it('lets the owner and an editor write: the change reaches others and is stored', async () => {
    const c = await cast()
    const owner = client(c.srv.url, c.planId, c.owner)
    const editor = client(c.srv.url, c.planId, c.editor)
    const viewer = client(c.srv.url, c.planId, c.viewer)
    await Promise.all([synced(owner), synced(editor), synced(viewer)])
    await writes(c, owner, editor, 'The owner wrote this.')
    await writes(c, editor, owner, 'The editor wrote this.')
    await eventually(() => {
      expect(viewer.text()).toContain('The owner wrote this.')
      expect(viewer.text()).toContain('The editor wrote this.')
    })
    // The server confirms what it stored to the writer.
    await eventually(() => expect(editor.stored?.get(editor.doc.clientID)).toBeGreaterThan(0))
    // Each connection is told on joining the access it has (a page offline during a change learns it so).
    expect([owner.access, editor.access, viewer.access]).toEqual([
      { role: 'owner', editorUntil: null }, { role: 'editor', editorUntil: null }, { role: 'viewer', editorUntil: null },
    ])
  })

  it('gives a viewer live updates but refuses their writes', async () => {
    const c = await cast()
    const owner = client(c.srv.url, c.planId, c.owner)
    const editor = client(c.srv.url, c.planId, c.editor)
    const viewer = client(c.srv.url, c.planId, c.viewer)
    await Promise.all([synced(owner), synced(editor), synced(viewer)])
    expect(viewer.text()).toContain('Raising attainment in maths')
    type(owner, 'Live to the viewer.')
    await eventually(() => expect(viewer.text()).toContain('Live to the viewer.'))
    expect(viewer.notices).toEqual([])
    await refused(c, viewer, editor, owner, 'The viewer tried to write this.')
    expect(viewer.notices.at(-1)).toMatchObject({ kind: 'write-refused' })
    expect(viewer.stored?.get(viewer.doc.clientID) ?? 0).toBe(0)
    // Still connected and still following.
    type(owner, 'Still live after the refusal.')
    await eventually(() => expect(viewer.text()).toContain('Still live after the refusal.'))
    expect(viewer.closes).toEqual([])
  })

  it.each([
    ['a trustee', 'trustee', CloseCode.noAccess.code],
    ['a stranger', 'stranger', CloseCode.noAccess.code],
    ['someone signed out', null, CloseCode.unauthenticated.code],
  ] as const)('closes %s with the named code, and sends nothing of the plan', async (_label, who, code) => {
    const c = await cast()
    const person = who ? c[who] : null
    const refusedClient = client(c.srv.url, c.planId, person)
    await eventually(() => expect(refusedClient.closes[0]?.code).toBe(code))
    expect(refusedClient.provider.synced).toBe(false)
    expect(refusedClient.text()).toBe('')
    // Said to someone who may never have had access: nothing about having lost it.
    expect(refusedClient.closes[0]?.reason).not.toContain('no longer')
    if (who === 'trustee' || who === 'stranger') {
      expect(refusedClient.closes[0]?.reason).toBe('You do not have access to this plan. Ask its owner to share it with you.')
    }
  })

  it('closes a forged session cookie with 4401', async () => {
    const c = await cast()
    const forged = { ...c.owner, cookie: 'uplift_session=not-a-real-session' }
    const refusedClient = client(c.srv.url, c.planId, forged)
    await eventually(() => expect(refusedClient.closes[0]?.code).toBe(CloseCode.unauthenticated.code))
    expect(refusedClient.text()).toBe('')
  })
})

describe('a role change reaches an open connection', () => {
  it('makes a demoted editor read-only without reconnecting', async () => {
    const c = await cast()
    const owner = client(c.srv.url, c.planId, c.owner)
    const editor = client(c.srv.url, c.planId, c.editor)
    const watcher = client(c.srv.url, c.planId, c.viewer)
    await Promise.all([synced(owner), synced(editor), synced(watcher)])
    await writes(c, editor, watcher, 'Written while still an editor.')
    const socket = editor.provider.ws

    const response = await c.owner.call('PATCH', `/api/plans/${c.planId}/members/${c.editor.user.id}`, { role: 'viewer' })
    expect(response.status).toBe(200)
    expect((await response.json()).member.role).toBe('viewer')
    // The page is told at once, so it can stop offering to edit before a write is refused.
    await eventually(() => expect(editor.notices).toContainEqual(expect.objectContaining({ kind: 'role-changed', role: 'viewer' })))
    // One sentence, not a label and a description stuck together.
    expect(editor.notices.find((notice) => notice.kind === 'role-changed')?.message)
      .toBe('Your role in this plan is now Viewer: you can follow the live plan but not change it.')

    await refused(c, editor, watcher, owner, 'Written after the demotion.')
    expect(editor.provider.ws).toBe(socket)
    expect(editor.closes).toEqual([])
    // Still following the plan.
    type(owner, 'The demoted editor still sees this.')
    await eventually(() => expect(editor.text()).toContain('The demoted editor still sees this.'))
  })

  it('lets a promoted viewer write without reconnecting', async () => {
    const c = await cast()
    const owner = client(c.srv.url, c.planId, c.owner)
    const viewer = client(c.srv.url, c.planId, c.viewer)
    await Promise.all([synced(owner), synced(viewer)])
    const socket = viewer.provider.ws
    await c.owner.json('PATCH', `/api/plans/${c.planId}/members/${c.viewer.user.id}`, { role: 'editor' })
    await eventually(() => expect(viewer.notices).toEqual([expect.objectContaining({ kind: 'role-changed', role: 'editor' })]))
    viewer.notices.length = 0
    await writes(c, viewer, owner, 'Written after the promotion.')
    expect(viewer.provider.ws).toBe(socket)
  })

  it('closes the socket of a removed member with 4403, and they cannot come back', async () => {
    const c = await cast()
    const { owner, editor } = await ownerAndEditor(c)
    expect((await c.owner.call('DELETE', `/api/plans/${c.planId}/members/${c.editor.user.id}`)).status).toBe(204)
    await eventually(() => expect(editor.closes[0]?.code).toBe(CloseCode.noAccess.code))
    // A new connection is refused too (y-websocket 3 stops retrying on 44xx by itself), and the owner
    // is untouched.
    const again = client(c.srv.url, c.planId, c.editor)
    await eventually(() => expect(again.closes[0]?.code).toBe(CloseCode.noAccess.code))
    expect(again.text()).toBe('')
    expect(owner.closes).toEqual([])
    type(owner, 'The owner carries on.')
    await eventually(async () => expect(await storedText(c.srv.documents, c.planId)).toContain('The owner carries on.'))
    expect(editor.text()).not.toContain('The owner carries on.')
  })

  it('tells a removed member what of theirs is stored before closing, so their page knows what was not saved', async () => {
    // Confirmations wait long here: without a last word before the close, the removed page would never hear.
    const c = await cast({ env: { STORED_ACK_DELAY_MS: '5000' } })
    const { owner, editor } = await ownerAndEditor(c)
    type(editor, 'Written just before the removal.')
    await eventually(() => expect(owner.text()).toContain('Written just before the removal.'))
    expect((await c.owner.call('DELETE', `/api/plans/${c.planId}/members/${c.editor.user.id}`)).status).toBe(204)
    await eventually(() => expect(editor.closes[0]?.code).toBe(CloseCode.noAccess.code))
    const clock = Y.getState(editor.doc.store, editor.doc.clientID)
    expect(editor.stored?.get(editor.doc.clientID)).toBe(clock)
    expect(await storedText(c.srv.documents, c.planId)).toContain('Written just before the removal.')
  })

  it('tells an editor made a viewer what of theirs is stored straight away, not after the usual wait', async () => {
    const c = await cast({ env: { STORED_ACK_DELAY_MS: '5000' } })
    const { owner, editor } = await ownerAndEditor(c)
    type(editor, 'Written just before the demotion.')
    await eventually(() => expect(owner.text()).toContain('Written just before the demotion.'))
    await c.owner.json('PATCH', `/api/plans/${c.planId}/members/${c.editor.user.id}`, { role: 'viewer' })
    await eventually(() => expect(editor.stored?.get(editor.doc.clientID)).toBe(Y.getState(editor.doc.store, editor.doc.clientID)), 2000)
    expect(editor.notices).toContainEqual(expect.objectContaining({ kind: 'role-changed', role: 'viewer' }))
  })

  it('closes the socket of an editor turned trustee with 4403', async () => {
    const c = await cast()
    const editor = client(c.srv.url, c.planId, c.editor)
    await synced(editor)
    await c.owner.json('PATCH', `/api/plans/${c.planId}/members/${c.editor.user.id}`, { role: 'trustee' })
    await eventually(() => expect(editor.closes[0]?.code).toBe(CloseCode.noAccess.code))
  })

  it('closes everyone\'s sockets when the plan is deleted, saying it was deleted', async () => {
    const c = await cast()
    const owner = client(c.srv.url, c.planId, c.owner)
    const viewer = client(c.srv.url, c.planId, c.viewer)
    await Promise.all([synced(owner), synced(viewer)])
    expect((await c.owner.call('DELETE', `/api/plans/${c.planId}`)).status).toBe(204)
    await eventually(() => {
      expect(owner.closes[0]?.code).toBe(CloseCode.planDeleted.code)
      expect(viewer.closes[0]?.code).toBe(CloseCode.planDeleted.code)
    })
    // And a deleted plan is as closed as one that never existed to anyone who tries again.
    const again = client(c.srv.url, c.planId, c.owner)
    await eventually(() => expect(again.closes[0]?.code).toBe(CloseCode.noAccess.code))
  })

  it('connects an editor whose end date has passed as a viewer', async () => {
    const c = await cast()
    const past = new Date(Date.now() - 60_000).toISOString()
    const patched = await c.owner.json('PATCH', `/api/plans/${c.planId}/members/${c.editor.user.id}`, { role: 'editor', editorUntil: past })
    expect(patched.member).toMatchObject({ role: 'viewer', grantedRole: 'editor', editorUntil: past })
    expect((await c.editor.json('GET', `/api/plans/${c.planId}`)).plan.role).toBe('viewer')
    // And HTTP follows the role in force: renaming is an editor's right.
    expect((await c.editor.call('PATCH', `/api/plans/${c.planId}`, { title: 'Renamed' })).status).toBe(403)

    const owner = client(c.srv.url, c.planId, c.owner)
    const lapsed = client(c.srv.url, c.planId, c.editor)
    const watcher = client(c.srv.url, c.planId, c.viewer)
    await Promise.all([synced(owner), synced(lapsed), synced(watcher)])
    await refused(c, lapsed, watcher, owner, 'Written after the secondment ended.')
  })

  it('makes an editor read-only when their end date passes during the connection', async () => {
    const { c, until, owner, editor, watcher } = await editorEndingSoon(200, 4000)
    const socket = editor.provider.ws

    // The server notices the end date and tells the page; not before the end date. The page is told why, and
    // that there is no end date to show any more.
    await eventually(() => expect(editor.notices).toContainEqual(expect.objectContaining({ kind: 'role-changed', role: 'viewer' })), pastTheEnd(until))
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until))
    expect(editor.notices.find((notice) => notice.kind === 'role-changed')).toEqual({
      kind: 'role-changed', role: 'viewer', editorUntil: null,
      message: `Your time as an editor of this plan ended on ${ukLongDate(until)}: you can now follow the live plan but not change it.`,
    })
    await refused(c, editor, watcher, owner, 'Written after the end date.')
    expect(editor.provider.ws).toBe(socket)
    expect(editor.closes).toEqual([])
  })
})

describe('a change to an editor\'s end date reaches their open page', () => {
  // The end of 31 December next year and of 31 March after it in London, as the Share dialog sends them.
  const december = endOfDecember.iso
  const march = endOfMarchAfter.iso

  it('tells the editor\'s open connections, and nobody else\'s, when only the end date changes', async () => {
    const c = await cast()
    const erin = await register(c.srv.url, 'Erin Editor')
    await share(c.owner, c.planId, erin, 'editor', { editorUntil: december })
    const member = `/api/plans/${c.planId}/members/${c.editor.user.id}`
    await c.owner.json('PATCH', member, { role: 'editor', editorUntil: december })
    const owner = client(c.srv.url, c.planId, c.owner)
    const editor = client(c.srv.url, c.planId, c.editor)
    // The same person in another tab.
    const editorTab = client(c.srv.url, c.planId, c.editor)
    const otherEditor = client(c.srv.url, c.planId, erin)
    const watcher = client(c.srv.url, c.planId, c.viewer)
    await Promise.all([owner, editor, editorTab, otherEditor, watcher].map(synced))
    const socket = editor.provider.ws
    const told = (editorUntil: string | null, message: string) => ({ kind: 'role-changed', role: 'editor', editorUntil, message })

    // Extended: still an editor, so only the end date is new.
    const extended = await c.owner.json('PATCH', member, { role: 'editor', editorUntil: march })
    expect(extended.member).toMatchObject({ role: 'editor', editorUntil: march })
    const later = told(march, `You can now edit this plan until the end of ${endOfMarchAfter.long}.`)
    await eventually(() => expect(editor.notices).toEqual([later]))
    await eventually(() => expect(editorTab.notices).toEqual([later]))

    // Removed, then set again where there was none.
    await c.owner.json('PATCH', member, { role: 'editor', editorUntil: null })
    await eventually(() => expect(editor.notices.at(-1)).toEqual(told(null, 'You can now edit this plan with no end date.')))
    await c.owner.json('PATCH', member, { role: 'editor', editorUntil: december })
    const again = told(december, `You can now edit this plan until the end of ${endOfDecember.long}.`)
    await eventually(() => expect(editor.notices.at(-1)).toEqual(again))
    // Saved again unchanged: nothing new to say (checked once a later change has reached the page).
    await c.owner.json('PATCH', member, { role: 'editor', editorUntil: december })

    type(owner, 'After the end date changes.')
    await Promise.all([editor, editorTab, otherEditor, watcher].map((reader) => eventually(() => expect(reader.text()).toContain('After the end date changes.'))))
    expect(editor.notices).toHaveLength(3)
    expect(editorTab.notices).toEqual(editor.notices)
    // Nobody else heard of it: not the owner who made the change, not another editor, not a viewer.
    expect(owner.notices).toEqual([])
    expect(otherEditor.notices).toEqual([])
    expect(watcher.notices).toEqual([])

    // Still an editor, on the same connection.
    type(editor, 'Still writing after the end date moved.')
    await eventually(() => expect(watcher.text()).toContain('Still writing after the end date moved.'))
    await eventually(async () => expect(await storedText(c.srv.documents, c.planId)).toContain('Still writing after the end date moved.'))
    expect(editor.provider.ws).toBe(socket)
    expect(editor.closes).toEqual([])
  })

  it('makes an editor read-only at their end date, not at the next periodic check', async () => {
    // The periodic check is a minute away: only following the end date itself can tell the page in time.
    const { c, until, owner, editor, watcher } = await editorEndingSoon(60_000, 4000)

    await eventually(() => expect(editor.notices).toContainEqual(expect.objectContaining({ kind: 'role-changed', role: 'viewer', editorUntil: null })), pastTheEnd(until))
    const toldAt = Date.now()
    expect(toldAt).toBeGreaterThanOrEqual(Date.parse(until))
    // Seconds late at most on a busy machine; the periodic check would be up to a minute.
    expect(toldAt - Date.parse(until)).toBeLessThan(3000)
    await refused(c, editor, watcher, owner, 'Written after the end date.')
    expect(owner.notices).toEqual([])
    expect(watcher.notices).toEqual([])
  })

  it('follows an end date moved while connected: not the old one, the new one', async () => {
    const c = await cast({ parts: { accessSweepMs: 60_000 } })
    const member = `/api/plans/${c.planId}/members/${c.editor.user.id}`
    const watcher = client(c.srv.url, c.planId, c.viewer)
    await synced(watcher)
    // The first end date is set once the plan is shared and the watcher connected, and far enough off that
    // the editor connects (with it) and the owner moves it before it comes, even on a busy machine.
    const first = new Date(Date.now() + 3000).toISOString()
    await c.owner.json('PATCH', member, { role: 'editor', editorUntil: first })
    const editor = client(c.srv.url, c.planId, c.editor)
    await synced(editor)
    await eventually(() => expect(editor.access).toEqual({ role: 'editor', editorUntil: first }))
    await c.owner.json('PATCH', member, { role: 'editor', editorUntil: march })
    await eventually(() => expect(editor.notices).toHaveLength(1))
    // Past the first end date: still an editor.
    await sleep(Date.parse(first) - Date.now() + 500)
    expect(editor.notices).toEqual([expect.objectContaining({ role: 'editor', editorUntil: march })])
    type(editor, 'Written after the first end date.')
    await eventually(() => expect(watcher.text()).toContain('Written after the first end date.'))
  })
})
