import { useId, useState, type KeyboardEvent, type ReactNode } from 'react'
import { can, type Role } from '../../shared/roles.ts'
import { Button } from '../components/Button.tsx'
import { useFocusAfterRender } from '../useFocusAfterRender.ts'
import { HistoryPanel } from './HistoryPanel.tsx'
import { SnapshotsPanel } from './SnapshotsPanel.tsx'

type Section = 'plan' | 'snapshots' | 'history'

interface PlanSectionsProps {
  planId: string
  role: Role
  userId: string
  /** The live plan; it stays mounted (and connected) while another tab is shown. */
  live: ReactNode
  /**
   * Signed out while the page was open: the snapshots and the history can no longer be read, so only the
   * live plan (with its "signed out" banner and sign-in button) is left.
   */
  signedOut?: boolean
}

/** Tabs over the plan page: the live plan, its snapshots and (for editors) its history. */
export function PlanSections({ planId, role, userId, live, signedOut = false }: PlanSectionsProps) {
  const [chosen, setChosen] = useState<Section>('plan')
  /** What a restore did, shown above the live plan it went back to. */
  const [restored, setRestored] = useState<string | null>(null)
  const base = useId()
  const focusAfterRender = useFocusAfterRender()
  const section = signedOut ? 'plan' : chosen
  const sections: { id: Section; label: string }[] = [
    { id: 'plan', label: 'Plan' },
    { id: 'snapshots', label: 'Snapshots' },
    ...(can(role, 'writeLive') ? [{ id: 'history' as const, label: 'History' }] : []),
  ]
  const tabId = (id: Section) => `${base}-tab-${id}`

  const choose = (id: Section) => {
    setChosen(id)
    setRestored(null)
  }

  const showRestored = (message: string) => {
    setChosen('plan')
    setRestored(message)
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
    choose(sections[next].id)
    document.getElementById(tabId(sections[next].id))?.focus()
  }

  return (
    <div className="plan-sections">
      {!signedOut && (
        <div className="tabs" role="tablist" aria-label="Plan sections" onKeyDown={onKeyDown}>
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
        role={signedOut ? undefined : 'tabpanel'} id={`${base}-panel-plan`}
        aria-labelledby={signedOut ? undefined : tabId('plan')} hidden={section !== 'plan'}
      >
        {live}
      </div>
      {section === 'snapshots' && (
        <div role="tabpanel" id={`${base}-panel-snapshots`} aria-labelledby={tabId('snapshots')} className="tab-panel">
          <SnapshotsPanel planId={planId} role={role} userId={userId} listTitle="Published snapshots" onRestored={showRestored} />
        </div>
      )}
      {section === 'history' && (
        <div role="tabpanel" id={`${base}-panel-history`} aria-labelledby={tabId('history')} className="tab-panel">
          <HistoryPanel planId={planId} onRestored={showRestored} />
        </div>
      )}
    </div>
  )
}
