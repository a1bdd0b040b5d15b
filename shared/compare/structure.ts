/**
 * What changed in a plan's structure between two versions, as a board would ask it: targets whose current
 * value or RAG moved; targets redefined (their measure, baseline, goal, milestones, dates or owner: the
 * goalposts), added or removed; actions completed, newly overdue, rescheduled, newly blocked, added or
 * removed; findings added or closed; review points added, with the ratings they gave each priority; and
 * priorities rated differently at a review point both versions hold. Each side is judged on its own day: an action is
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
  /** `manual`: the RAG was set by hand, not worked out from the trajectory. */
  before: { value: number | null; rag: Rag | null; manual: boolean }
  after: { value: number | null; rag: Rag | null; manual: boolean }
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

/** A priority's RAG rating at a review point, with the priority's title as the newer version has it. */
export interface PriorityRating {
  priorityId: string
  priorityTitle: string
  rag: Rag
}

export interface ReviewPointChange {
  id: string
  date: string | null
  reviewer: string
  /** The ratings it gives, in the order of the priorities in the plan. */
  ratings: PriorityRating[]
}

/** A priority rated differently at the same review point (null: not rated). */
export interface ReviewRatingChange {
  reviewId: string
  date: string | null
  reviewer: string
  priorityId: string
  priorityTitle: string
  before: Rag | null
  after: Rag | null
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
  reviewRatingsChanged: ReviewRatingChange[]
}

/** Days are ISO yyyy-mm-dd (Europe/London): the day each side was taken (today for the live plan). */
export function compareStructure(before: PlanModel, after: PlanModel, beforeDay: string, afterDay: string): StructuralChanges {
  const changes: StructuralChanges = {
    targetsMoved: [], targetsRedefined: [], targetsAdded: [], targetsRemoved: [], actionsCompleted: [],
    actionsNewlyOverdue: [], actionsRescheduled: [], actionsNewlyBlocked: [], actionsAdded: [], actionsRemoved: [],
    findingsAdded: [], findingsClosed: [], reviewPointsAdded: [], reviewRatingsChanged: [],
  }

  const oldTargets = new Map(before.targets.map((target) => [target.id, target]))
  after.targets.forEach((target, index) => {
    const old = oldTargets.get(target.id)
    const name = targetName(target, index)
    if (!old) {
      changes.targetsAdded.push({ id: target.id, name })
      return
    }
    const ragBefore = targetRag(old, beforeDay)
    const ragAfter = targetRag(target, afterDay)
    if (old.currentValue !== target.currentValue || ragBefore.rag !== ragAfter.rag) {
      changes.targetsMoved.push({
        id: target.id, name, unit: target.unit,
        before: { value: old.currentValue, rag: ragBefore.rag, manual: ragBefore.manual },
        after: { value: target.currentValue, rag: ragAfter.rag, manual: ragAfter.manual },
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

  // Priorities in the newer plan's order, then any only the older one has (a rating can outlive its priority).
  const titles = new Map<string, string>()
  for (const priority of [...after.priorities, ...before.priorities]) {
    if (!titles.has(priority.id)) titles.set(priority.id, priority.title || 'A priority with no title')
  }
  const order = [...titles.keys()]
  const oldReviews = new Map(before.reviewPoints.map((review) => [review.id, review]))
  for (const review of after.reviewPoints) {
    const old = oldReviews.get(review.id)
    if (!old) {
      const ratings = rated(review.priorityRag, order).map((priorityId) => ({ priorityId, priorityTitle: priorityTitle(titles, priorityId), rag: review.priorityRag[priorityId] }))
      changes.reviewPointsAdded.push({ id: review.id, date: review.date, reviewer: review.reviewer, ratings })
      continue
    }
    for (const priorityId of rated({ ...old.priorityRag, ...review.priorityRag }, order)) {
      const was = old.priorityRag[priorityId] ?? null
      const now = review.priorityRag[priorityId] ?? null
      if (was === now) continue
      changes.reviewRatingsChanged.push({
        reviewId: review.id, date: review.date, reviewer: review.reviewer, priorityId, priorityTitle: priorityTitle(titles, priorityId), before: was, after: now,
      })
    }
  }
  return changes
}

/** The priorities a review rates, in plan order (ids the plan no longer has last). */
function rated(ratings: Record<string, Rag>, order: string[]): string[] {
  const ids = Object.keys(ratings)
  const at = (id: string) => { const index = order.indexOf(id); return index < 0 ? order.length : index }
  return ids.sort((a, b) => at(a) - at(b))
}

function priorityTitle(titles: Map<string, string>, priorityId: string): string {
  return titles.get(priorityId) ?? 'A priority no longer in the plan'
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
