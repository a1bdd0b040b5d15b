// BENCH_ROUNDS: each server's rounds become one run of medians, and the table shows the rounds' spread.
import { describe, expect, it } from 'vitest'
import { loadBenchConfig } from '../../../bench/config.ts'
import { combineRounds, roundOrder } from '../../../bench/report/rounds.ts'
import { renderTable } from '../../../bench/report/table.ts'
import { EDITING_METRICS } from '../../../bench/scenarios/editing.ts'
import type { ServerRun } from '../../../bench/scenarios/types.ts'

const run = (cpuPer1k: number, extra: Partial<ServerRun['values']> = {}, notes: string[] = []): ServerRun => ({
  values: { cpuPer1k, p99: cpuPer1k / 10, converged: 1, lost: 0, ...extra }, notes,
})

describe('bench rounds', () => {
  it('takes the median of each figure, the worst of missing deliveries, and convergence only if every round converged', () => {
    const combined = combineRounds([run(30), run(40, { lost: 2, converged: 0 }, ['slow start']), run(32)], EDITING_METRICS)
    expect(combined.values.cpuPer1k).toBe(32)
    expect(combined.values.p99).toBe(3.2)
    expect(combined.values.lost).toBe(2)
    expect(combined.values.converged).toBe(0)
    expect(combined.notes).toEqual(['round 2: slow start'])
    expect(combined.rounds?.map((values) => values.cpuPer1k)).toEqual([30, 40, 32])
  })

  it('keeps a single round as it is, and fails only when every round failed', () => {
    const one = run(30)
    expect(combineRounds([one], EDITING_METRICS)).toBe(one)
    const failed: ServerRun = { values: {}, notes: [], error: 'worker died\nstack' }
    expect(combineRounds([failed, run(31)], EDITING_METRICS).error).toBeUndefined()
    expect(combineRounds([failed, run(31)], EDITING_METRICS).notes).toContain('round 1 FAILED: worker died')
    expect(combineRounds([failed, failed], EDITING_METRICS).error).toBe('worker died\nstack')
  })

  it('alternates the order of the servers', () => {
    expect([0, 1, 2].map((round) => roundOrder(['uplift', 'y-websocket', 'relay'], round).join(' '))).toEqual([
      'uplift y-websocket relay', 'relay y-websocket uplift', 'uplift y-websocket relay',
    ])
  })

  it('shows the ratio of the medians with the lowest and highest of the rounds\' ratios', () => {
    const table = renderTable({
      id: 2, title: 'Many schools', description: '', metrics: EDITING_METRICS,
      runs: {
        uplift: combineRounds([run(33), run(30), run(36)], EDITING_METRICS),
        'y-websocket': combineRounds([run(30), run(30), run(30)], EDITING_METRICS),
      },
    }, ['uplift', 'y-websocket'])
    const cpu = table.split('\n').find((line) => line.startsWith('server CPU per 1,000 deliveries'))
    expect(cpu).toMatch(/1\.10× \(1\.00–1\.20\)$/)
    expect(table).toContain('median of 3 rounds')
  })

  it('reads BENCH_ROUNDS, refusing what is not a small whole number', () => {
    expect(loadBenchConfig({}).rounds).toBe(1)
    expect(loadBenchConfig({ BENCH_ROUNDS: '3' }).rounds).toBe(3)
    expect(() => loadBenchConfig({ BENCH_ROUNDS: '0' })).toThrow(/BENCH_ROUNDS/)
    expect(() => loadBenchConfig({ BENCH_ROUNDS: 'two' })).toThrow(/BENCH_ROUNDS/)
  })
})
