// Formatting figures for tables and the chart.
import type { MetricDef } from '../scenarios/types.ts'

export function formatValue(value: number | null | undefined, metric: MetricDef, atLeast = false): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–'
  if (atLeast) return `≥ ${formatValue(value, metric)}`
  if (metric.unit === 'bool') return value ? 'yes' : 'no'
  const abs = Math.abs(value)
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2
  const number = value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: metric.unit === 'count' ? 0 : Math.min(digits, 1) })
  return metric.unit === 'count' ? number : `${number} ${metric.unit}`
}

/**
 * Uplift's figure divided by a peer's; null when either is missing, the metric is not a measure, or a
 * figure is below zero (a change, such as memory growth, can be negative: its ratio means nothing).
 */
export function ratio(uplift: number | null | undefined, peer: number | null | undefined, metric: MetricDef): number | null {
  if (metric.better === 'none' || metric.unit === 'bool') return null
  if (uplift == null || peer == null || Number.isNaN(uplift) || Number.isNaN(peer) || peer <= 0 || uplift < 0) return null
  return uplift / peer
}

export function formatRatio(value: number | null, metric: MetricDef, atLeast = false): string {
  if (value === null) return ''
  const text = (atLeast ? '≥ ' : '') + (value >= 10 ? `${value.toFixed(0)}×` : `${value.toFixed(2)}×`)
  // Mark where Uplift is worse than the peer by more than 10 %.
  const worse = metric.better === 'lower' ? value > 1.1 : metric.better === 'higher' ? value < 0.9 : false
  return worse ? `${text} !` : text
}
