// kill -9 of the server while people type: nothing any other person had received is lost.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createPlan, register, share } from '../helpers/api.ts'
import { connect, type TestClient } from '../helpers/collab.ts'
import { spawnServer, type ServerProcess } from '../helpers/process.ts'
import { eventually } from '../helpers/server.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import * as Y from 'yjs'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** The words a client holds, from the paragraphs typed as "w<number>". */
function words(client: TestClient): Set<string> {
  return new Set(client.text().match(/w[\dx]+/g) ?? [])
}

/**
 * A server on a fresh data folder, a writer typing a word every couple of milliseconds into one growing
 * paragraph (as fast typing does) and a second person (`role`) following, killed with SIGKILL once that
 * person has received more than 50 words. The writer's device is gone for good. `restart` starts the
 * server again on the same data folder and port.
 */
async function killedWhileTyping(role: 'editor' | 'viewer') {
  const dataDir = await mkdtemp(join(tmpdir(), `uplift-crash-${role}-`))
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
  const running = { server: await spawnServer(dataDir) }
  const port = running.server.port
  cleanups.push(() => running.server.kill())
  const writer = await register(running.server.url, 'Wendy Writer')
  const other = await register(running.server.url, role === 'editor' ? 'Cole Colleague' : 'Gina Governor')
  const plan = await createPlan(writer)
  await share(writer, plan.id, other, role)
  const typist = connect(running.server.url, plan.id, writer)
  const follower = connect(running.server.url, plan.id, other)
  cleanups.push(() => typist.destroy(), () => follower.destroy())
  await eventually(() => expect(typist.provider.synced && follower.provider.synced).toBe(true))

  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  typist.doc.getXmlFragment(PLAN_FRAGMENT).push([paragraph])
  let typed = 0
  const typing = setInterval(() => {
    text.insert(text.length, ` w${typed++}`)
  }, 2)
  await eventually(() => expect(words(follower).size).toBeGreaterThan(50), 10_000)
  await running.server.kill('SIGKILL')
  clearInterval(typing)
  typist.destroy()
  const restart = async (): Promise<ServerProcess> => {
    running.server = await spawnServer(dataDir, { PORT: port })
    return running.server
  }
  return { writer, plan, typist, follower, typed, restart }
}

describe('a server killed with SIGKILL', () => {
  // A change is relayed to editors as soon as it is applied and flushed to disk up to COMMIT_INTERVAL_MS
  // later; its writer's page counts it as unsaved until the server says it is stored. So what the server had
  // not yet flushed comes back from the pages that hold it: here the writer's device never comes back, and
  // the change returns from the other editor's page when it reconnects (the last test has the writers
  // return).
  it('loses nothing another editor had received, even when the writer never comes back, and restarts on the same data', async () => {
    const { writer, plan, typist, follower: watcher, typed, restart } = await killedWhileTyping('editor')
    // The writer's device is gone for good; what the colleague had received before the crash must survive.
    const seen = words(watcher)

    let server = await restart()
    // The colleague's page reconnects by itself, and sends what the server lacks.
    await eventually(() => expect(watcher.provider.synced).toBe(true), 15_000)
    const after = connect(server.url, plan.id, writer)
    cleanups.push(() => after.destroy())
    await eventually(() => expect(after.provider.synced).toBe(true))
    await eventually(() => expect([...seen].filter((word) => !words(after).has(word))).toEqual([]), 10_000)
    // Stored, not only passed from page to page: once the server says so, a second crash keeps it.
    const typistId = typist.doc.clientID
    await eventually(() => expect(watcher.stored?.get(typistId) ?? 0).toBe(Y.getState(watcher.doc.store, typistId)), 10_000)
    await server.kill('SIGKILL')
    watcher.destroy()
    after.destroy()
    server = await restart()
    const fresh = connect(server.url, plan.id, writer)
    cleanups.push(() => fresh.destroy())
    await eventually(() => expect(fresh.provider.synced).toBe(true))
    const stored = words(fresh)
    const lost = [...seen].filter((word) => !stored.has(word))
    console.log(`crash test: typed ${typed}, seen by the other editor ${seen.size}, stored after two restarts ${stored.size}, lost ${lost.length}`)
    expect(lost).toEqual([])
  })

  // A viewer's page cannot send anything back (its writes are refused), so it is sent only what is stored.
  it('never shows a viewer a change that a crash loses, even when the writer never comes back', async () => {
    const { writer, plan, follower: viewer, typed, restart } = await killedWhileTyping('viewer')
    const seen = words(viewer)
    viewer.destroy()

    const server = await restart()
    const fresh = connect(server.url, plan.id, writer)
    cleanups.push(() => fresh.destroy())
    await eventually(() => expect(fresh.provider.synced).toBe(true))
    const stored = words(fresh)
    const lost = [...seen].filter((word) => !stored.has(word))
    console.log(`crash test (viewer): typed ${typed}, seen by the viewer ${seen.size}, stored ${stored.size}, lost ${lost.length}`)
    expect(lost).toEqual([])
  })

  it('keeps its data files readable by the server\'s user only', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'uplift-modes-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const server = await spawnServer(dataDir)
    cleanups.push(() => server.kill())
    const owner = await register(server.url, 'Mo Modes')
    const plan = await createPlan(owner)
    const modes = async (paths: string[]) => {
      for (const path of paths) {
        const mode = (await stat(join(dataDir, path))).mode & 0o777
        expect({ path, groupOrOthers: mode & 0o077 }).toEqual({ path, groupOrOthers: 0 })
      }
    }
    const journal = (await readdir(join(dataDir, 'plans'))).filter((name) => name.startsWith('journal.'))
    expect(journal.length).toBeGreaterThan(0)
    await modes(['metadata.json', 'plans', ...journal.map((name) => `plans/${name}`)])
    // After a restart, what the journal held is moved into the plan's own log.
    await server.kill()
    const again = await spawnServer(dataDir)
    cleanups.push(() => again.kill())
    const reader = connect(again.url, plan.id, owner)
    cleanups.push(() => reader.destroy())
    await eventually(() => expect(reader.provider.synced).toBe(true))
    await modes([`plans/${plan.id}`, `plans/${plan.id}/log.bin`])
  })

  it('refuses to start a second server on the same data folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'uplift-lock-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const first = await spawnServer(dataDir)
    cleanups.push(() => first.kill())
    await expect(spawnServer(dataDir)).rejects.toThrow(/Another Uplift server .* is using the data folder/)
  })
})

