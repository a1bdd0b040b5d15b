import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../server/config.ts'

describe('configuration from the environment', () => {
  it('has defaults that work on a fresh machine', () => {
    const config = loadConfig({}, '/srv/uplift')
    expect(config.dataDir).toBe('/srv/uplift/data')
    expect(config.fsync).toBe(true)
    expect(config.commitIntervalMs).toBe(32)
    expect(config.collab.storedAckDelayMs).toBe(500)
  })

  it('reads the flush interval, and refuses one it cannot use with a message naming it', () => {
    expect(loadConfig({ COMMIT_INTERVAL_MS: '0' }).commitIntervalMs).toBe(0)
    expect(loadConfig({ COMMIT_INTERVAL_MS: '2' }).commitIntervalMs).toBe(2)
    expect(() => loadConfig({ COMMIT_INTERVAL_MS: '2.5' })).toThrow('COMMIT_INTERVAL_MS must be a whole number from 0 to 1000 (it is "2.5").')
    expect(() => loadConfig({ COMMIT_INTERVAL_MS: '5000' })).toThrow(/COMMIT_INTERVAL_MS/)
    expect(() => loadConfig({ FSYNC: 'maybe' })).toThrow('FSYNC must be true or false (it is "maybe").')
  })
})
