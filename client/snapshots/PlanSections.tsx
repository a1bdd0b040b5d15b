import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { can, type Role } from '../../shared/roles.ts'
import { Button } from '../components/Button.tsx'
import type { PlanTab } from '../plan/planView.ts'
import { usePlanView } from '../plan/usePlanView.ts'
import { useFocusAfterRender } from '../useFocusAfterRender.ts'
import { HistoryPanel } from './HistoryPanel.tsx'
import { SnapshotsPanel } from './SnapshotsPanel.tsx'

interface PlanSectionsProps {
  planId: string
  role: Role
  userId: string
  /** The live plan; it stays mounted (and connected) while another tab is shown. */
  live: ReactNode
  /**
   * Signed out while the page was open, or the plan closed to this person (their access ended, or it was
   * deleted): the snapshots and the history can no longer be read, so only the live plan (with its banner
   * saying why) is left.
   */
  liveOnly?: boolean
}

/**
 * Tabs over the plan page: the live plan, its snapshots and (for editors) its history. The tab shown, and
 * what is open in it, are the page's address (client/plan/planView.ts).
 */
export function PlanSections({ planId, role, userId, live, liveOnly = false }: PlanSectionsProps) {
  const { view, showTab, open, backToList } = usePlanView()
  /** What a restore did, shown above the live plan it went back to. */
  const [restored, setRestored] = useState<string | null>(null)
  const base = useId()
  const focusAfterRender = useFocusAfterRender()
  const tablist = useRef<HTMLDivElement>(null)
  const sections: { id: PlanTab; label: string }[] = [
    { id: 'plan', label: 'Plan' },
    { id: 'snapshots', label: 'Snapshots' },
    ...(can(role, 'writeLive') ? [{ id: 'history' as const, label: 'History' }] : []),
  ]
  // An address for a tab this role does not have (History, for a viewer): a view it names is shown under
  // Snapshots, where it says why it cannot be shown; the list alone is the live plan.
  const chosen: PlanTab = sections.some((item) => item.id === view.tab) ? view.tab : view.opened ? 'snapshots' : 'plan'
  const section = liveOnly ? 'plan' : chosen
  const tabId = (id: PlanTab) => `${base}-tab-${id}`

  // A tab's panel replaced by another's without its tab being chosen (Back, Forward): focus was in the panel
  // that went (or is now hidden), so it goes to the tab shown, as if chosen there. A view's heading that took
  // focus keeps it, as does a restore's message (focused below).
  const shownSection = useRef(section)
  useEffect(() => {
    const previous = shownSection.current
    if (previous === section) return
    shownSection.current = section
    if (previous === 'plan') setRestored(null)
    else if (restored) return
    const active = document.activeElement
    if (!active || active === document.body || active.closest('[hidden]') || tablist.current?.contains(active)) {
      document.getElementById(tabId(section))?.focus()
    }
    // Only a change of tab matters here.
  }, [section])

  /** The arrow keys move along the tabs in place of the current history entry, so Back is not filled with them. */
  const choose = (id: PlanTab, options: { replace?: boolean } = {}) => {
    setRestored(null)
    if (id !== section) showTab(id, options)
  }

  const showRestored = (message: string) => {
    setRestored(message)
    showTab('plan')
    // The panel (and the dialog's Restore button) is gone: to the message, above the plan it brought back.
    focusAfterRender(`${base}-restored`)
  }

  const dismissRestored = () => {
    setRestored(null)
    focusAfterRender(tabId('plan'))
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = sections.findIndex((item) => item.id === section)
    let next = index
    if (event.key === 'ArrowRight') next = (index + 1) % sections.length
    else if (event.key === 'ArrowLeft') next = (index - 1 + sections.length) % sections.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = sections.length - 1
    else return
    event.preventDefault()
    choose(sections[next].id, { replace: true })
    document.getElementById(tabId(sections[next].id))?.focus()
  }

  return (
    <div className="plan-sections">
      {!liveOnly && (
        <div ref={tablist} className="tabs" role="tablist" aria-label="Plan sections" onKeyDown={onKeyDown}>
          {sections.map((item) => (
            <button
              key={item.id} type="button" role="tab" id={tabId(item.id)}
              aria-selected={section === item.id} aria-controls={`${base}-panel-${item.id}`}
              tabIndex={section === item.id ? 0 : -1}
              className={`tab${section === item.id ? ' tab--selected' : ''}`}
              onClick={() => choose(item.id)}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
      {restored && section === 'plan' && (
        // Announced and focused, as a success banner is after an action that took the person elsewhere.
        <div id={`${base}-restored`} className="message message--success message--dismissible plan-sections__message" role="alert" tabIndex={-1}>
          <p>{restored}</p>
          <Button variant="quiet" onClick={dismissRestored}>Dismiss<span className="visually-hidden"> this message</span></Button>
        </div>
      )}
      <div
        role={liveOnly ? undefined : 'tabpanel'} id={`${base}-panel-plan`}
        aria-labelledby={liveOnly ? undefined : tabId('plan')} hidden={section !== 'plan'}
      >
        {live}
      </div>
      {section === 'snapshots' && (
        <div role="tabpanel" id={`${base}-panel-snapshots`} aria-labelledby={tabId('snapshots')} className="tab-panel">
          <SnapshotsPanel
            planId={planId} role={role} userId={userId} listTitle="Published snapshots" onRestored={showRestored}
            opened={view.opened} onOpen={open} onBack={() => backToList('snapshots')} fallbackFocusId={tabId('snapshots')}
          />
        </div>
      )}
      {section === 'history' && (
        <div role="tabpanel" id={`${base}-panel-history`} aria-labelledby={tabId('history')} className="tab-panel">
          <HistoryPanel
            planId={planId} role={role} onRestored={showRestored}
            opened={view.opened} onOpen={open} onBack={() => backToList('history')} fallbackFocusId={tabId('history')}
          />
        </div>
      )}
    </div>
  )
}
