// Which automatic versions are kept: all of the last day, then hourly for a week, then daily; never one
// kept before a restore.
import { describe, expect, it } from 'vitest'
import { thinVersions } from '../../../server/plans/versionRetention.ts'
import type { VersionRecord } from '../../../server/storage/metadata.ts'

const now = new Date('2027-03-15T12:00:00Z')
let counter = 0
const version = (createdAt: string, editorIds: string[], reason: VersionRecord['reason'] = 'activity'): VersionRecord =>
  ({ id: `version${++counter}`, planId: 'plan0001', createdAt, reason, editorIds })

describe('version retention', () => {
  it('keeps every version of the last day', () => {
    const recent = [version('2027-03-15T11:00:00.000Z', ['a']), version('2027-03-15T11:05:00.000Z', ['b']), version('2027-03-14T13:00:00.000Z', ['c'])]
    expect(thinVersions(recent, now)).toHaveLength(3)
  })

  it('thins older versions to one an hour, then one a day, merging who edited', () => {
    const kept = thinVersions([
      version('2027-03-12T09:05:00.000Z', ['a']),
      version('2027-03-12T09:35:00.000Z', ['b']),
      version('2027-03-12T10:05:00.000Z', ['c']),
      version('2027-02-01T09:00:00.000Z', ['d']),
      version('2027-02-01T15:00:00.000Z', ['e']),
      version('2027-02-01T16:00:00.000Z', ['f'], 'before-restore'),
    ], now)
    expect(kept.map((v) => [v.createdAt.slice(0, 16), v.editorIds])).toEqual([
      ['2027-02-01T15:00', ['d', 'e']],
      ['2027-02-01T16:00', ['f']],
      ['2027-03-12T09:35', ['a', 'b']],
      ['2027-03-12T10:05', ['c']],
    ])
  })
})
