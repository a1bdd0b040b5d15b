import { useMemo } from 'react'
import { goBack, historyState, navigate, useLocation } from '../router.tsx'
import { parsePlanView, planViewSearch, type OpenedView, type PlanTab, type PlanView } from './planView.ts'

/**
 * Kept with the history entry of a view opened from a list: the plan page's path. "Back to the list" then
 * goes back to that list's entry, as the browser's Back does, instead of adding another (so Forward still
 * reopens the view). Kept across a reload; a view reached any other way (a link) has none.
 */
interface OpenedFromList {
  openedFromList: string
}

function openedFromList(state: unknown): string | null {
  return typeof state === 'object' && state !== null && typeof (state as OpenedFromList).openedFromList === 'string'
    ? (state as OpenedFromList).openedFromList
    : null
}

export interface PlanViewNavigation {
  view: PlanView
  /** Shows a tab's list: a new history entry, or in place of this one (the arrow keys in the tab list). */
  showTab(tab: PlanTab, options?: { replace?: boolean }): void
  /** Opens a view over the current list, in a new history entry. */
  open(opened: OpenedView): void
  /** Back from an open view to the list `listTab` stands for (the trustee's list is the plan's own address). */
  backToList(listTab: PlanTab): void
}

/** The plan page's view, read from its address, and the ways to change it (client/plan/planView.ts). */
export function usePlanView(): PlanViewNavigation {
  const { pathname, search } = useLocation()
  return useMemo(() => {
    const view = parsePlanView(search)
    const to = (next: PlanView) => pathname + planViewSearch(next)
    return {
      view,
      showTab: (tab, options) => navigate(to({ tab, opened: null }), options),
      open: (opened) => navigate(to({ tab: view.tab, opened }), { state: { openedFromList: pathname } satisfies OpenedFromList }),
      backToList: (listTab) => {
        if (openedFromList(historyState()) === pathname) goBack()
        else navigate(to({ tab: listTab, opened: null }))
      },
    }
  }, [pathname, search])
}
