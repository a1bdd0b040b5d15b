// Large changes (a long offline spell, a crafted update) are checked in a worker thread with a time budget
// and applied in parts, so nobody else's editing waits on them; one that cannot be checked in time is
// refused without touching the plan.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import { type } from '../helpers/collab.ts'
import { concatFrames, openRaw, paragraphUpdate, syncFrame } from '../helpers/rawClient.ts'
import { testScope, synced } from '../helpers/scope.ts'
import { eventually, startTestServer } from '../helpers/server.ts'

const scope = testScope()

/** A paragraph typed out of order, so Yjs cannot merge its characters: one struct per character. */
function fragmentedUpdate(base: Y.Doc, characters: number): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  doc.transact(() => {
    doc.getXmlFragment(PLAN_FRAGMENT).push([paragraph])
    for (let i = 0; i < characters; i++) text.insert(Math.floor(i / 2), String.fromCharCode(97 + (i % 26)))
  })
  return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(base))
}

/** Starts a server on `dataDir` again and opens the plan with a fresh raw client, synced. */
async function restartAndOpen(dataDir: string, planId: string, person: { cookie: string }) {
  const server = await startTestServer({ dataDir, keepData: true })
  scope.defer(() => server.close())
  const reader = await openRaw(server.url, planId, { cookie: person.cookie })
  scope.defer(() => reader.close())
  await reader.sync()
  return { server, reader }
}

