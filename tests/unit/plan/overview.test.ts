import { describe, expect, it } from 'vitest'
import { readPlan } from '../../../shared/plan/model.ts'
import { isOverdue, planHeadline, planOverview } from '../../../shared/plan/overview.ts'
import { action, finding, idOf, planNode, priority, reviewPoint, target } from './planFixtures.ts'

describe('plan overview', () => {
  const weak = finding({ area: 'attendance-and-behaviour' }, { statement: 'Persistent absence is high in Year 9.' })
  const parked = finding({ area: 'sixth-form', inPlan: false }, { statement: 'Sixth-form enrichment is narrow.', notInPlanReason: 'Next year.' })
  const loose = finding({ area: 'achievement' }, { statement: 'Boys’ reading lags.' })
  const absence = target(
    { direction: 'lower', baselineValue: 20, baselineDate: '2026-09-01', targetValue: 12, targetDate: '2027-07-31', currentValue: 15, linkedFindings: [idOf(weak)] },
    { measure: 'Persistent absence in Year 9 (%)', owner: 'Attendance lead' },
  )
  const orphanTarget = target({ ragOverride: 'red' }, { measure: 'Reading ages' })
  const late = action({ due: '2027-01-31', status: 'in-progress', linkedTargets: [idOf(absence)] }, { description: 'Daily first-day calls', owner: 'Mrs Khan' })
  const finished = action({ due: '2027-01-15', status: 'done', linkedTargets: [idOf(absence)] }, { description: 'Attendance clinic' })
  const unlinked = action({ due: '2027-06-30', status: 'blocked' }, { description: 'Mentoring' })
  const deadLink = action({ status: 'not-started', linkedTargets: ['deleted-target-id'] }, { description: 'Rewards' })
  const doc = planNode(
    weak, parked, loose, absence, orphanTarget,
    priority({ title: 'Attendance' }, late, finished, unlinked, deadLink),
    reviewPoint({ date: '2027-03-20' }), reviewPoint({ date: '2026-12-10' }),
  )
  const overview = planOverview(readPlan(doc), '2027-02-14')

  it('counts actions by status and lists the overdue ones with owners, oldest first', () => {
    expect(overview.actions.total).toBe(4)
    expect(overview.actions.byStatus).toEqual({ 'not-started': 1, 'in-progress': 1, 'done': 1, 'blocked': 1 })
    expect(overview.actions.overdue).toEqual([
      { id: idOf(late), description: 'Daily first-day calls', owner: 'Mrs Khan', due: '2027-01-31', priorityTitle: 'Attendance' },
    ])
  })

  it('counts targets by RAG, manual ones included and flagged', () => {
    expect(overview.targets.byRag).toEqual({ red: 1, amber: 0, green: 1, none: 0 })
    expect(overview.targets.manual).toBe(1)
    expect(overview.targets.items.map((item) => [item.measure, item.rag, item.manual])).toEqual([
      ['Persistent absence in Year 9 (%)', 'green', false],
      ['Reading ages', 'red', true],
    ])
  })

  it('lists findings in the plan that no target addresses', () => {
    expect(overview.findings).toEqual({
      total: 3, inPlan: 2, unaddressed: [{ id: idOf(loose), statement: 'Boys’ reading lags.', area: 'achievement' }],
    })
  })

  it('warns about actions without a target and targets without a finding (dead links count as none)', () => {
    expect(overview.warnings.actionsWithoutTarget.map((item) => item.description)).toEqual(['Mentoring', 'Rewards'])
    expect(overview.warnings.targetsWithoutFinding).toEqual([{ id: idOf(orphanTarget), measure: 'Reading ages' }])
  })

  it('names the next review on or after today', () => {
    expect(overview.nextReview).toBe('2027-03-20')
    expect(overview.reviews).toEqual({ total: 2, undated: 0 })
  })

  it('counts review points with no date, which have no next review to show', () => {
    const undated = planOverview(readPlan(planNode(reviewPoint({ date: null }), reviewPoint({ date: '2026-12-10' }))), '2027-02-14')
    expect(undated.nextReview).toBeNull()
    expect(undated.reviews).toEqual({ total: 2, undated: 1 })
  })

  it('sums up the headline figures for the plan list', () => {
    expect(planHeadline(overview)).toEqual({
      actions: 4, done: 1, overdue: 1, targets: { red: 1, amber: 0, green: 1, none: 0 }, unaddressedFindings: 1, warnings: 3,
    })
  })

  it('calls an action overdue only after its due day, in England, and never when done', () => {
    expect(isOverdue({ due: '2027-02-14', status: 'in-progress' }, '2027-02-14')).toBe(false)
    expect(isOverdue({ due: '2027-02-13', status: 'in-progress' }, '2027-02-14')).toBe(true)
    expect(isOverdue({ due: '2027-02-13', status: 'done' }, '2027-02-14')).toBe(false)
    expect(isOverdue({ due: null, status: 'blocked' }, '2027-02-14')).toBe(false)
  })

  it('is empty for a plan without blocks', () => {
    const empty = planOverview(readPlan(planNode()), '2027-02-14')
    expect(planHeadline(empty)).toEqual({ actions: 0, done: 0, overdue: 0, targets: { red: 0, amber: 0, green: 0, none: 0 }, unaddressedFindings: 0, warnings: 0 })
  })
})
