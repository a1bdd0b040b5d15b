/**
 * The plan model and overview of the editor's document, worked out again shortly after each change (local
 * or from others) and when the day changes, and the rest of what block views share.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Editor } from '@tiptap/react'
import { londonToday } from '../../shared/plan/dates.ts'
import { readPlan, type PlanModel } from '../../shared/plan/model.ts'
import { planOverview } from '../../shared/plan/overview.ts'
import { jumpToBlock } from './blocks/commands.ts'
import type { PlanContextValue } from './blocks/planContext.tsx'
import { backLinks, findingChoices, targetChoices } from './blocks/planIndex.ts'
import { settler } from './settle.ts'

/**
 * `asOf` (an ISO time) fixes the day the figures are worked out for: a snapshot's RAG ratings and overdue
 * actions are those of the day it was taken, as in its PDF, however long afterwards it is read. Without it,
 * today (in England), moving on at midnight.
 */
export function usePlanContext(editor: Editor, editable: boolean, announce: (message: string) => void, asOf?: string): PlanContextValue {
  const [model, setModel] = useState<PlanModel>(() => readPlan(editor.state.doc))
  const [currentDay, setCurrentDay] = useState(() => londonToday())
  const today = asOf ? londonToday(new Date(asOf)) : currentDay

  useEffect(() => {
    // Changes arriving together (typing, a burst from others) are read once (see settle.ts): reading the
    // plan re-renders every block's view.
    const later = settler(() => {
      if (!editor.isDestroyed) setModel(readPlan(editor.state.doc))
    })
    setModel(readPlan(editor.state.doc))
    editor.on('update', later.changed)
    return () => {
      editor.off('update', later.changed)
      later.cancel()
    }
  }, [editor])

  useEffect(() => {
    // Actions become overdue at midnight in England.
    if (asOf) return
    const timer = window.setInterval(() => setCurrentDay(londonToday()), 60_000)
    return () => window.clearInterval(timer)
  }, [asOf])

  const jumpTo = useCallback((id: string) => {
    if (!jumpToBlock(editor, id)) announce('That block is no longer in the plan.')
  }, [editor, announce])

  return useMemo(() => {
    const overview = planOverview(model, today)
    return {
      model, overview, today, fixedDay: Boolean(asOf), editable,
      targets: targetChoices(model), findings: findingChoices(model), ...backLinks(model),
      jumpTo, announce,
    }
  }, [model, today, asOf, editable, jumpTo, announce])
}
