/**
 * Uplift's compaction, timed with Uplift's own storage module (server/storage/embedded/documentLog.ts)
 * on a stopped server's data folder: load the plan's records into a Y.Doc, encode the whole state (what
 * Room.compact does), and have the store write it durably (temporary file, fsync, rename, log truncated).
 */
import { join } from 'node:path'
import * as Y from 'yjs'
import { DocumentLogStore } from '../../server/storage/embedded/documentLog.ts'
import { now } from '../clock.ts'

export interface CompactionTiming {
  loadMs: number
  encodeMs: number
  writeMs: number
  stateBytes: number
}

export async function timeCompaction(dataDir: string, planId: string): Promise<CompactionTiming> {
  const store = new DocumentLogStore({ root: join(dataDir, 'plans'), fsync: true })
  try {
    let t = now()
    const { updates } = await store.load(planId)
    const doc = new Y.Doc({ gc: true })
    doc.transact(() => { for (const update of updates) Y.applyUpdate(doc, update) })
    const loadMs = now() - t
    t = now()
    const state = Y.encodeStateAsUpdate(doc)
    const encodeMs = now() - t
    t = now()
    await store.compact(planId, state)
    const writeMs = now() - t
    doc.destroy()
    return { loadMs, encodeMs, writeMs, stateBytes: state.length }
  } finally {
    await store.close()
  }
}
