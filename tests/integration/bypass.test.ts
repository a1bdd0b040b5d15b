// A viewer with a hand-built client tries to write anyway, in every shape the protocol allows, and to
// speak for someone else in the presence channel. Nothing of it may be applied, stored or relayed.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { synced, testScope } from '../helpers/scope.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import { createPlan, register, share, type Person } from '../helpers/api.ts'
import { type, type TestClient } from '../helpers/collab.ts'
import {
  awarenessFrame, concatFrames, deleteAllUpdate, openRaw, paragraphUpdate, storedText, syncFrame, syncStep1Frame,
  type RawClient,
} from '../helpers/rawClient.ts'
import { eventually, startTestServer, type TestServer } from '../helpers/server.ts'

const { server, client, defer } = testScope()

async function raw(...args: Parameters<typeof openRaw>): Promise<RawClient> {
  const made = await openRaw(...args)
  defer(() => made.close())
  return made
}


interface Scene {
  srv: TestServer
  planId: string
  owner: Person
  viewer: Person
  /** The owner's provider: writes the control changes. */
  author: TestClient
  /** An editor's provider: what every other participant sees. */
  watcher: TestClient
  /** The viewer's hand-built client, synced. */
  attacker: RawClient
}

async function scene(options: Parameters<typeof startTestServer>[0] = {}): Promise<Scene> {
  const srv = await server(options)
  const owner = await register(srv.url, 'Olivia Owner')
  const editor = await register(srv.url, 'Eddie Editor')
  const viewer = await register(srv.url, 'Vera Viewer')
  const plan = await createPlan(owner)
  await share(owner, plan.id, editor, 'editor')
  await share(owner, plan.id, viewer, 'viewer')
  const author = client(srv.url, plan.id, owner)
  const watcher = client(srv.url, plan.id, editor)
  await Promise.all([synced(author), synced(watcher)])
  const attacker = await raw(srv.url, plan.id, { cookie: viewer.cookie })
  await attacker.sync()
  expect(attacker.text()).toContain('Raising attainment in maths')
  return { srv, planId: plan.id, owner, viewer, author, watcher, attacker }
}

const liveText = (srv: TestServer, planId: string) =>
  srv.hub.readDocument(planId, (doc) => doc.getXmlFragment(PLAN_FRAGMENT).toString())

/**
 * Sends `frame` from the attacker, waits for the server's refusal notice, then proves the channel still
 * works (an editor's later change reaches everyone) before checking that `secret` went nowhere.
 */
async function attempt(s: Scene, frameBytes: Uint8Array, secret: string, label: string): Promise<void> {
  const refusalsBefore = s.attacker.notices.filter((notice) => notice.kind === 'write-refused').length
  s.attacker.send(frameBytes)
  await eventually(() => {
    const refusals = s.attacker.notices.filter((notice) => notice.kind === 'write-refused')
    expect(refusals.length).toBeGreaterThan(refusalsBefore)
    expect(refusals.at(-1)!.message).toMatch(/not saved/i)
  })
  // Control: a change made after the attempt reaches the editor and the viewer. Appends resolve in order,
  // so had the attempt been stored, it would have been relayed before this one.
  const marker = `Control change after ${label}`
  type(s.author, marker)
  await eventually(() => {
    expect(s.watcher.text()).toContain(marker)
    expect(s.attacker.text()).toContain(marker)
  })
  expect(s.attacker.closeInfo).toBeNull()
  expect(s.watcher.text()).not.toContain(secret)
  expect(s.author.text()).not.toContain(secret)
  expect(await liveText(s.srv, s.planId)).not.toContain(secret)
  expect(await storedText(s.srv.documents, s.planId)).not.toContain(secret)
}

