// A plan's last-updated time follows its edits, but is written at most once an interval per plan (the
// metadata file is rewritten whole on each write), and the last change of a burst is never lost.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LastUpdatedKeeper } from '../../../server/plans/lastUpdated.ts'
import type { Logger } from '../../../server/collab/types.ts'

const MINUTE = 60_000
const START = Date.parse('2027-03-01T09:00:00.000Z')

function setup(record?: (planId: string, at: Date) => Promise<void>) {
  const written: { planId: string; at: string }[] = []
  const errors: Record<string, unknown>[] = []
  const log: Logger = { info: () => undefined, warn: () => undefined, error: (_message, fields) => { errors.push(fields ?? {}) } }
  const keeper = new LastUpdatedKeeper(log, {
    intervalMs: MINUTE,
    record: record ?? (async (planId, at) => { written.push({ planId, at: at.toISOString() }) }),
  })
  return { keeper, written, errors }
}

/** Moves the clock on, running the timers due meanwhile and the writes they start. */
async function wait(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms)
}

const at = (offsetMs: number) => new Date(START + offsetMs).toISOString()

describe('a plan\'s last-updated time', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(START)
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('writes the first change at once, and the latest of those that follow when the interval is up, at its own time', async () => {
    const { keeper, written } = setup()
    keeper.changed('plan-a')
    await wait(0)
    expect(written).toEqual([{ planId: 'plan-a', at: at(0) }])

    await wait(10_000)
    keeper.changed('plan-a')
    await wait(20_000)
    keeper.changed('plan-a')
    await wait(29_999)
    expect(written).toHaveLength(1)
    await wait(1)
    // The time of the last change, not of the write.
    expect(written).toEqual([{ planId: 'plan-a', at: at(0) }, { planId: 'plan-a', at: at(30_000) }])

    // Quiet for a whole interval: the next change is written at once again.
    await wait(2 * MINUTE)
    expect(written).toHaveLength(2)
    keeper.changed('plan-a')
    await wait(0)
    expect(written.at(-1)).toEqual({ planId: 'plan-a', at: at(3 * MINUTE) })
  })

  it('writes about once a minute per plan however fast people type, each plan on its own clock', async () => {
    const { keeper, written } = setup()
    // Ten minutes of a keystroke every 200 ms in one plan, and one change in another.
    for (let elapsed = 0; elapsed < 10 * MINUTE; elapsed += 200) {
      keeper.changed('plan-a')
      if (elapsed === 5_000) keeper.changed('plan-b')
      await wait(200)
    }
    await wait(MINUTE)
    const ofA = written.filter((entry) => entry.planId === 'plan-a')
    expect(ofA.length).toBeGreaterThanOrEqual(10)
    expect(ofA.length).toBeLessThanOrEqual(11)
    // The last keystroke is not lost.
    expect(ofA.at(-1)!.at).toBe(at(10 * MINUTE - 200))
    expect(written.filter((entry) => entry.planId === 'plan-b')).toEqual([{ planId: 'plan-b', at: at(5_000) }])
  })

  it('writes what waits when the plan leaves memory and when the server stops, and nothing after', async () => {
    const { keeper, written } = setup()
    keeper.changed('plan-a')
    keeper.changed('plan-b')
    await wait(1_000)
    keeper.changed('plan-a')
    await wait(1_000)
    keeper.changed('plan-b')
    await keeper.flush('plan-a')
    expect(written.slice(2)).toEqual([{ planId: 'plan-a', at: at(1_000) }])
    // Nothing more waits for plan-a: flushing again writes nothing.
    await keeper.flush('plan-a')
    expect(written).toHaveLength(3)

    await keeper.close()
    expect(written.slice(3)).toEqual([{ planId: 'plan-b', at: at(2_000) }])
    keeper.changed('plan-a')
    await wait(2 * MINUTE)
    expect(written).toHaveLength(4)
  })

  it('writes nothing more for a deleted plan', async () => {
    const { keeper, written } = setup()
    keeper.changed('plan-a')
    await wait(1_000)
    keeper.changed('plan-a')
    keeper.forget('plan-a')
    await wait(2 * MINUTE)
    await keeper.close()
    expect(written).toHaveLength(1)
  })

  it('logs a write that fails, and goes on writing later changes', async () => {
    let fail = true
    const written: string[] = []
    const { keeper, errors } = setup(async (_planId, when) => {
      if (fail) throw new Error('disk full')
      written.push(when.toISOString())
    })
    keeper.changed('plan-a')
    await wait(0)
    expect(errors).toEqual([{ planId: 'plan-a', error: 'disk full' }])
    fail = false
    await wait(1_000)
    keeper.changed('plan-a')
    await wait(MINUTE)
    expect(written).toEqual([at(1_000)])
  })

  it('writes one plan\'s times one at a time, in order, even when a write is slow', async () => {
    const order: string[] = []
    let releaseFirst!: () => void
    const { keeper } = setup(async (_planId, when) => {
      if (order.length === 0) {
        order.push(`start ${when.toISOString()}`)
        await new Promise<void>((resolve) => { releaseFirst = resolve })
      }
      order.push(`done ${when.toISOString()}`)
    })
    keeper.changed('plan-a')
    await wait(1_000)
    keeper.changed('plan-a')
    const flushed = keeper.flush('plan-a')
    await wait(0)
    expect(order).toEqual([`start ${at(0)}`])
    releaseFirst()
    await flushed
    expect(order).toEqual([`start ${at(0)}`, `done ${at(0)}`, `done ${at(1_000)}`])
  })
})
