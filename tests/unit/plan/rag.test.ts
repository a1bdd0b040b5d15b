import { describe, expect, it } from 'vitest'
import { readTarget, type TargetModel } from '../../../shared/plan/model.ts'
import { computedRag, expectedValue, targetRag, trajectory } from '../../../shared/plan/rag.ts'
import { planNode, target } from './planFixtures.ts'

function model(attrs: Record<string, unknown>): TargetModel {
  return readTarget(planNode(target(attrs)).child(1))
}

// Attendance from 90% on 1 September 2026 to 95% on 31 July 2027 (333 days), higher is better.
const attendance = { baselineValue: 90, baselineDate: '2026-09-01', targetValue: 95, targetDate: '2027-07-31' }

describe('target RAG from the trajectory', () => {
  it('says what is missing until there is a baseline, a target and a current value', () => {
    expect(targetRag(model({}), '2027-01-01')).toMatchObject({ rag: null, manual: false, missing: 'Add the baseline value and date.' })
    expect(targetRag(model({ baselineValue: 90, baselineDate: '2026-09-01' }), '2027-01-01').missing).toBe('Add the target value and date.')
    expect(targetRag(model(attendance), '2027-01-01')).toMatchObject({ rag: null, missing: 'Add the current value.' })
    expect(targetRag(model({ ...attendance, targetDate: '2026-08-01', currentValue: 91 }), '2027-01-01').missing)
      .toBe('The target date must be after the baseline date.')
  })

  it('needs the target to be an improvement in the chosen direction', () => {
    expect(computedRag(model({ ...attendance, targetValue: 85, currentValue: 88 }), '2027-01-01').missing)
      .toBe('The target must be higher than the baseline (higher is better).')
    expect(computedRag(model({ ...attendance, direction: 'lower', currentValue: 88 }), '2027-01-01').missing)
      .toBe('The target must be lower than the baseline (lower is better).')
  })

  it('is green on or ahead of the straight line, amber slightly behind, red further behind', () => {
    // Halfway through the period (day 166 of 333 is 15 February 2027) the line expects about 92.5.
    const halfway = '2027-02-14'
    const expected = computedRag(model({ ...attendance, currentValue: 92.5 }), halfway).expected!
    expect(expected).toBeCloseTo(92.49, 1)
    expect(targetRag(model({ ...attendance, currentValue: 93 }), halfway).rag).toBe('green')
    expect(targetRag(model({ ...attendance, currentValue: expected }), halfway).rag).toBe('green')
    // Behind by 0.4 of a 5-point improvement = 0.08: amber (tolerance 0.1).
    expect(targetRag(model({ ...attendance, currentValue: expected - 0.4 }), halfway).rag).toBe('amber')
    // Behind by 1 point = 0.2: red.
    expect(targetRag(model({ ...attendance, currentValue: expected - 1 }), halfway).rag).toBe('red')
  })

  it('works the other way round when lower is better', () => {
    // Persistent absence from 20% down to 12%.
    const absence = { direction: 'lower', baselineValue: 20, baselineDate: '2026-09-01', targetValue: 12, targetDate: '2027-07-31' }
    expect(targetRag(model({ ...absence, currentValue: 15 }), '2027-02-14').rag).toBe('green')
    expect(targetRag(model({ ...absence, currentValue: 16.5 }), '2027-02-14').rag).toBe('amber')
    expect(targetRag(model({ ...absence, currentValue: 19 }), '2027-02-14').rag).toBe('red')
  })

  it('follows the termly milestones when they are set', () => {
    // Slow start planned: 90.5 by the end of the autumn term, then the rest.
    const planned = model({ ...attendance, milestoneAutumn: 90.5, milestoneSpring: 92, currentValue: 90.5 })
    expect(trajectory(planned)!.map((point) => point.date)).toEqual(['2026-09-01', '2026-12-31', '2027-03-31', '2027-07-31'])
    expect(expectedValue(trajectory(planned)!, '2026-12-31')).toBe(90.5)
    expect(targetRag(planned, '2026-12-31').rag).toBe('green')
    // Without the milestones, the straight line expects about 91.8 by then: red.
    expect(targetRag(model({ ...attendance, currentValue: 90.5 }), '2026-12-31').rag).toBe('red')
  })

  it('expects the baseline before the period and the target after it', () => {
    expect(targetRag(model({ ...attendance, currentValue: 90 }), '2026-08-01').rag).toBe('green')
    expect(targetRag(model({ ...attendance, currentValue: 94 }), '2027-09-01').rag).toBe('red')
    expect(targetRag(model({ ...attendance, currentValue: 95 }), '2027-09-01').rag).toBe('green')
  })

  it('lets a manual override win, and says it is manual', () => {
    const result = targetRag(model({ ...attendance, currentValue: 95, ragOverride: 'amber' }), '2027-02-14')
    expect(result).toMatchObject({ rag: 'amber', manual: true, computed: 'green' })
    expect(targetRag(model({ ragOverride: 'red' }), '2027-02-14')).toMatchObject({ rag: 'red', manual: true, computed: null })
  })
})