describe('a viewer cannot write with a hand-built client', () => {
  const shapes: [string, (update: Uint8Array) => Uint8Array][] = [
    ['a sync update (type 0, kind 2)', (update) => syncFrame(2, update)],
    ['sync step 2 (type 0, kind 1)', (update) => syncFrame(1, update)],
    ['an update with the message type over-long ([0x80,0x00])', (update) => syncFrame(2, update, [0x80, 0x00, 0x02])],
    ['step 2 with type and kind over-long ([0x80,0x00],[0x81,0x00])', (update) => syncFrame(1, update, [0x80, 0x00, 0x81, 0x00])],
    ['an update with type and kind over-long ([0x80,0x80,0x00],[0x82,0x80,0x00])', (update) => syncFrame(2, update, [0x80, 0x80, 0x00, 0x82, 0x80, 0x00])],
    ['sync step 1 and an update packed in one frame', (update) => concatFrames(syncStep1Frame(new Uint8Array([0])), syncFrame(2, update))],
    ['an awareness message and step 2 packed in one frame', (update) => concatFrames(awarenessFrame([{ clientId: 777, clock: 1, state: {} }]), syncFrame(1, update))],
    ['an auth message and an update packed in one frame', (update) => concatFrames(new Uint8Array([2, 0]), syncFrame(2, update))],
  ]

  it.each(shapes)('refuses %s: not applied, not stored, not relayed, and says so', async (label, build) => {
    const s = await scene()
    const secret = `Injected by the viewer via ${label}`
    await attempt(s, build(paragraphUpdate(s.attacker.doc, secret)), secret, label)
  })

  it('refuses a deletion of the whole plan sent as an update', async () => {
    const s = await scene()
    const before = await liveText(s.srv, s.planId)
    s.attacker.send(syncFrame(2, deleteAllUpdate(s.attacker.doc)))
    await eventually(() => expect(s.attacker.notices.map((notice) => notice.kind)).toContain('write-refused'))
    type(s.author, 'Still here after the deletion attempt')
    await eventually(() => expect(s.watcher.text()).toContain('Still here after the deletion attempt'))
    expect(s.watcher.text()).toContain('Raising attainment in maths')
    expect(await liveText(s.srv, s.planId)).toContain(before.slice(0, 200))
    expect(await storedText(s.srv.documents, s.planId)).toContain('Raising attainment in maths')
  })

  it('keeps nothing of any attempt across a restart of the server', async () => {
    const s = await scene({ keepData: true })
    const secrets = ['Restart check: update', 'Restart check: step 2', 'Restart check: over-long']
    await attempt(s, syncFrame(2, paragraphUpdate(s.attacker.doc, secrets[0])), secrets[0], 'update')
    await attempt(s, syncFrame(1, paragraphUpdate(s.attacker.doc, secrets[1])), secrets[1], 'step 2')
    await attempt(s, syncFrame(2, paragraphUpdate(s.attacker.doc, secrets[2]), [0x80, 0x00, 0x82, 0x00]), secrets[2], 'over-long')
    s.author.destroy()
    s.watcher.destroy()
    s.attacker.close()
    await s.srv.close()

    const again = await server({ dataDir: s.srv.dataDir })
    const reader = client(again.url, s.planId, s.owner)
    await synced(reader)
    await eventually(() => expect(reader.text()).toContain('Control change after over-long'))
    for (const secret of secrets) expect(reader.text()).not.toContain(secret)
  })

  it('answers a viewer\'s empty step 2 (nothing new) without a refusal', async () => {
    // The refusal must come from the content, not from the message kind: a normal viewer's provider
    // sends step 2 on every connect, and must not be told off for it.
    const s = await scene()
    const update = Y.encodeStateAsUpdate(s.attacker.doc, Y.encodeStateVector(s.attacker.doc))
    s.attacker.send(syncFrame(1, update))
    s.attacker.send(syncStep1Frame(Y.encodeStateVector(s.attacker.doc)))
    await eventually(() => expect(s.attacker.messages.filter((m) => m.type === 'sync' && m.kind === 1).length).toBeGreaterThanOrEqual(2))
    expect(s.attacker.notices).toEqual([])
  })
})

describe('presence cannot be forged', () => {
  it('overwrites a claimed name with the real one', async () => {
    const s = await scene()
    const fakeId = 424242
    s.attacker.send(awarenessFrame([{ clientId: fakeId, clock: 1, state: { user: { id: s.owner.user.id, name: 'Olivia Owner', colour: '#000000' }, cursor: null } }]))
    await eventually(() => {
      const state = s.watcher.provider.awareness.getStates().get(fakeId)
      expect(state?.user?.name).toBe('Vera Viewer')
      expect(state?.user?.id).toBe(s.viewer.user.id)
    })
    const names = [...s.watcher.provider.awareness.getStates().entries()]
      .filter(([id]) => id !== s.author.doc.clientID)
      .map(([, state]) => state.user?.name)
    expect(names).not.toContain('Olivia Owner')
  })

  it('does not apply awareness for a client id owned by another person\'s connection', async () => {
    const s = await scene()
    const ownerId = s.author.doc.clientID
    s.author.provider.awareness.setLocalStateField('cursor', 'owner-cursor')
    await eventually(() => {
      const state = s.watcher.provider.awareness.getStates().get(ownerId)
      expect(state?.cursor).toBe('owner-cursor')
      expect(state?.user?.name).toBe('Olivia Owner')
    })
    await eventually(() => expect(s.attacker.messages.some((m) => m.type === 'awareness' && m.entries.some((e) => e.clientId === ownerId))).toBe(true))

    // Overwrite the owner's presence with a far-ahead clock, then try to remove it (state null).
    s.attacker.send(awarenessFrame([{ clientId: ownerId, clock: 10_000, state: { cursor: 'hijacked', user: { name: 'Olivia Owner' } } }]))
    s.attacker.send(awarenessFrame([{ clientId: ownerId, clock: 10_001, state: null }]))
    // Control, on the same connection and so processed after: the attacker's own presence arrives.
    const ownId = 515151
    s.attacker.send(awarenessFrame([{ clientId: ownId, clock: 1, state: { cursor: 'viewer-control' } }]))
    await eventually(() => expect(s.watcher.provider.awareness.getStates().get(ownId)?.cursor).toBe('viewer-control'))

    const ownerState = s.watcher.provider.awareness.getStates().get(ownerId)
    expect(ownerState?.cursor).toBe('owner-cursor')
    expect(ownerState?.user?.name).toBe('Olivia Owner')
    expect(s.watcher.provider.awareness.meta.get(ownerId)!.clock).toBeLessThan(10_000)
    // The owner's own provider never heard of it either.
    expect(s.author.provider.awareness.getLocalState()?.cursor).toBe('owner-cursor')
    expect(s.attacker.closeInfo).toBeNull()
  })
})