describe('many crashes while people type into several plans', () => {
  // Six crashes and restarts (up to 1.2 s apart, and a start takes seconds on a busy machine), then up to
  // 40 s per plan to converge: more than the integration project's 60 s allows.
  it('keeps every update anyone saw relayed, and everyone converges', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'uplift-crash-cycles-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    let server: ServerProcess = await spawnServer(dataDir)
    const port = server.port
    cleanups.push(() => server.kill())
    const owner = await register(server.url, 'Olive Owner')
    const plans = await Promise.all([1, 2, 3].map((n) => createPlan(owner, `Plan ${n}`, 'Harbour School')))

    // In each plan: two typists and a watcher, all reconnecting by themselves after every crash.
    const pairs = plans.map((plan) => {
      const typists = [connect(server.url, plan.id, owner), connect(server.url, plan.id, owner)]
      const watcher = connect(server.url, plan.id, owner)
      cleanups.push(() => typists.forEach((typist) => typist.destroy()), () => watcher.destroy())
      return { typists, watcher, seen: new Set<string>() }
    })
    await eventually(() => expect(pairs.every(({ typists, watcher }) => [...typists, watcher].every((c) => c.provider.synced))).toBe(true))

    let counter = 0
    const typing = setInterval(() => {
      for (const [p, { typists }] of pairs.entries()) {
        for (const [t, typist] of typists.entries()) {
          const paragraph = new Y.XmlElement('paragraph')
          paragraph.insert(0, [new Y.XmlText(`w${p}x${t}x${counter}`)])
          typist.doc.getXmlFragment(PLAN_FRAGMENT).push([paragraph])
        }
      }
      counter++
    }, 15)

    const cycles = 6
    let seed = 12345
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (let cycle = 0; cycle < cycles; cycle++) {
      await new Promise((resolve) => setTimeout(resolve, 300 + random() * 700))
      await server.kill('SIGKILL')
      // What each watcher had received by the moment of the crash must survive it.
      for (const pair of pairs) for (const word of words(pair.watcher)) pair.seen.add(word)
      await new Promise((resolve) => setTimeout(resolve, random() * 200))
      server = await spawnServer(dataDir, { PORT: port })
    }
    clearInterval(typing)

    // Everyone reconnects and converges; every word seen relayed is in the stored plan.
    let relayed = 0
    let lost = 0
    for (const [index, pair] of pairs.entries()) {
      await eventually(() => {
        const texts = [...pair.typists, pair.watcher].map((client) => client.text())
        expect(new Set(texts).size).toBe(1)
        expect(pair.watcher.provider.synced).toBe(true)
      }, 30_000)
      const fresh = connect(server.url, plans[index].id, owner)
      cleanups.push(() => fresh.destroy())
      await eventually(() => expect(fresh.provider.synced).toBe(true))
      await eventually(() => expect(fresh.text()).toBe(pair.watcher.text()), 10_000)
      const stored = words(fresh)
      relayed += pair.seen.size
      lost += [...pair.seen].filter((word) => !stored.has(word)).length
    }
    console.log(`crash cycles: ${cycles}, plans: ${plans.length}, updates seen relayed before crashes: ${relayed}, lost: ${lost}`)
    expect(relayed).toBeGreaterThan(0)
    expect(lost).toBe(0)
  }, 180_000)
})
