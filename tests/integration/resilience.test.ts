// A full disk and a graceful restart, with real clients on a real server.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import type { Socket } from 'node:net'
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { DocumentLogStore } from '../../server/storage/embedded/documentLog.ts'
import type { DocumentStore, StoredMark } from '../../server/storage/types.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { createPlan, register, share } from '../helpers/api.ts'
import { connect, type, type TestClient } from '../helpers/collab.ts'
import { spawnServer } from '../helpers/process.ts'
import { openRaw, paragraphUpdate, syncFrame } from '../helpers/rawClient.ts'
import { eventually, makeDataDir, startTestServer } from '../helpers/server.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** The embedded store, whose writes fail with ENOSPC while `full` is set: a disk that has filled up. */
class FillableDisk implements DocumentStore {
  full = false
  constructor(private readonly inner: DocumentStore) {}
  load(id: string) { return this.inner.load(id) }
  loadMarked(id: string) { return this.inner.loadMarked(id) }
  append(id: string, update: Uint8Array) {
    return this.full ? Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })) : this.inner.append(id, update)
  }
  compact(id: string, state: Uint8Array, mark?: StoredMark) {
    return this.full ? Promise.reject(new Error('ENOSPC: no space left on device, write')) : this.inner.compact(id, state, mark)
  }
  appendedSinceCompaction(id: string) { return this.inner.appendedSinceCompaction(id) }
  remove(id: string) { return this.inner.remove(id) }
  close() { return this.inner.close() }
}

const synced = (client: TestClient) => eventually(() => expect(client.provider.synced).toBe(true))

describe('when the disk fills up', () => {
  it('the plan stops sharing changes, tells its editors, keeps them and stores them once it can; a viewer opening it meanwhile sees only what is stored', async () => {
    const dataDir = await makeDataDir()
    const disk = new FillableDisk(new DocumentLogStore({ root: join(dataDir, 'plans') }))
    const server = await startTestServer({ dataDir, parts: { documents: disk }, env: { STORAGE_RETRY_MS: '100' } })
    cleanups.push(() => server.dispose())
    const owner = await register(server.url, 'Ola Owner')
    const colleague = await register(server.url, 'Cal Colleague')
    const governor = await register(server.url, 'Gus Governor')
    const plan = await createPlan(owner)
    await share(owner, plan.id, colleague, 'editor')
    await share(owner, plan.id, governor, 'viewer')
    const writer = connect(server.url, plan.id, owner)
    const reader = connect(server.url, plan.id, colleague)
    cleanups.push(() => writer.destroy(), () => reader.destroy())
    await Promise.all([synced(writer), synced(reader)])

    disk.full = true
    // Relayed as it is being stored: nobody knows yet that it cannot be.
    type(writer, 'Typed as the disk filled up.')
    await eventually(() => expect(writer.notices.map((notice) => notice.kind)).toContain('storage-failed'))
    // (The reader's notice travels on its own socket: it may come a moment after the writer's.)
    await eventually(() => expect(reader.notices.map((notice) => notice.kind)).toContain('storage-failed'))
    expect(reader.text()).toContain('Typed as the disk filled up.')
    // Once the failure is known, nothing more is shared until it is stored.
    type(writer, 'Typed while the disk was full.')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(reader.text()).not.toContain('Typed while the disk was full.')
    // And the writer is never told that either is stored.
    const mine = () => writer.stored?.get(writer.doc.clientID) ?? 0
    expect(mine()).toBe(0)
    // A viewer who opens the plan now is sent what is stored, not the first sentence: the editors have it,
    // but it is not stored.
    const viewer = connect(server.url, plan.id, governor)
    cleanups.push(() => viewer.destroy())
    await synced(viewer)
    expect(viewer.text()).not.toContain('Typed as the disk filled up.')

    disk.full = false
    await eventually(() => expect(reader.text()).toContain('Typed while the disk was full.'), 10_000)
    // Once stored, the viewer has both.
    await eventually(() => expect(viewer.text()).toContain('<paragraph>Typed as the disk filled up.</paragraph><paragraph>Typed while the disk was full.</paragraph>'), 5000)
    await eventually(() => expect(writer.notices.map((notice) => notice.kind)).toContain('storage-recovered'))
    await eventually(() => expect(mine()).toBe(Y.getState(writer.doc.store, writer.doc.clientID)), 5000)
    const stored = await disk.load(plan.id)
    expect(stored.updates.length).toBeGreaterThan(1)
  })
})

describe('a person whose connection stops reading', () => {
  it('is closed as too slow once the server holds too much for them; the others get everything', async () => {
    const server = await startTestServer({ collab: { maxBufferedBytes: 1024 * 1024, messagesPerSecond: 10_000, messageBurst: 10_000 } })
    cleanups.push(server.dispose)
    const owner = await register(server.url, 'Vera Visiting')
    const plan = await createPlan(owner)
    const [stalled, watcher, writer] = await Promise.all([0, 1, 2].map(() => openRaw(server.url, plan.id, { cookie: owner.cookie })))
    await Promise.all([stalled.sync(), watcher.sync(), writer.sync()])
    // The stalled page reads nothing more: what the server sends it piles up in the server's socket.
    ;(stalled.ws as unknown as { _socket: Socket })._socket.pause()
    const text = 'Pupils read aloud daily. '.repeat(640)
    // 10 MB at a pace a reading page keeps up with (16 KB every 2 ms), more than the socket buffers can hold.
    const paragraphs = 600
    for (let i = 0; i < paragraphs; i++) {
      writer.send(syncFrame(2, paragraphUpdate(writer.doc, `Paragraph ${i}: ${text}`)))
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const received = () => watcher.text().split('<paragraph>Paragraph ').length - 1
    await eventually(() => expect({ received: received(), writer: writer.closeInfo, watcher: watcher.closeInfo }).toEqual({ received: paragraphs, writer: null, watcher: null }), 20_000)
    expect(writer.closeInfo).toBeNull()
    expect(watcher.closeInfo).toBeNull()
    // Reading again, the stalled page gets what was sent before it was cut off, then the reason.
    ;(stalled.ws as unknown as { _socket: Socket })._socket.resume()
    expect((await stalled.closed).code).toBe(CloseCode.tooSlow.code)
    expect(stalled.text().includes(`Paragraph ${paragraphs - 1}:`)).toBe(false)
  }, 30_000)
})

describe('a graceful stop (SIGTERM)', () => {
  it('stores everything, closes sockets as "restarting", and clients reconnect by themselves and lose nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'uplift-sigterm-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    let server = await spawnServer(dataDir)
    const port = server.port
    cleanups.push(() => server.kill())
    const owner = await register(server.url, 'Sam Stopper')
    const plan = await createPlan(owner)
    const client = connect(server.url, plan.id, owner)
    cleanups.push(() => client.destroy())
    await synced(client)
    type(client, 'Before the restart.')
    await eventually(() => expect(client.stored).not.toBeNull())

    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)))
    server.child.kill('SIGTERM')
    expect(await exited).toBe(0)
    await eventually(() => expect(client.closes.map((close) => close.code)).toContain(CloseCode.serverRestarting.code))

    type(client, 'While it was restarting.')
    server = await spawnServer(dataDir, { PORT: port })
    await eventually(() => expect(client.provider.synced).toBe(true), 15_000)
    const fresh = connect(server.url, plan.id, owner)
    cleanups.push(() => fresh.destroy())
    await eventually(() => {
      expect(fresh.text()).toContain('Before the restart.')
      expect(fresh.text()).toContain('While it was restarting.')
    }, 15_000)
  })
})
