/**
 * What changed in a plan's structure between two versions, as a board would ask it: targets whose current
 * value or RAG moved; targets redefined (their measure, baseline, goal, milestones, dates or owner: the
 * goalposts), added or removed; actions completed, newly overdue, rescheduled, newly blocked, added or
 * removed; findings added or closed; review points added. Each side is judged on its own day: an action is
 * overdue in a snapshot if it was overdue on the day it was taken.
 *
 * A finding counts as closed when it is no longer in the plan: deleted, or marked "not in the plan".
 */
import type { ActionModel, PlanModel, TargetModel } from '../plan/model.ts'
import { isOverdue, targetName } from '../plan/overview.ts'
import { targetRag } from '../plan/rag.ts'
import type { ActionStatus, Rag } from '../plan/vocabulary.ts'

export interface TargetMove {
  id: string
  name: string
  unit: string
  before: { value: number | null; rag: Rag | null }
  after: { value: number | null; rag: Rag | null }
}

/** The parts of a target that define it (what "moved" does not cover: the current value and the RAG). */
export const TARGET_DEFINITION = [
  'measure', 'unit', 'direction', 'baselineValue', 'baselineDate', 'milestones.autumn', 'milestones.spring',
  'milestones.summer', 'targetValue', 'targetDate', 'owner',
] as const
export type TargetDefinitionField = (typeof TARGET_DEFINITION)[number]

export interface TargetFieldChange {
  field: TargetDefinitionField
  /** Numbers as numbers, dates as ISO days, text as text; null when not set. */
  before: string | number | null
  after: string | number | null
}

export interface TargetRedefined {
  id: string
  name: string
  unit: string
  /** The unit the earlier figures were in (the unit may itself have changed). */
  unitBefore: string
  changes: TargetFieldChange[]
}

export interface ActionChange {
  id: string
  description: string
  priorityTitle: string
  due: string | null
  status: ActionStatus
}

export interface FindingChange {
  id: string
  statement: string
  /** For a closed finding: removed from the document, or kept but marked not in the plan. */
  how?: 'removed' | 'notInPlan'
}

export interface ReviewPointChange {
  id: string
  date: string | null
  reviewer: string
}

export interface ActionRescheduled extends ActionChange {
  dueBefore: string | null
}

export interface StructuralChanges {
  targetsMoved: TargetMove[]
  targetsRedefined: TargetRedefined[]
  targetsAdded: { id: string; name: string }[]
  targetsRemoved: { id: string; name: string }[]
  actionsCompleted: ActionChange[]
  actionsNewlyOverdue: ActionChange[]
  actionsRescheduled: ActionRescheduled[]
  actionsNewlyBlocked: ActionChange[]
  actionsAdded: ActionChange[]
  actionsRemoved: ActionChange[]
  findingsAdded: FindingChange[]
  findingsClosed: FindingChange[]
  reviewPointsAdded: ReviewPointChange[]
}

