/**
 * Several rounds of one scenario (BENCH_ROUNDS): each server's figures are the median of its rounds, so a
 * slow spell of a shared machine during one server's turn weighs less. The rounds run the servers in
 * alternating order (A B C, C B A, …), so a machine growing slower or faster over the run favours no one.
 */
import type { MetricDef, ServerRun } from '../scenarios/types.ts'
import { median } from './stats.ts'

/** One server's rounds as one run: medians, every round's figures kept alongside. */
export function combineRounds(rounds: ServerRun[], metrics: MetricDef[]): ServerRun {
  if (rounds.length === 1) return rounds[0]
  const values: Record<string, number | null> = {}
  for (const metric of metrics) {
    const seen = rounds.map((round) => round.values[metric.key]).filter((v): v is number => typeof v === 'number' && !Number.isNaN(v))
    if (seen.length === 0) values[metric.key] = null
    // Converged only if every round did; deliveries missing: the worst round.
    else if (metric.unit === 'bool') values[metric.key] = seen.length === rounds.length && seen.every(Boolean) ? 1 : 0
    else if (metric.key === 'lost') values[metric.key] = Math.max(...seen)
    else values[metric.key] = median(seen)
  }
  const notes: string[] = []
  rounds.forEach((round, i) => {
    for (const note of round.notes) notes.push(`round ${i + 1}: ${note}`)
    if (round.error) notes.push(`round ${i + 1} FAILED: ${round.error.split('\n')[0]}`)
  })
  const failed = rounds.filter((round) => round.error)
  return {
    values,
    notes,
    atLeast: [...new Set(rounds.flatMap((round) => round.atLeast ?? []))],
    rounds: rounds.map((round) => round.values),
    ...(failed.length === rounds.length ? { error: failed[0].error } : {}),
  }
}

/** The server order for a round: as given, then reversed, and so on. */
export function roundOrder<T>(servers: T[], round: number): T[] {
  return round % 2 === 0 ? servers : [...servers].reverse()
}

/** Uplift's ratio to a peer in each round where both have the figure (for the spread shown beside the ratio). */
export function ratiosByRound(uplift: ServerRun | undefined, peer: ServerRun | undefined, key: string, ratio: (a: number, b: number) => number | null): number[] {
  if (!uplift?.rounds || !peer?.rounds) return []
  const out: number[] = []
  for (let i = 0; i < Math.min(uplift.rounds.length, peer.rounds.length); i++) {
    const a = uplift.rounds[i][key]
    const b = peer.rounds[i][key]
    if (typeof a !== 'number' || typeof b !== 'number') continue
    const r = ratio(a, b)
    if (r !== null) out.push(r)
  }
  return out
}
