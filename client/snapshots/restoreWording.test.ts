import { describe, expect, it } from 'vitest'
import { restoreQuestion, restoreTargetText } from './restoreWording.ts'

describe('the restore confirmation’s wording', () => {
  it('names a snapshot by its name', () => {
    expect(restoreQuestion({ kind: 'snapshot', name: 'Autumn review' })).toBe('Restore the snapshot “Autumn review”?')
    expect(restoreTargetText({ kind: 'snapshot', name: 'Autumn review' })).toBe('the snapshot “Autumn review”')
  })

  it('names an automatic version by when it was kept, the UK way', () => {
    const kept = new Date(2026, 10, 24, 10, 42).toISOString()
    expect(restoreQuestion({ kind: 'version', createdAt: kept })).toBe('Restore the version of 24 November 2026 at 10:42?')
  })
})
