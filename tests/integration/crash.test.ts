// kill -9 of the server while people type: nothing any other person had received is lost.
import { mkdtemp, rm } from 'node:fs/promises'
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
  return new Set(client.text().match(/w\d+/g) ?? [])
}

describe('a server killed with SIGKILL', () => {
  it('loses nothing that another person had received, and restarts on the same data', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'uplift-crash-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    let server: ServerProcess = await spawnServer(dataDir)
    cleanups.push(() => server.kill())

    const writer = await register(server.url, 'Wendy Writer')
    const reader = await register(server.url, 'Rory Reader')
    const plan = await createPlan(writer)
    await share(writer, plan.id, reader, 'viewer')

    const typist = connect(server.url, plan.id, writer)
    const watcher = connect(server.url, plan.id, reader)
    cleanups.push(() => typist.destroy(), () => watcher.destroy())
    await eventually(() => expect(typist.provider.synced && watcher.provider.synced).toBe(true))

    // Type a word every couple of milliseconds into one growing paragraph, as fast typing does.
    const paragraph = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    paragraph.insert(0, [text])
    typist.doc.getXmlFragment(PLAN_FRAGMENT).push([paragraph])
    let typed = 0
    const typing = setInterval(() => {
      text.insert(text.length, ` w${typed++}`)
    }, 2)
    await eventually(() => expect(words(watcher).size).toBeGreaterThan(50), 10_000)
    await server.kill('SIGKILL')
    clearInterval(typing)
    // What the watcher had received before the crash is what must survive.
    const seen = words(watcher)
    watcher.provider.disconnect()
    typist.provider.disconnect()

    server = await spawnServer(dataDir)
    const after = connect(server.url, plan.id, reader)
    cleanups.push(() => after.destroy())
    await eventually(() => expect(after.provider.synced).toBe(true))
    const stored = words(after)
    const lost = [...seen].filter((word) => !stored.has(word))
    console.log(`crash test: typed ${typed}, seen by the other person ${seen.size}, stored after restart ${stored.size}, lost ${lost.length}`)
    expect(lost).toEqual([])
  })

  it('refuses to start a second server on the same data folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'uplift-lock-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const first = await spawnServer(dataDir)
    cleanups.push(() => first.kill())
    await expect(spawnServer(dataDir)).rejects.toThrow(/Another Uplift server .* is using the data folder/)
  })
})
