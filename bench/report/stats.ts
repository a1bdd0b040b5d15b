// Small statistics helpers.

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]
}

export function sortedCopy(values: Float64Array | number[]): Float64Array {
  const copy = Float64Array.from(values)
  copy.sort()
  return copy
}

export function median(values: number[]): number {
  return percentile(sortedCopy(values), 50)
}

export const MB = 1024 * 1024
