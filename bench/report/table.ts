// One plain-text table per scenario: each server's figures, then Uplift's ratio to each peer.
import { SERVER_LABELS, SERVER_NAMES } from '../servers/index.ts'
import type { ServerName } from '../servers/types.ts'
import type { ScenarioResult } from '../scenarios/types.ts'
import { formatRatio, formatValue, ratio } from './format.ts'
import { ratiosByRound } from './rounds.ts'

/** The lowest and highest of the rounds' ratios, after the ratio of the medians: " (0.98–1.12)". */
function spread(ratios: number[]): string {
  if (ratios.length < 2) return ''
  const digits = (value: number) => (value >= 10 ? value.toFixed(0) : value.toFixed(2))
  return ` (${digits(Math.min(...ratios))}–${digits(Math.max(...ratios))})`
}

export function renderTable(result: ScenarioResult, servers: ServerName[]): string {
  const shown = SERVER_NAMES.filter((name) => servers.includes(name) && result.runs[name])
  const peers = shown.filter((name) => name !== 'uplift')
  const hasUplift = shown.includes('uplift')
  const header = ['metric', ...shown.map((name) => SERVER_LABELS[name]), ...(hasUplift ? peers.map((name) => `Uplift ÷ ${SERVER_LABELS[name]}`) : [])]
  const rows: string[][] = []
  for (const metric of result.metrics) {
    const values = shown.map((name) => result.runs[name]?.values[metric.key])
    if (values.every((v) => v === null || v === undefined)) continue
    const arrow = metric.better === 'lower' ? ' ↓' : metric.better === 'higher' ? ' ↑' : ''
    const uplift = result.runs.uplift?.values[metric.key]
    rows.push([
      metric.label + arrow,
      ...values.map((v, i) => formatValue(v, metric, result.runs[shown[i]]?.atLeast?.includes(metric.key))),
      ...(hasUplift ? peers.map((name) => formatRatio(ratio(uplift, result.runs[name]?.values[metric.key], metric), metric,
        (result.runs.uplift?.atLeast?.includes(metric.key) ?? false) && !(result.runs[name]?.atLeast?.includes(metric.key) ?? false))
        + spread(ratiosByRound(result.runs.uplift, result.runs[name], metric.key, (a, b) => ratio(a, b, metric)))) : []),
    ])
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)))
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')
  const out = [`Scenario ${result.id}. ${result.title}`, result.description, '', line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)]
  for (const name of shown) {
    const run = result.runs[name]!
    if (run.error) out.push(`  ${SERVER_LABELS[name]}: FAILED: ${run.error.split('\n')[0]}`)
    for (const note of run.notes) out.push(`  ${SERVER_LABELS[name]}: ${note}`)
  }
  const rounds = result.runs.uplift?.rounds?.length ?? 0
  if (rounds > 1) out.push(`  (each figure is the median of ${rounds} rounds, the servers in alternating order; in brackets, the lowest and highest of the rounds' ratios)`)
  out.push('  (↓ lower is better, ↑ higher is better; "!" marks a ratio where Uplift is more than 10 % worse than that peer)')
  return out.join('\n')
}
