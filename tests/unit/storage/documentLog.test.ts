import { mkdtemp, readFile, readdir, rm, truncate, writeFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DocumentLogStore } from '../../../server/storage/embedded/documentLog.ts'
import { documentStoreContract } from './documentStoreContract.ts'

const folders: string[] = []
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })))
})

async function folder(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'uplift-log-'))
  folders.push(path)
  return path
}

documentStoreContract('the embedded log store', async () => {
  const root = await folder()
  return { store: new DocumentLogStore({ root }), reopen: async () => new DocumentLogStore({ root }) }
})

describe('the embedded log store after damage', () => {
  it('loads everything before a record cut off mid-write, reports it, and appends after the last good record', async () => {
    const root = await folder()
    const store = new DocumentLogStore({ root })
    await store.append('tornPlan01', new Uint8Array([1, 1, 1]))
    await store.append('tornPlan01', new Uint8Array([2, 2, 2, 2, 2, 2, 2, 2]))
    await store.close()
    const log = join(root, 'tornPlan01', 'log.bin')
    const size = (await stat(log)).size
    await truncate(log, size - 3) // the second record loses its last bytes, as in a crash mid-write

    const damage: unknown[] = []
    const reopened = new DocumentLogStore({ root, onDamage: (_id, report) => damage.push(report) })
    const loaded = await reopened.load('tornPlan01')
    expect(loaded.updates).toEqual([new Uint8Array([1, 1, 1])])
    expect(loaded.report.tornBytes).toBe(8 + 8 - 3)
    expect(damage).toHaveLength(1)
    // The damaged log is kept aside for inspection, never deleted.
    expect((await readdir(join(root, 'tornPlan01'))).some((name) => name.startsWith('log.damaged-'))).toBe(true)

    await reopened.append('tornPlan01', new Uint8Array([3]))
    await reopened.close()
    const third = new DocumentLogStore({ root })
    expect((await third.load('tornPlan01')).updates).toEqual([new Uint8Array([1, 1, 1]), new Uint8Array([3])])
    await third.close()
  })

  it('skips a record whose checksum does not match and keeps the ones after it', async () => {
    const root = await folder()
    const store = new DocumentLogStore({ root })
    for (const value of [1, 2, 3]) await store.append('corruptPlan1', new Uint8Array([value, value, value, value]))
    await store.close()
    const log = join(root, 'corruptPlan1', 'log.bin')
    const content = await readFile(log)
    content[12 + 8 + 1] ^= 0xff // flip a payload byte of the second record
    await writeFile(log, content)

    const reopened = new DocumentLogStore({ root })
    const loaded = await reopened.load('corruptPlan1')
    expect(loaded.updates).toEqual([new Uint8Array([1, 1, 1, 1]), new Uint8Array([3, 3, 3, 3])])
    expect(loaded.report.corruptRecords).toBe(1)
    await reopened.close()
  })

  it('refuses ids that could reach outside its folder', async () => {
    const store = new DocumentLogStore({ root: await folder() })
    await expect(store.append('../escape', new Uint8Array([1]))).rejects.toThrow()
    expect(() => store.appendedSinceCompaction('../../etc')).not.toThrow()
    await store.close()
  })

  it('shares one flush among appends made together (group commit)', async () => {
    const root = await folder()
    const store = new DocumentLogStore({ root })
    await store.append('groupPlan01', new Uint8Array([0]))
    let fsyncs = 0
    const writer = (store as unknown as { writers: Map<string, { handle: { datasync: () => Promise<void> } }> }).writers.get('groupPlan01')!
    const original = writer.handle.datasync.bind(writer.handle)
    writer.handle.datasync = async () => { fsyncs++; await original() }
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.append('groupPlan01', new Uint8Array([i]))))
    expect(fsyncs).toBeGreaterThan(0)
    expect(fsyncs).toBeLessThan(100)
    await store.close()
  })
})
