import { mkdtemp, readFile, readdir, rm, truncate, writeFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DocumentLogStore } from '../../../server/storage/embedded/documentLog.ts'
import { COMMIT_INTERVAL_MS } from '../../../server/storage/embedded/journal.ts'
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

/** Opens the store once, which moves what the journal holds into each plan's own log. */
async function intoPlanLogs(root: string): Promise<void> {
  const store = new DocumentLogStore({ root })
  await store.load('anyPlan001')
  await store.close()
  expect((await readdir(root)).filter((name) => name.startsWith('journal.'))).toEqual([])
}

/** Counts the journal's writes from now on: it is opened with O_DSYNC, so each write is one flush. */
async function countFlushes(store: DocumentLogStore): Promise<{ count: number }> {
  const journal = await (store as unknown as { started: Promise<{ handle: { write: (...args: unknown[]) => Promise<unknown> } }> }).started
  const flushes = { count: 0 }
  const original = journal.handle.write.bind(journal.handle)
  journal.handle.write = async (...args: unknown[]) => { flushes.count++; return original(...args) }
  return flushes
}

describe('the embedded log store after damage', () => {
  it('loads everything before a record cut off mid-write, reports it, and appends after the last good record', async () => {
    const root = await folder()
    const store = new DocumentLogStore({ root })
    await store.append('tornPlan01', new Uint8Array([1, 1, 1]))
    await store.append('tornPlan01', new Uint8Array([2, 2, 2, 2, 2, 2, 2, 2]))
    await store.close()
    await intoPlanLogs(root)
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
    await intoPlanLogs(root)
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

  it('shares one flush among appends made together, across plans (group commit)', async () => {
    const root = await folder()
    const store = new DocumentLogStore({ root })
    await store.append('groupPlan00', new Uint8Array([0]))
    const flushes = await countFlushes(store)
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.append(`groupPlan${String(i).padStart(2, '0')}`, new Uint8Array([i]))))
    expect(flushes.count).toBeGreaterThan(0)
    expect(flushes.count).toBeLessThan(10)
    await store.close()
    const again = new DocumentLogStore({ root })
    expect((await again.load('groupPlan42')).updates).toEqual([new Uint8Array([42])])
    expect((await again.load('groupPlan00')).updates).toEqual([new Uint8Array([0]), new Uint8Array([0])])
    await again.close()
  })

  it('refuses every append a failed flush carried, stores none of them, and goes on with the next', async () => {
    const root = await folder()
    const store = new DocumentLogStore({ root })
    await store.append('failPlan001', new Uint8Array([1]))
    const journal = await (store as unknown as { started: Promise<{ handle: { write: (...args: unknown[]) => Promise<unknown> } }> }).started
    const original = journal.handle.write.bind(journal.handle)
    let failNext = true
    journal.handle.write = async (...args: unknown[]) => {
      if (!failNext) return original(...args)
      failNext = false
      throw new Error('EIO: i/o error, write')
    }
    const together = [store.append('failPlan001', new Uint8Array([2])), store.append('failPlan002', new Uint8Array([3]))]
    const outcomes = await Promise.allSettled(together)
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected'])
    expect((outcomes[0] as PromiseRejectedResult).reason.message).toMatch(/EIO/)
    await store.append('failPlan002', new Uint8Array([4]))
    await store.close()
    const again = new DocumentLogStore({ root })
    expect((await again.load('failPlan001')).updates).toEqual([new Uint8Array([1])])
    expect((await again.load('failPlan002')).updates).toEqual([new Uint8Array([4])])
    await again.close()
  })

  it('under a steady stream of appends, flushes at most once per commit interval; after a quiet spell, at once', async () => {
    const root = await folder()
    const store = new DocumentLogStore({ root })
    await store.append('streamPlan00', new Uint8Array([0]))
    const flushes = await countFlushes(store)
    // One append a millisecond for about 80 ms, each waited for by nobody but the end.
    const appends: Promise<void>[] = []
    const started = performance.now()
    for (let i = 0; i < 80; i++) {
      appends.push(store.append(`streamPlan${String(i % 10).padStart(2, '0')}`, new Uint8Array([i])))
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    await Promise.all(appends)
    const elapsed = performance.now() - started
    // The first at once, then at most one per commit interval (the journal waits only when at least 1 ms of
    // the interval is left, so starts are at least COMMIT_INTERVAL_MS - 1 apart). Eighty one-ms sleeps take
    // about 90 ms when the machine is idle, so a few flushes, not one per append; a busy machine stretches
    // the sleeps and the bound with them.
    expect(flushes.count).toBeLessThanOrEqual(Math.floor(elapsed / (COMMIT_INTERVAL_MS - 1)) + 1)
    // Quiet now: one append, flushed without waiting for the interval.
    await new Promise((resolve) => setTimeout(resolve, 20))
    const before = flushes.count
    await store.append('streamPlan00', new Uint8Array([99]))
    expect(flushes.count).toBe(before + 1)
    await store.close()
    const again = new DocumentLogStore({ root })
    expect((await again.load('streamPlan03')).updates).toHaveLength(8)
    await again.close()
  })
})

describe('the shared journal', () => {
  const journalOf = async (root: string) => join(root, (await readdir(root)).find((name) => /^journal\.\d+\.bin$/.test(name))!)

  it('lets the appends of one round of the event loop share a flush, even when none has to wait for the interval', async () => {
    const root = await folder()
    const store = new DocumentLogStore({ root, commitIntervalMs: 0 })
    await store.append('roundPlan001', new Uint8Array([0]))
    const flushes = await countFlushes(store)
    // Two callbacks of one round (as when changes are read from two sockets together), each appending.
    const appends = await new Promise<Promise<void>[]>((resolve) => {
      const made: Promise<void>[] = []
      setImmediate(() => made.push(store.append('roundPlan001', new Uint8Array([1]))))
      setImmediate(() => { made.push(store.append('roundPlan002', new Uint8Array([2]))); resolve(made) })
    })
    await Promise.all(appends)
    expect(flushes.count).toBe(1)
    await store.close()
    const again = new DocumentLogStore({ root })
    expect((await again.load('roundPlan001')).updates).toEqual([new Uint8Array([0]), new Uint8Array([1])])
    expect((await again.load('roundPlan002')).updates).toEqual([new Uint8Array([2])])
    await again.close()
  })

  it('loads everything before a record cut off mid-write, reports it, and keeps the damaged file aside', async () => {
    const root = await folder()
    const store = new DocumentLogStore({ root })
    await store.append('journalA01', new Uint8Array([1, 1, 1]))
    await store.append('journalB01', new Uint8Array([2, 2]))
    await store.append('journalA01', new Uint8Array([3, 3, 3, 3, 3, 3]))
    // A crash: never closed (a clean close would move the records into the plans' logs).
    const file = await journalOf(root)
    await truncate(file, (await stat(file)).size - 2)

    const damage: { id: string; report: unknown }[] = []
    const reopened = new DocumentLogStore({ root, onDamage: (id, report) => damage.push({ id, report }) })
    expect((await reopened.load('journalA01')).updates).toEqual([new Uint8Array([1, 1, 1])])
    expect((await reopened.load('journalB01')).updates).toEqual([new Uint8Array([2, 2])])
    expect(damage).toEqual([{ id: 'journal.1', report: expect.objectContaining({ tornBytes: 8 + 2 + 10 + 6 - 2 }) }])
    expect((await readdir(root)).some((name) => name.startsWith('journal.000001.damaged-'))).toBe(true)
    await reopened.append('journalA01', new Uint8Array([4]))
    await reopened.close()
    const third = new DocumentLogStore({ root })
    expect((await third.load('journalA01')).updates).toEqual([new Uint8Array([1, 1, 1]), new Uint8Array([4])])
    await third.close()
  })

  it('skips a record whose checksum does not match and keeps the others', async () => {
    const root = await folder()
    const store = new DocumentLogStore({ root })
    for (const value of [1, 2, 3]) await store.append('journalC01', new Uint8Array([value, value]))
    // A crash: never closed.
    const file = await journalOf(root)
    const content = await readFile(file)
    const record = 8 + 2 + 10 + 2
    content[record + 8 + 2 + 10] ^= 0xff // a payload byte of the second record
    await writeFile(file, content)
    const reopened = new DocumentLogStore({ root })
    const loaded = await reopened.load('journalC01')
    expect(loaded.updates).toEqual([new Uint8Array([1, 1]), new Uint8Array([3, 3])])
    await reopened.close()
  })

  it('leaves no journal after a clean close: its records are in the plans\' logs, and nothing is lost', async () => {
    const root = await folder()
    const store = new DocumentLogStore({ root })
    await store.append('journalD01', new Uint8Array([1]))
    await store.append('journalE01', new Uint8Array([2, 2]))
    await store.append('journalD01', new Uint8Array([3, 3, 3]))
    expect((await readdir(root)).filter((name) => name.startsWith('journal.'))).toHaveLength(1)
    await store.close()
    expect((await readdir(root)).filter((name) => name.startsWith('journal.'))).toEqual([])
    const reopened = new DocumentLogStore({ root })
    expect((await reopened.load('journalD01')).updates).toEqual([new Uint8Array([1]), new Uint8Array([3, 3, 3])])
    expect((await reopened.load('journalE01')).updates).toEqual([new Uint8Array([2, 2])])
    await reopened.close()
  })

  it('moves on to a new file when full, checkpointing the old one into the plans\' logs', async () => {
    const root = await folder()
    // (Each append is awaited before the next: without a commit interval, that is 200 flushes, not 6 s.)
    const store = new DocumentLogStore({ root, maxJournalBytes: 256, commitIntervalMs: 0 })
    const expected = new Map<string, Uint8Array[]>()
    for (let i = 0; i < 200; i++) {
      const id = `rotatePlan${i % 7}`
      const update = new Uint8Array([i, i, i])
      await store.append(id, update)
      expected.set(id, [...(expected.get(id) ?? []), update])
      if (i === 120) await store.compact('rotatePlan3', new Uint8Array([9]))
      if (i === 120) expected.set('rotatePlan3', [new Uint8Array([9])])
    }
    for (const [id, updates] of expected) expect((await store.load(id)).updates).toEqual(updates)
    // Full files were checkpointed into the plans' own logs and removed as it went.
    await (store as unknown as { checkpointing: Promise<void> }).checkpointing
    expect(await readdir(join(root, 'rotatePlan0'))).toContain('log.bin')
    expect((await readdir(root)).filter((name) => name.startsWith('journal.')).length).toBeLessThanOrEqual(2)
    await store.close()
    const again = new DocumentLogStore({ root })
    for (const [id, updates] of expected) expect((await again.load(id)).updates).toEqual(updates)
    await again.close()
  })

  it('keeps no file open, and nothing in memory, for a plan once it is compacted', async () => {
    const root = await folder()
    const store = new DocumentLogStore({ root, maxJournalBytes: 64 })
    for (let i = 0; i < 20; i++) await store.append(`quietPlan${String(i).padStart(2, '0')}`, new Uint8Array([i, i, i, i]))
    await (store as unknown as { checkpointing: Promise<void> }).checkpointing
    for (let i = 0; i < 20; i++) await store.compact(`quietPlan${String(i).padStart(2, '0')}`, new Uint8Array([i]))
    // (Compactions are noted in the journal, which may fill a file and start another checkpoint.)
    await (store as unknown as { checkpointing: Promise<void> }).checkpointing
    const writers = (store as unknown as { writers: Map<string, { handle: unknown }> }).writers
    expect([...writers.values()].filter((writer) => writer.handle !== null)).toEqual([])
    expect(writers.size).toBe(0)
    expect((await store.load('quietPlan07')).updates).toEqual([new Uint8Array([7])])
    await store.close()
  })

  it('keeps records checkpointed into the plan\'s log after a mark when compacting up to it', async () => {
    const root = await folder()
    const store = new DocumentLogStore({ root, maxJournalBytes: 64 })
    for (let i = 0; i < 5; i++) await store.append('markedPlan1', new Uint8Array([i, i, i, i]))
    const { mark } = await store.loadMarked('markedPlan1')
    // More records, enough to fill journal files, which moves them (and perhaps older ones) into log.bin.
    for (let i = 5; i < 20; i++) await store.append('markedPlan1', new Uint8Array([i, i, i, i]))
    await (store as unknown as { checkpointing: Promise<void> }).checkpointing
    expect(await readdir(join(root, 'markedPlan1'))).toContain('log.bin')
    await store.compact('markedPlan1', new Uint8Array([99]), mark)
    const check = async (reader: DocumentLogStore) => {
      const { updates } = await reader.load('markedPlan1')
      expect(updates[0]).toEqual(new Uint8Array([99]))
      const after = updates.slice(1).map((update) => update[0])
      for (let i = 5; i < 20; i++) expect(after).toContain(i)
    }
    await check(store)
    await store.close()
    const again = new DocumentLogStore({ root })
    await check(again)
    await again.close()
  })

  it('never brings back a removed plan after a restart', async () => {
    const root = await folder()
    const store = new DocumentLogStore({ root })
    await store.append('removedP01', new Uint8Array([1]))
    await store.append('keptPlan01', new Uint8Array([2]))
    await store.remove('removedP01')
    await store.close()
    const again = new DocumentLogStore({ root })
    expect((await again.load('removedP01')).updates).toEqual([])
    expect((await again.load('keptPlan01')).updates).toEqual([new Uint8Array([2])])
    await again.close()
    expect(await readdir(root)).not.toContain('removedP01')
  })
})
