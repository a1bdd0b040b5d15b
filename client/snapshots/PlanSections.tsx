import { useId, useState, type KeyboardEvent, type ReactNode } from 'react'
import { can, type Role } from '../../shared/roles.ts'
import { HistoryPanel } from './HistoryPanel.tsx'
import { SnapshotsPanel } from './SnapshotsPanel.tsx'

type Section = 'plan' | 'snapshots' | 'history'

interface PlanSectionsProps {
  planId: string
  role: Role
  userId: string
  /** The live plan; it stays mounted (and connected) while another tab is shown. */
  live: ReactNode
}

/** Tabs over the plan page: the live plan, its snapshots and (for editors) its history. */
export function PlanSections({ planId, role, userId, live }: PlanSectionsProps) {
  const [section, setSection] = useState<Section>('plan')
  const base = useId()
  const sections: { id: Section; label: string }[] = [
    { id: 'plan', label: 'Plan' },
    { id: 'snapshots', label: 'Snapshots' },
    ...(can(role, 'writeLive') ? [{ id: 'history' as const, label: 'History' }] : []),
  ]
  const showPlan = () => setSection('plan')

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = sections.findIndex((item) => item.id === section)
    let next = index
    if (event.key === 'ArrowRight') next = (index + 1) % sections.length
    else if (event.key === 'ArrowLeft') next = (index - 1 + sections.length) % sections.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = sections.length - 1
    else return
    event.preventDefault()
    setSection(sections[next].id)
    document.getElementById(`${base}-tab-${sections[next].id}`)?.focus()
  }

  return (
    <div className="plan-sections">
      <div className="tabs" role="tablist" aria-label="Plan sections" onKeyDown={onKeyDown}>
        {sections.map((item) => (
          <button
            key={item.id} type="button" role="tab" id={`${base}-tab-${item.id}`}
            aria-selected={section === item.id} aria-controls={`${base}-panel-${item.id}`}
            tabIndex={section === item.id ? 0 : -1}
            className={`tab${section === item.id ? ' tab--selected' : ''}`}
            onClick={() => setSection(item.id)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel-plan`} aria-labelledby={`${base}-tab-plan`} hidden={section !== 'plan'}>
        {live}
      </div>
      {section === 'snapshots' && (
        <div role="tabpanel" id={`${base}-panel-snapshots`} aria-labelledby={`${base}-tab-snapshots`} className="tab-panel">
          <SnapshotsPanel planId={planId} role={role} userId={userId} onRestored={showPlan} />
        </div>
      )}
      {section === 'history' && (
        <div role="tabpanel" id={`${base}-panel-history`} aria-labelledby={`${base}-tab-history`} className="tab-panel">
          <HistoryPanel planId={planId} onRestored={showPlan} />
        </div>
      )}
    </div>
  )
}