/** Days are ISO yyyy-mm-dd (Europe/London): the day each side was taken (today for the live plan). */
export function compareStructure(before: PlanModel, after: PlanModel, beforeDay: string, afterDay: string): StructuralChanges {
  const changes: StructuralChanges = {
    targetsMoved: [], targetsRedefined: [], targetsAdded: [], targetsRemoved: [], actionsCompleted: [],
    actionsNewlyOverdue: [], actionsRescheduled: [], actionsNewlyBlocked: [], actionsAdded: [], actionsRemoved: [],
    findingsAdded: [], findingsClosed: [], reviewPointsAdded: [],
  }

  const oldTargets = new Map(before.targets.map((target) => [target.id, target]))
  after.targets.forEach((target, index) => {
    const old = oldTargets.get(target.id)
    const name = targetName(target, index)
    if (!old) {
      changes.targetsAdded.push({ id: target.id, name })
      return
    }
    const ragBefore = targetRag(old, beforeDay).rag
    const ragAfter = targetRag(target, afterDay).rag
    if (old.currentValue !== target.currentValue || ragBefore !== ragAfter) {
      changes.targetsMoved.push({
        id: target.id, name, unit: target.unit,
        before: { value: old.currentValue, rag: ragBefore },
        after: { value: target.currentValue, rag: ragAfter },
      })
    }
    const redefined = TARGET_DEFINITION.flatMap((field) => {
      const was = definitionValue(old, field)
      const now = definitionValue(target, field)
      return was === now ? [] : [{ field, before: was, after: now }]
    })
    if (redefined.length > 0) changes.targetsRedefined.push({ id: target.id, name, unit: target.unit, unitBefore: old.unit, changes: redefined })
  })
  const newTargets = new Set(after.targets.map((target) => target.id))
  before.targets.forEach((target, index) => {
    if (!newTargets.has(target.id)) changes.targetsRemoved.push({ id: target.id, name: targetName(target, index) })
  })

  const oldActions = new Map(before.priorities.flatMap((priority) => priority.actions).map((action) => [action.id, action]))
  const newActions = new Set<string>()
  for (const priority of after.priorities) {
    for (const action of priority.actions) {
      newActions.add(action.id)
      const change = actionChange(action, priority.title)
      const old = oldActions.get(action.id)
      if (!old) changes.actionsAdded.push(change)
      else {
        if (old.status !== 'done' && action.status === 'done') changes.actionsCompleted.push(change)
        if (old.status !== 'blocked' && action.status === 'blocked') changes.actionsNewlyBlocked.push(change)
        // (A deadline moved on a finished action is bookkeeping, not news.)
        if (old.due !== action.due && action.status !== 'done') changes.actionsRescheduled.push({ ...change, dueBefore: old.due })
      }
      if (isOverdue(action, afterDay) && !(old && isOverdue(old, beforeDay))) changes.actionsNewlyOverdue.push(change)
    }
  }
  for (const priority of before.priorities) {
    for (const action of priority.actions) {
      if (!newActions.has(action.id)) changes.actionsRemoved.push(actionChange(action, priority.title))
    }
  }

  const newFindings = new Map(after.findings.map((finding) => [finding.id, finding]))
  const oldFindings = new Set(before.findings.map((finding) => finding.id))
  for (const finding of after.findings) {
    if (!oldFindings.has(finding.id)) changes.findingsAdded.push({ id: finding.id, statement: finding.statement })
  }
  for (const finding of before.findings) {
    if (!finding.inPlan) continue
    const now = newFindings.get(finding.id)
    if (!now) changes.findingsClosed.push({ id: finding.id, statement: finding.statement, how: 'removed' })
    else if (!now.inPlan) changes.findingsClosed.push({ id: finding.id, statement: now.statement, how: 'notInPlan' })
  }

  const oldReviews = new Set(before.reviewPoints.map((review) => review.id))
  for (const review of after.reviewPoints) {
    if (!oldReviews.has(review.id)) changes.reviewPointsAdded.push({ id: review.id, date: review.date, reviewer: review.reviewer })
  }
  return changes
}

function actionChange(action: ActionModel, priorityTitle: string): ActionChange {
  return { id: action.id, description: action.description, priorityTitle, due: action.due, status: action.status }
}

function definitionValue(target: TargetModel, field: TargetDefinitionField): string | number | null {
  switch (field) {
    case 'milestones.autumn': return target.milestones.autumn
    case 'milestones.spring': return target.milestones.spring
    case 'milestones.summer': return target.milestones.summer
    // (Whitespace alone is not a change of meaning.)
    case 'measure': case 'owner': case 'unit': return target[field].trim().replace(/\s+/g, ' ')
    default: return target[field]
  }
}

export function countChanges(changes: StructuralChanges): number {
  return Object.values(changes).reduce((sum, list: unknown[]) => sum + list.length, 0)
}
