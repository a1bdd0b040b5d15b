import { describe, expect, it } from 'vitest'
import { PendingRecords } from '../../../server/storage/embedded/pendingRecords.ts'

const bytes = (...values: number[]) => new Uint8Array(values)
const plain = (updates: Uint8Array[]) => updates.map((update) => [...update])

describe('a plan’s records waiting in the journal', () => {
  it('keeps records in order, copied, with their count, size and newest sequence number', () => {
    const records = new PendingRecords()
    expect(records.count).toBe(0)
    expect(records.lastSeq).toBe(0)
    expect(records.updates()).toEqual([])
    const first = bytes(1, 2, 3)
    records.push(1, 4, first)
    records.push(1, 9, bytes())
    records.push(2, 11, bytes(7))
    first[0] = 99
    expect(plain(records.updates())).toEqual([[1, 2, 3], [], [7]])
    expect(records.count).toBe(3)
    expect(records.byteLength).toBe(4)
    expect(records.lastSeq).toBe(11)
  })

  it('grows past its first buffer without changing what earlier views show', () => {
    const records = new PendingRecords()
    const expected: number[][] = []
    let earlier: Uint8Array[] = []
    for (let seq = 1; seq <= 500; seq++) {
      const update = Uint8Array.from({ length: (seq % 13) + 1 }, (_, i) => (seq + i) & 0xff)
      records.push(1 + Math.floor(seq / 100), seq, update)
      expected.push([...update])
      if (seq === 40) earlier = records.updates()
    }
    expect(plain(records.updates())).toEqual(expected)
    expect(plain(earlier)).toEqual(expected.slice(0, 40))
    expect(records.byteLength).toBe(expected.reduce((sum, update) => sum + update.length, 0))
  })

  it('hands over and removes the records of given journal files (a checkpoint)', () => {
    const records = new PendingRecords()
    records.push(3, 1, bytes(1))
    records.push(3, 2, bytes(2, 2))
    records.push(4, 3, bytes(3))
    records.push(5, 4, bytes(4, 4, 4))
    const done = new Set([3, 4])
    expect(records.inAnyOf(done)).toBe(true)
    expect(records.inAnyOf(new Set([6]))).toBe(false)
    const moving = records.updatesIn(done)
    records.push(5, 5, bytes(5))
    records.removeIn(done)
    expect(plain(moving)).toEqual([[1], [2, 2], [3]])
    expect(plain(records.updates())).toEqual([[4, 4, 4], [5]])
    expect(records.count).toBe(2)
    expect(records.byteLength).toBe(4)
    expect(records.inAnyOf(done)).toBe(false)
  })

  it('removes the records a compaction covers, by sequence number, and keeps later ones', () => {
    const records = new PendingRecords()
    for (let seq = 1; seq <= 6; seq++) records.push(1, seq * 10, bytes(seq))
    const before = records.updates()
    records.removeThrough(30)
    expect(plain(records.updates())).toEqual([[4], [5], [6]])
    expect(records.lastSeq).toBe(60)
    expect(plain(before)).toEqual([[1], [2], [3], [4], [5], [6]])
    records.removeThrough(0)
    expect(records.count).toBe(3)
    records.removeThrough(60)
    expect(records.count).toBe(0)
    expect(records.byteLength).toBe(0)
    expect(records.lastSeq).toBe(0)
    records.push(2, 70, bytes(8))
    expect(plain(records.updates())).toEqual([[8]])
  })

  it('clears', () => {
    const records = new PendingRecords()
    records.push(1, 1, bytes(1, 2))
    records.clear()
    expect(records.count).toBe(0)
    expect(records.byteLength).toBe(0)
    expect(records.updates()).toEqual([])
  })
})
