/**
 * What every block's view needs to know about the rest of the plan (the names of other blocks to link to,
 * who links here, today's date, whether the page may write), computed once per change for the whole plan.
 * Provided above the editor's content: React node views render inside it.
 */
import { createContext, useContext } from 'react'
import type { PlanModel } from '../../../shared/plan/model.ts'
import type { PlanOverview } from '../../../shared/plan/overview.ts'

export interface LinkTarget {
  id: string
  name: string
}

export interface PlanContextValue {
  model: PlanModel
  overview: PlanOverview
  /** The day figures are worked out for (ISO): today, or the day a snapshot or version was kept. */
  today: string
  /** True when `today` is a snapshot's or version's day rather than the real today. */
  fixedDay: boolean
  editable: boolean
  /** The plan's targets and findings as link choices, in document order. */
  targets: LinkTarget[]
  findings: LinkTarget[]
  /** Who links to a block: target id → actions linked to it; finding id → targets linked to it. */
  actionsByTarget: Map<string, LinkTarget[]>
  targetsByFinding: Map<string, LinkTarget[]>
  /** Scrolls to a block and puts the cursor in it. */
  jumpTo(blockId: string): void
  /** Says something to screen readers (a block moved or deleted). */
  announce(message: string): void
}

export const PlanContext = createContext<PlanContextValue | null>(null)

export function usePlan(): PlanContextValue {
  const value = useContext(PlanContext)
  if (!value) throw new Error('Block views render inside PlanContext')
  return value
}