describe('large changes', () => {
  it('are applied in parts while others keep editing, reach everyone, and are stored', async () => {
    const { srv, planId, editor, owner } = await scope.cast()
    const watcher = scope.client(srv.url, planId, owner)
    await synced(watcher)
    const observer = await openRaw(srv.url, planId, { cookie: owner.cookie })
    scope.defer(() => observer.close())
    await observer.sync()
    const sender = await openRaw(srv.url, planId, { cookie: editor.cookie })
    scope.defer(() => sender.close())
    await sender.sync()

    const big = fragmentedUpdate(sender.doc, 12_000)
    expect(big.length).toBeGreaterThan(srv.config.collab.offThreadUpdateBytes)
    const afterBig = new Y.Doc()
    Y.applyUpdate(afterBig, Y.encodeStateAsUpdate(sender.doc))
    Y.applyUpdate(afterBig, big)
    // A second, small change packed into the same frame: it must still come after the large one.
    const small = paragraphUpdate(afterBig, 'Written after the long offline spell.')
    const updatesBefore = observer.messages.filter((m) => m.type === 'sync' && m.kind === 2).length
    const loop = monitorEventLoopDelay({ resolution: 5 })
    loop.enable()
    sender.send(concatFrames(syncFrame(2, big), syncFrame(2, small)))
    // Someone else types meanwhile.
    type(watcher, 'Typed by the head while the big change arrives.')

    const expected = 'Written after the long offline spell.'
    await eventually(() => {
      expect(watcher.text()).toContain(expected)
      expect(watcher.text()).toContain('Typed by the head')
      expect(observer.text()).toContain(expected)
    }, 15_000)
    loop.disable()
    const relayed = observer.messages.filter((m) => m.type === 'sync' && m.kind === 2).length - updatesBefore
    const parts = Math.ceil(12_000 / srv.config.collab.structsPerStep)
    console.log(`large update: ${big.length} bytes relayed as ${relayed} updates; longest event-loop delay ${(loop.max / 1e6).toFixed(0)} ms`)
    // Relayed in parts (each stored before it went out), then the small change.
    expect(relayed).toBeGreaterThanOrEqual(parts)
    expect(watcher.text().indexOf(expected)).toBeGreaterThan(watcher.text().indexOf('cb'))
    expect(sender.closeInfo).toBeNull()
    expect(observer.text()).toEqual(watcher.text())

    // Stored: a fresh client after a restart gets the same plan.
    const text = watcher.text()
    await srv.close()
    const { reader } = await restartAndOpen(srv.dataDir, planId, owner)
    expect(reader.text()).toEqual(text)
  }, 60_000)

  it('one that cannot be checked within the time budget is refused; the plan and everyone else carry on', async () => {
    // A budget far below what the crafted update takes to read (16 million values: 0.6 to 1 s on a 2-core
    // machine, and longer on a busy one).
    const { srv, planId, editor, owner } = await scope.cast({ env: { UPDATE_CHECK_BUDGET_MS: '100', MAX_FRAME_BYTES: String(32 * 1024 * 1024) } })
    const head = scope.client(srv.url, planId, owner)
    await synced(head)
    type(head, 'Before.')
    const attacker = await openRaw(srv.url, planId, { cookie: editor.cookie })
    scope.defer(() => attacker.close())
    await attacker.sync()
    // Sixteen million values in one item: legal, but far more than can be read in 100 ms.
    const crafted = new Y.Doc()
    crafted.getArray('extra').push(new Array(16_000_000).fill(null))
    attacker.send(syncFrame(2, Y.encodeStateAsUpdate(crafted)))
    const closed = await attacker.closed
    expect(closed.code).toBe(CloseCode.invalidUpdate.code)
    expect(srv.hub.checker.timeouts).toBe(1)

    type(head, 'After.')
    const other = scope.client(srv.url, planId, editor)
    await eventually(() => expect(other.text()).toContain('After.'), 10_000)
    expect(other.text()).toContain('Before.')
    expect(other.doc.getArray('extra').length).toBe(0)

    // The checker works again with a fresh thread: a large but quick change goes through. It gets the
    // default budget (2 s): checking it takes 10 to 50 ms in a fresh thread, more on a busy machine, which
    // the crafted update's budget would leave too little room for.
    const checker = srv.hub.checker as unknown as { options: { budgetMs: number } }
    expect(checker.options.budgetMs).toBe(100)
    checker.options.budgetMs = 2_000
    const sender = await openRaw(srv.url, planId, { cookie: editor.cookie })
    scope.defer(() => sender.close())
    await sender.sync()
    const blocks = head.doc.getXmlFragment(PLAN_FRAGMENT).length
    const ordinary = fragmentedUpdate(sender.doc, 2_500)
    expect(ordinary.length).toBeGreaterThan(srv.config.collab.offThreadUpdateBytes)
    sender.send(syncFrame(2, ordinary))
    await eventually(() => expect(head.doc.getXmlFragment(PLAN_FRAGMENT).length).toBe(blocks + 1), 10_000)
    expect(sender.closeInfo).toBeNull()
  }, 60_000)

  it('a large plan opens from storage at once and loads in the background; edits made meanwhile are kept', async () => {
    const { srv, planId, editor, owner } = await scope.cast()
    const sender = await openRaw(srv.url, planId, { cookie: editor.cookie })
    await sender.sync()
    const large = fragmentedUpdate(sender.doc, 12_000)
    sender.send(syncFrame(2, large))
    // Every part is stored once the server reports the whole update's state as stored.
    const [[client, clock]] = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(large))
    await eventually(() => {
      const stored = sender.messages.filter((m) => m.type === 'stored').at(-1)
      expect(stored?.stateVector.get(client)).toBe(clock)
    }, 15_000)
    sender.close()
    const big = (await srv.hub.readDocument(planId, (doc) => doc.getXmlFragment(PLAN_FRAGMENT).toString()))
    await srv.close()

    // The first to arrive is answered from storage: its sync step 2 comes before the server's own step 1,
    // which waits until the plan has loaded.
    const { server: again, reader: first } = await restartAndOpen(srv.dataDir, planId, owner)
    const syncKinds = first.messages.filter((m) => m.type === 'sync').map((m) => (m as { kind: number }).kind)
    expect(syncKinds[0]).toBe(1)
    expect(first.text()).toEqual(big)
    // Someone types straight away: kept, and relayed once the plan has loaded.
    const head = scope.client(again.url, planId, owner)
    await synced(head)
    type(head, 'Typed while the plan was loading.')
    await eventually(() => expect(first.text()).toContain('Typed while the plan was loading.'), 15_000)
    // Once loaded, the server asked for what the first client might hold (its own step 1).
    expect(first.messages.some((m) => m.type === 'sync' && m.kind === 0)).toBe(true)
    // Reading the plan (an export) waits for the whole of it.
    expect(await again.hub.readDocument(planId, (doc) => doc.getXmlFragment(PLAN_FRAGMENT).toString())).toEqual(first.text())

    await again.close()
    const { reader } = await restartAndOpen(srv.dataDir, planId, owner)
    expect(reader.text()).toEqual(first.text())
  }, 60_000)

  it('a large plan is compacted from storage in a thread while people keep typing, and nothing is lost', async () => {
    const { srv, planId, editor, owner } = await scope.cast({ env: { COMPACT_AFTER_BYTES: '1024' } })
    const sender = await openRaw(srv.url, planId, { cookie: editor.cookie })
    scope.defer(() => sender.close())
    await sender.sync()
    const big = fragmentedUpdate(sender.doc, 12_000)
    // (A raw client's document only holds what the server sent it: it takes its own change in too.)
    Y.applyUpdate(sender.doc, big)
    sender.send(syncFrame(2, big))
    const head = scope.client(srv.url, planId, owner)
    await synced(head)
    await eventually(() => expect(head.text().length).toBeGreaterThan(12_000), 15_000)
    // Every kilobyte typed asks for a compaction; the plan is large, so each is merged in the thread.
    for (let i = 0; i < 60; i++) {
      type(head, `Line ${i} typed during compactions, with enough words to fill the log quickly.`)
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 30))
    }
    await eventually(() => expect(sender.text()).toContain('Line 59 typed during compactions'), 15_000)
    expect(srv.hub.checker.merges).toBeGreaterThan(0)
    const text = head.text()
    await srv.close()
    const { reader } = await restartAndOpen(srv.dataDir, planId, owner)
    await eventually(() => expect(reader.text()).toEqual(text), 15_000)
  }, 60_000)
})
