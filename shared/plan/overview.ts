/**
 * The progress overview of a plan: actions by status and those overdue, targets by RAG, findings not yet
 * addressed, and the links that are missing. Computed from the plan model and today's date (in England),
 * the same way on the client (beside the editor, live) and on the server (the overview route and the
 * figures in the plan list), so both always agree.
 */
import type { ActionModel, PlanModel, TargetModel } from './model.ts'
import { targetRag, type RagResult } from './rag.ts'
import { ACTION_STATUSES, type ActionStatus, type EvaluationArea, type Rag } from './vocabulary.ts'

/** An action is overdue when its due date is before today (in England) and it is not done. */
export function isOverdue(action: Pick<ActionModel, 'due' | 'status'>, today: string): boolean {
  return action.due !== null && action.due < today && action.status !== 'done'
}

export interface OverdueAction {
  id: string
  description: string
  owner: string
  due: string
  priorityTitle: string
}

export interface TargetStatus {
  id: string
  measure: string
  rag: Rag | null
  manual: boolean
}

export interface UnaddressedFinding {
  id: string
  statement: string
  area: EvaluationArea | null
}

export interface PlanWarnings {
  /** Actions linked to no target (or only to targets that no longer exist). */
  actionsWithoutTarget: { id: string; description: string; priorityTitle: string }[]
  /** Targets linked to no finding (or only to findings that no longer exist). */
  targetsWithoutFinding: { id: string; measure: string }[]
}

export interface PlanOverview {
  /** The day the figures are for (ISO yyyy-mm-dd, Europe/London). */
  today: string
  actions: { total: number; byStatus: Record<ActionStatus, number>; overdue: OverdueAction[] }
  targets: { total: number; byRag: Record<Rag | 'none', number>; manual: number; items: TargetStatus[] }
  findings: { total: number; inPlan: number; unaddressed: UnaddressedFinding[] }
  warnings: PlanWarnings
  /** The next review point on or after today, if any. */
  nextReview: string | null
  /** Review points in the plan, and how many of them have no date yet. */
  reviews: { total: number; undated: number }
}

/** The figures shown for each plan in the plan list. */
export interface PlanHeadline {
  actions: number
  done: number
  overdue: number
  targets: Record<Rag | 'none', number>
  unaddressedFindings: number
  /** Actions without a target plus targets without a finding. */
  warnings: number
}

/** Every target's RAG, by id. */
export function targetRags(model: PlanModel, today: string): Map<string, RagResult> {
  return new Map(model.targets.map((target) => [target.id, targetRag(target, today)]))
}

/** Ids of a target's findings that exist; ids of an action's targets that exist. */
export function liveLinks(ids: string[], existing: Set<string>): string[] {
  return ids.filter((id) => existing.has(id))
}

export function planOverview(model: PlanModel, today: string): PlanOverview {
  const findingIds = new Set(model.findings.map((finding) => finding.id))
  const targetIds = new Set(model.targets.map((target) => target.id))

  const byStatus = Object.fromEntries(ACTION_STATUSES.map((status) => [status, 0])) as Record<ActionStatus, number>
  const overdue: OverdueAction[] = []
  const actionsWithoutTarget: PlanWarnings['actionsWithoutTarget'] = []
  let total = 0
  for (const priority of model.priorities) {
    for (const action of priority.actions) {
      total++
      byStatus[action.status]++
      if (isOverdue(action, today)) {
        overdue.push({ id: action.id, description: action.description, owner: action.owner, due: action.due!, priorityTitle: priority.title })
      }
      if (liveLinks(action.linkedTargets, targetIds).length === 0) {
        actionsWithoutTarget.push({ id: action.id, description: action.description, priorityTitle: priority.title })
      }
    }
  }
  overdue.sort((a, b) => a.due.localeCompare(b.due))

  const byRag: Record<Rag | 'none', number> = { red: 0, amber: 0, green: 0, none: 0 }
  const items: TargetStatus[] = []
  let manual = 0
  const addressed = new Set<string>()
  const targetsWithoutFinding: PlanWarnings['targetsWithoutFinding'] = []
  for (const target of model.targets) {
    const result = targetRag(target, today)
    byRag[result.rag ?? 'none']++
    if (result.manual) manual++
    items.push({ id: target.id, measure: target.measure, rag: result.rag, manual: result.manual })
    const findings = liveLinks(target.linkedFindings, findingIds)
    for (const id of findings) addressed.add(id)
    if (findings.length === 0) targetsWithoutFinding.push({ id: target.id, measure: target.measure })
  }

  const inPlan = model.findings.filter((finding) => finding.inPlan)
  const unaddressed = inPlan
    .filter((finding) => !addressed.has(finding.id))
    .map((finding) => ({ id: finding.id, statement: finding.statement, area: finding.area }))

  const upcoming = model.reviewPoints.map((point) => point.date).filter((date): date is string => date !== null && date >= today).sort()

  return {
    today,
    actions: { total, byStatus, overdue },
    targets: { total: model.targets.length, byRag, manual, items },
    findings: { total: model.findings.length, inPlan: inPlan.length, unaddressed },
    warnings: { actionsWithoutTarget, targetsWithoutFinding },
    nextReview: upcoming[0] ?? null,
    reviews: { total: model.reviewPoints.length, undated: model.reviewPoints.filter((point) => point.date === null).length },
  }
}

export function planHeadline(overview: PlanOverview): PlanHeadline {
  return {
    actions: overview.actions.total,
    done: overview.actions.byStatus.done,
    overdue: overview.actions.overdue.length,
    targets: { ...overview.targets.byRag },
    unaddressedFindings: overview.findings.unaddressed.length,
    warnings: overview.warnings.actionsWithoutTarget.length + overview.warnings.targetsWithoutFinding.length,
  }
}

/** A target's text for pickers and links: its measure, or a stand-in while it has none. */
export function targetName(target: Pick<TargetModel, 'measure'>, index: number): string {
  return target.measure || `Target ${index + 1} (no measure yet)`
}
