// The contract every DocumentStore implementation must pass. Each implementation's test file runs it.
import { describe, expect, it } from 'vitest'
import type { DocumentStore } from '../../../server/storage/types.ts'

const bytes = (...values: number[]) => new Uint8Array(values)

export function documentStoreContract(name: string, make: () => Promise<{ store: DocumentStore; reopen: () => Promise<DocumentStore> }>): void {
  describe(`${name} honours the document store contract`, () => {
    it('loads a document never stored as no updates', async () => {
      const { store } = await make()
      const loaded = await store.load('neverStored01')
      expect(loaded.updates).toEqual([])
      await store.close()
    })

    it('returns appended updates in order, after a reopen too', async () => {
      const { store, reopen } = await make()
      await store.append('planAAAA01', bytes(1, 2, 3))
      await store.append('planAAAA01', bytes(4))
      await store.append('planBBBB01', bytes(9))
      expect((await store.load('planAAAA01')).updates).toEqual([bytes(1, 2, 3), bytes(4)])
      await store.close()
      const again = await reopen()
      expect((await again.load('planAAAA01')).updates).toEqual([bytes(1, 2, 3), bytes(4)])
      expect((await again.load('planBBBB01')).updates).toEqual([bytes(9)])
      await again.close()
    })

    it('resolves concurrent appends in the order they were made and keeps them all', async () => {
      const { store } = await make()
      const order: number[] = []
      await Promise.all(Array.from({ length: 50 }, (_, i) => store.append('planCCCC01', bytes(i)).then(() => order.push(i))))
      expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i))
      expect((await store.load('planCCCC01')).updates).toEqual(Array.from({ length: 50 }, (_, i) => bytes(i)))
      await store.close()
    })

    it('replaces everything with the compacted state and keeps later appends', async () => {
      const { store, reopen } = await make()
      await store.append('planDDDD01', bytes(1))
      await store.append('planDDDD01', bytes(2))
      expect(store.appendedSinceCompaction('planDDDD01')).toBeGreaterThan(0)
      await store.compact('planDDDD01', bytes(1, 2))
      expect(store.appendedSinceCompaction('planDDDD01')).toBe(0)
      await store.append('planDDDD01', bytes(3))
      await store.close()
      const again = await reopen()
      expect((await again.load('planDDDD01')).updates).toEqual([bytes(1, 2), bytes(3)])
      await again.close()
    })

    it('compacts up to a mark, keeping what was stored after it, across a reopen', async () => {
      const { store, reopen } = await make()
      await store.append('planMark001', bytes(1))
      await store.append('planMark001', bytes(2))
      const { updates, mark } = await store.loadMarked('planMark001')
      expect(updates).toEqual([bytes(1), bytes(2)])
      // Stored while the state is being computed elsewhere: kept.
      await store.append('planMark001', bytes(3))
      await store.compact('planMark001', bytes(1, 2), mark)
      expect((await store.load('planMark001')).updates).toEqual([bytes(1, 2), bytes(3)])
      await store.close()
      const again = await reopen()
      expect((await again.load('planMark001')).updates).toEqual([bytes(1, 2), bytes(3)])
      await again.close()
    })

    it('ignores a compaction whose mark another compaction has made stale', async () => {
      const { store } = await make()
      await store.append('planMark002', bytes(1))
      const { mark } = await store.loadMarked('planMark002')
      await store.append('planMark002', bytes(2))
      await store.compact('planMark002', bytes(1, 2))
      await store.compact('planMark002', bytes(1), mark)
      expect((await store.load('planMark002')).updates).toEqual([bytes(1, 2)])
      await store.close()
    })

    it('removes a document', async () => {
      const { store } = await make()
      await store.append('planEEEE01', bytes(1))
      await store.remove('planEEEE01')
      expect((await store.load('planEEEE01')).updates).toEqual([])
      await store.close()
    })

    it('keeps large updates byte for byte', async () => {
      const { store } = await make()
      const large = new Uint8Array(300_000).map((_, i) => (i * 7) & 0xff)
      await store.append('planFFFF01', large)
      expect((await store.load('planFFFF01')).updates[0]).toEqual(large)
      await store.close()
    })
  })
}
