/**
 * What changed in a plan's structure between two versions: targets whose current value or RAG moved,
 * actions completed, newly overdue or added, findings added or closed, review points added. Each side is
 * judged on its own day: an action is overdue in a snapshot if it was overdue on the day it was taken.
 *
 * A finding counts as closed when it is no longer in the plan: deleted, or marked "not in the plan".
 */
import type { PlanModel } from '../plan/model.ts'
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

export interface StructuralChanges {
  targetsMoved: TargetMove[]
  targetsAdded: { id: string; name: string }[]
  actionsCompleted: ActionChange[]
  actionsNewlyOverdue: ActionChange[]
  actionsAdded: ActionChange[]
  findingsAdded: FindingChange[]
  findingsClosed: FindingChange[]
  reviewPointsAdded: ReviewPointChange[]
}

/** Days are ISO yyyy-mm-dd (Europe/London): the day each side was taken (today for the live plan). */
export function compareStructure(before: PlanModel, after: PlanModel, beforeDay: string, afterDay: string): StructuralChanges {
  const changes: StructuralChanges = {
    targetsMoved: [], targetsAdded: [], actionsCompleted: [], actionsNewlyOverdue: [], actionsAdded: [],
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
  })

  const oldActions = new Map(before.priorities.flatMap((priority) => priority.actions).map((action) => [action.id, action]))
  for (const priority of after.priorities) {
    for (const action of priority.actions) {
      const change: ActionChange = { id: action.id, description: action.description, priorityTitle: priority.title, due: action.due, status: action.status }
      const old = oldActions.get(action.id)
      if (!old) changes.actionsAdded.push(change)
      else if (old.status !== 'done' && action.status === 'done') changes.actionsCompleted.push(change)
      if (isOverdue(action, afterDay) && !(old && isOverdue(old, beforeDay))) changes.actionsNewlyOverdue.push(change)
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

export function countChanges(changes: StructuralChanges): number {
  return Object.values(changes).reduce((sum, list: unknown[]) => sum + list.length, 0)
}
