// Two or more people in one plan through a real server and real y-websocket providers.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { synced, testScope } from '../helpers/scope.ts'
import { createPlan, register, share } from '../helpers/api.ts'
import { connect, type, type TestClient } from '../helpers/collab.ts'
import { concatFrames, openRaw, paragraphUpdate, syncFrame } from '../helpers/rawClient.ts'
import { eventually, startTestServer } from '../helpers/server.ts'
import { createLogger } from '../../server/log.ts'
import type { WebSocket } from 'ws'
import { reannounceOnConnecting } from '../../client/collab/reannounce.ts'

const { server, client } = testScope()

/** A new plan that its owner (a) and an editor (b) both have open, each synced. */
async function ownerAndEditor(options: Parameters<typeof server>[0] = {}): Promise<{ a: TestClient; b: TestClient }> {
  const srv = await server(options)
  const owner = await register(srv.url, 'Olivia Owner')
  const editor = await register(srv.url, 'Eddie Editor')
  const plan = await createPlan(owner)
  await share(owner, plan.id, editor, 'editor')
  const a = client(srv.url, plan.id, owner)
  const b = client(srv.url, plan.id, editor)
  await Promise.all([synced(a), synced(b)])
  return { a, b }
}


describe('co-editing a plan', () => {
  it('serves the template content the server created, and two editors converge', async () => {
    const { a, b } = await ownerAndEditor()
    expect(a.text()).toContain('Raising attainment in maths')
    expect(a.text()).toContain('Diagnosis')

    type(a, 'Attendance is below the national average.')
    type(b, 'Reading is a strength in Key Stage 1.')
    await eventually(() => {
      expect(a.text()).toContain('Reading is a strength')
      expect(b.text()).toContain('Attendance is below')
      expect(a.text()).toBe(b.text())
    })
  })

  it('gives a late joiner the whole document and everyone\'s presence', async () => {
    const srv = await server()
    const owner = await register(srv.url, 'Olivia Owner')
    const late = await register(srv.url, 'Lara Late')
    const plan = await createPlan(owner)
    await share(owner, plan.id, late, 'editor')

    const a = client(srv.url, plan.id, owner)
    await synced(a)
    a.provider.awareness.setLocalStateField('user', { name: 'Someone else entirely', color: '#000' })
    for (let i = 0; i < 20; i++) type(a, `Line ${i}`)

    const b = client(srv.url, plan.id, late)
    await synced(b)
    await eventually(() => expect(b.text()).toBe(a.text()))
    await eventually(() => {
      const names = [...b.provider.awareness.getStates().values()].map((state) => state.user?.name)
      // The server names people from their session, whatever the page claims.
      expect(names).toContain('Olivia Owner')
      expect(names).not.toContain('Someone else entirely')
    })
  })

  it('gives everyone in the plan a colour of their own, the same in every tab, and frees it when they leave', async () => {
    const srv = await server()
    const owner = await register(srv.url, 'Olivia Owner')
    const plan = await createPlan(owner)
    const people = [owner]
    for (let i = 1; i < 10; i++) {
      const person = await register(srv.url, `Staff Member ${i}`)
      await share(owner, plan.id, person, 'editor')
      people.push(person)
    }
    const tabs = people.map((person) => client(srv.url, plan.id, person))
    // As the app does (a state still at clock 0 is not taken up by y-protocols); the server replaces it.
    for (const tab of tabs) tab.provider.awareness.setLocalStateField('user', { name: 'Anyone', colour: '#000000' })
    await Promise.all(tabs.map((tab) => synced(tab)))
    await eventually(() => expect(tabs.every((tab) => tab.colour !== null)).toBe(true))
    const colours = tabs.map((tab) => tab.colour)
    // Ten people, ten colours: left to their user ids, ten people share a colour all but once in 2,700.
    expect(new Set(colours).size).toBe(10)
    // What the others see is what each was told.
    await eventually(() => {
      const seen = new Map([...tabs[0].provider.awareness.getStates().values()].map((state) => [state.user?.id, state.user?.colour]))
      for (let i = 1; i < 10; i++) expect(seen.get(people[i].user.id)).toBe(colours[i])
    })

    // A second tab of the same person: the same colour.
    const secondTab = client(srv.url, plan.id, people[3])
    await synced(secondTab)
    await eventually(() => expect(secondTab.colour).toBe(colours[3]))

    // Someone leaves; a newcomer gets the colour that is free again.
    tabs[5].destroy()
    const newcomer = await register(srv.url, 'Nadia Newcomer')
    await share(owner, plan.id, newcomer, 'editor')
    const late = client(srv.url, plan.id, newcomer)
    await synced(late)
    await eventually(() => expect(late.colour).toBe(colours[5]))
  })

  it('removes the presence of someone who disconnects', async () => {
    const { a, b } = await ownerAndEditor()
    b.provider.awareness.setLocalStateField('cursor', null)
    await eventually(() => expect(a.provider.awareness.getStates().has(b.doc.clientID)).toBe(true))
    b.provider.disconnect()
    await eventually(() => expect(a.provider.awareness.getStates().has(b.doc.clientID)).toBe(false))
  })

  it('shows a person again when their page reconnects, after the others echoed their removal', async () => {
    const lines: string[] = []
    const { a, b } = await ownerAndEditor({ log: createLogger((line) => lines.push(line)) })
    b.provider.awareness.setLocalStateField('cursor', { at: 1 })
    await eventually(() => expect(a.provider.awareness.getStates().get(b.doc.clientID)?.cursor).toEqual({ at: 1 }))
    const echoes: number[] = []
    a.provider.awareness.on('update', ({ removed }: { removed: number[] }) => echoes.push(...removed))
    b.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') b.provider.awareness.setLocalStateField('cursor', { at: 2 })
    })
    // The connection drops without a word from the page (the network went): the server removes b's presence,
    // and a's provider sends the removal back, as y-websocket's clients do with every awareness change,
    // before b's page has reconnected.
    ;(b.provider.ws as unknown as WebSocket).terminate()
    await eventually(() => expect(echoes).toContain(b.doc.clientID))
    await eventually(() => expect(a.provider.awareness.getStates().get(b.doc.clientID)?.cursor).toEqual({ at: 2 }))
    expect(lines.filter((line) => line.includes('awareness for another person refused'))).toEqual([])
  })

  it('shows a person again at once when their page reconnects with its presence unchanged (as the app\'s pages do)', async () => {
    const { a, b } = await ownerAndEditor()
    reannounceOnConnecting(b.provider)
    b.provider.awareness.setLocalStateField('cursor', { at: 1 })
    await eventually(() => expect(a.provider.awareness.getStates().get(b.doc.clientID)?.cursor).toEqual({ at: 1 }))
    ;(b.provider.ws as unknown as WebSocket).terminate()
    await eventually(() => expect(a.provider.awareness.getStates().has(b.doc.clientID)).toBe(false))
    // Well before Yjs renews a presence (15 s after it last changed).
    await eventually(() => expect(a.provider.awareness.getStates().get(b.doc.clientID)?.cursor).toEqual({ at: 1 }), 5000)
  })

  it('confirms the changes one journal flush stored with one message, covering the last of them', async () => {
    const srv = await server()
    const owner = await register(srv.url, 'Olivia Owner')
    const plan = await createPlan(owner)
    const sender = await openRaw(srv.url, plan.id, { cookie: owner.cookie })
    await sender.sync()
    const confirmations = () => sender.messages.filter((message) => message.type === 'stored')
    const before = confirmations().length
    // Twenty changes in one frame, as a client sends after a short break in the connection.
    const updates: Uint8Array[] = []
    for (let i = 0; i < 20; i++) {
      updates.push(paragraphUpdate(sender.doc, `Paragraph ${i + 1} of the catch-up.`))
      Y.applyUpdate(sender.doc, updates[i])
    }
    const frames = updates.map((update) => syncFrame(2, update))
    sender.send(concatFrames(...frames))
    const written = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(Y.mergeUpdates(updates)))
    await eventually(() => {
      const last = confirmations().at(-1)
      for (const [client, clock] of written) expect(last?.type === 'stored' && last.stateVector.get(client)).toBe(clock)
    })
    // The first change is flushed at once and the other nineteen share the next flush: two confirmations,
    // not twenty.
    expect(confirmations().length - before).toBeLessThanOrEqual(2)
    sender.close()
  })

  it('answers a writer\'s empty step 2 with everything stored only when that is news, and stores nothing', async () => {
    const srv = await server()
    const owner = await register(srv.url, 'Olivia Owner')
    const plan = await createPlan(owner)
    const page = await openRaw(srv.url, plan.id, { cookie: owner.cookie })
    const other = await openRaw(srv.url, plan.id, { cookie: owner.cookie })
    await Promise.all([page.sync(), other.sync()])
    const stored = () => page.messages.filter((message) => message.type === 'stored')
    const lastStored = () => {
      const last = stored().at(-1)
      return last?.type === 'stored' ? last.stateVector : new Map<number, number>()
    }
    // Joining, the page was told everything stored: the plan as made from its template.
    const template = Y.decodeStateVector(Y.encodeStateVector(page.doc))
    expect(template.size).toBeGreaterThan(0)
    for (const [client, clock] of template) expect(lastStored().get(client)).toBe(clock)
    const loadedBefore = (await srv.documents.load(plan.id)).updates.length
    const empty = Y.encodeStateAsUpdate(new Y.Doc())

    // What a page with nothing to add answers the server's step 1 with. Nothing was stored since it was
    // told, so it is not told again: not with the next change relayed to it (which carries anything owed).
    // (A step 1 behind it in the same frame: the server's answer to that shows the empty update was read.)
    const seenBefore = page.messages.length
    page.send(concatFrames(syncFrame(2, empty), syncFrame(0, Y.encodeStateVector(page.doc))))
    await eventually(() => expect(page.messages.slice(seenBefore).some((message) => message.type === 'sync' && message.kind === 1)).toBe(true))
    const change = paragraphUpdate(other.doc, 'Stored after the page was told.')
    other.send(syncFrame(2, change))
    await eventually(() => expect(page.text()).toContain('Stored after the page was told.'))
    expect(page.messages.slice(seenBefore).filter((message) => message.type === 'stored')).toEqual([])
    expect((await srv.documents.load(plan.id)).updates.length).toBe(loadedBefore + 1)

    // Something was stored since: the same empty step 2 is now answered with everything stored.
    const written = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(change))
    await eventually(() => {
      const last = other.messages.filter((message) => message.type === 'stored').at(-1)
      for (const [client, clock] of written) expect(last?.type === 'stored' && last.stateVector.get(client)).toBe(clock)
    })
    const storedBefore = stored().length
    page.send(syncFrame(2, empty))
    await eventually(() => expect(stored().length).toBeGreaterThan(storedBefore))
    for (const [client, clock] of [...template, ...written]) expect(lastStored().get(client)).toBe(clock)
    expect((await srv.documents.load(plan.id)).updates.length).toBe(loadedBefore + 1)
    expect(page.closeInfo).toBeNull()
    page.close()
    other.close()
  })

  it('keeps every word across a restart of the server', async () => {
    const first = await startTestServer({ keepData: true })
    const owner = await register(first.url, 'Olivia Owner')
    const plan = await createPlan(owner)
    const a = connect(first.url, plan.id, owner)
    await synced(a)
    type(a, 'Written before the restart.')
    await eventually(() => expect(a.provider.synced).toBe(true))
    // Wait until the server says it has stored it.
    await first.hub.readDocument(plan.id, () => undefined)
    await eventually(async () => {
      const loaded = await first.documents.load(plan.id)
      expect(loaded.updates.length).toBeGreaterThan(1)
    })
    a.destroy()
    await first.close()

    const second = await server({ dataDir: first.dataDir })
    const b = client(second.url, plan.id, owner)
    await synced(b)
    await eventually(() => expect(b.text()).toContain('Written before the restart.'))
    // Sessions are metadata: they survive the restart too.
    const response = await fetch(`${second.url}/api/plans/${plan.id}`, { headers: { cookie: owner.cookie } })
    expect(response.status).toBe(200)
  })

  it('answers a plan that does not exist with a named close code and no retries', async () => {
    const srv = await server()
    const owner = await register(srv.url)
    const a = client(srv.url, 'NoSuchPlan0001', owner)
    await eventually(() => expect(a.closes[0]?.code).toBe(4403))
  })
})
