// Builds the plan-wide lookups block views use (link choices and back-links) from the plan model.
import type { PlanModel } from '../../../shared/plan/model.ts'
import type { LinkTarget } from './planContext.tsx'

export function targetChoices(model: PlanModel): LinkTarget[] {
  return model.targets.map((target, index) => ({ id: target.id, name: target.measure || `Target ${index + 1} (no measure yet)` }))
}

export function findingChoices(model: PlanModel): LinkTarget[] {
  return model.findings.map((finding, index) => ({ id: finding.id, name: finding.statement || `Finding ${index + 1} (no statement yet)` }))
}

export function backLinks(model: PlanModel): { actionsByTarget: Map<string, LinkTarget[]>; targetsByFinding: Map<string, LinkTarget[]> } {
  const actionsByTarget = new Map<string, LinkTarget[]>()
  const targetsByFinding = new Map<string, LinkTarget[]>()
  model.priorities.forEach((priority) => priority.actions.forEach((action, index) => {
    const name = action.description || `Action ${index + 1} of “${priority.title || 'untitled priority'}”`
    for (const id of action.linkedTargets) actionsByTarget.set(id, [...(actionsByTarget.get(id) ?? []), { id: action.id, name }])
  }))
  targetChoices(model).forEach((target, index) => {
    for (const id of model.targets[index].linkedFindings) targetsByFinding.set(id, [...(targetsByFinding.get(id) ?? []), target])
  })
  return { actionsByTarget, targetsByFinding }
}
