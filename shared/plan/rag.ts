/**
 * A target's RAG status, from its trajectory.
 *
 * The rule (shown to people in the target block, so it must stay this simple):
 * 1. A manual override, when set, is the status; it is flagged as manual.
 * 2. Otherwise there is no status until the target has a baseline (value and date), a target (value and
 *    date, after the baseline) that is an improvement in the target's direction, and a current value.
 * 3. The expected value today is read off the trajectory: a straight line from the baseline to the
 *    target, passing through each termly milestone that has a value (placed at the end of the first such
 *    term after the baseline: 31 December, 31 March, 31 July). Before the baseline date the expectation
 *    is the baseline; after the target date it is the target.
 * 4. Progress is how far the current value has moved from the baseline towards the target, as a fraction
 *    of the whole improvement; expected progress is the same fraction for the expected value.
 * 5. Green: progress is at or ahead of the expected progress. Amber: behind by no more than
 *    AMBER_TOLERANCE of the whole improvement. Red: further behind.
 */
import { daysBetween, nextTermEnd } from './dates.ts'
import type { TargetModel } from './model.ts'
import { TERMS, type Rag } from './vocabulary.ts'

/** How far behind the expected progress (a fraction of the whole improvement) still counts as amber. */
export const AMBER_TOLERANCE = 0.1

export interface RagResult {
  /** The status shown: the override if set, else the computed one; null when there is none. */
  rag: Rag | null
  /** True when the status is a manual override. */
  manual: boolean
  /** What the trajectory says, whatever the override. */
  computed: Rag | null
  /** The value expected today on the trajectory, when it can be computed. */
  expected: number | null
  /** Why there is no computed status, in words; '' when there is one. */
  missing: string
}

interface Point {
  date: string
  value: number
}

/** The trajectory's points in date order: baseline, milestones inside the period, target. */
export function trajectory(target: TargetModel): Point[] | null {
  const { baselineValue, baselineDate, targetValue, targetDate } = target
  if (baselineValue === null || baselineDate === null || targetValue === null || targetDate === null) return null
  if (targetDate <= baselineDate) return null
  const points: Point[] = [{ date: baselineDate, value: baselineValue }]
  for (const term of TERMS) {
    const value = target.milestones[term]
    if (value === null) continue
    const date = nextTermEnd(term, baselineDate)
    if (date < targetDate) points.push({ date, value })
  }
  points.push({ date: targetDate, value: targetValue })
  return points.sort((a, b) => a.date.localeCompare(b.date))
}

/** The value expected on `today`, by straight lines between the trajectory's points. */
export function expectedValue(points: Point[], today: string): number {
  if (today <= points[0].date) return points[0].value
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]
    const to = points[i]
    if (today <= to.date) {
      const span = daysBetween(from.date, to.date)
      const fraction = span === 0 ? 1 : daysBetween(from.date, today) / span
      return from.value + (to.value - from.value) * fraction
    }
  }
  return points[points.length - 1].value
}

export function computedRag(target: TargetModel, today: string): { rag: Rag | null; expected: number | null; missing: string } {
  const { baselineValue, targetValue, currentValue, direction } = target
  if (baselineValue === null || target.baselineDate === null) return none('Add the baseline value and date.')
  if (targetValue === null || target.targetDate === null) return none('Add the target value and date.')
  if (target.targetDate <= target.baselineDate) return none('The target date must be after the baseline date.')
  const improvement = direction === 'higher' ? targetValue - baselineValue : baselineValue - targetValue
  if (improvement <= 0) {
    return none(direction === 'higher' ? 'The target must be higher than the baseline (higher is better).' : 'The target must be lower than the baseline (lower is better).')
  }
  if (currentValue === null) return none('Add the current value.')
  const points = trajectory(target)!
  const expected = expectedValue(points, today)
  const towards = (value: number) => (direction === 'higher' ? value - baselineValue : baselineValue - value) / improvement
  const shortfall = towards(expected) - towards(currentValue)
  // A hair of tolerance for floating point: 0.1 + 0.2 is not 0.3.
  const rag: Rag = shortfall <= 1e-9 ? 'green' : shortfall <= AMBER_TOLERANCE + 1e-9 ? 'amber' : 'red'
  return { rag, expected, missing: '' }
}

function none(missing: string) {
  return { rag: null, expected: null, missing }
}

export function targetRag(target: TargetModel, today: string): RagResult {
  const computed = computedRag(target, today)
  if (target.ragOverride) {
    return { rag: target.ragOverride, manual: true, computed: computed.rag, expected: computed.expected, missing: computed.missing }
  }
  return { rag: computed.rag, manual: false, computed: computed.rag, expected: computed.expected, missing: computed.missing }
}
