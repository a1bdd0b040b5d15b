import { useEffect, useState } from 'react'
import type { User } from '../../shared/api.ts'
import { can, type Role } from '../../shared/roles.ts'
import { ConnectionStatus } from '../collab/ConnectionStatus.tsx'
import { NoticeList } from '../collab/NoticeList.tsx'
import { openPlan, type OpenPlan } from '../collab/openPlan.ts'
import { PresenceList } from '../collab/PresenceList.tsx'
import { StoppedBanner } from '../collab/StoppedBanner.tsx'
import { useCollabState } from '../collab/useCollabState.ts'
import { PlanEditor } from '../editor/PlanEditor.tsx'

interface LivePlanProps {
  planId: string
  role: Role
  user: User
  onRoleChange(role: Role): void
}

/** The live plan: opened on mount, closed on unmount (in an effect, so StrictMode's rehearsal is harmless). */
export function LivePlan({ planId, role, user, onRoleChange }: LivePlanProps) {
  const [opened, setOpened] = useState<OpenPlan | null>(null)

  useEffect(() => {
    const plan = openPlan(planId, { id: user.id, name: user.name })
    setOpened(plan)
    return () => {
      plan.destroy()
      setOpened(null)
    }
  }, [planId, user.id, user.name])

  if (!opened) return <p className="loading" role="status">Connecting…</p>
  return <OpenedPlan key={opened.doc.guid} opened={opened} role={role} user={user} onRoleChange={onRoleChange} />
}

function OpenedPlan({ opened, role, user, onRoleChange }: { opened: OpenPlan; role: Role; user: User; onRoleChange(role: Role): void }) {
  const state = useCollabState(opened.session)
  const canWrite = can(role, 'writeLive')
  const editable = canWrite && state.connection !== 'stopped'

  useEffect(() => {
    if (state.role && state.role !== role) onRoleChange(state.role)
  }, [state.role, role, onRoleChange])

  useEffect(() => {
    if (!state.unsaved) return
    // Closing the tab now would lose changes the server has not stored yet.
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [state.unsaved])

  return (
    <div className="live-plan">
      <div className="live-plan__bar">
        <ConnectionStatus state={state} canWrite={canWrite} />
        <PresenceList awareness={opened.provider.awareness} youId={user.id} />
      </div>
      {state.connection === 'stopped' && state.reason && <StoppedBanner reason={state.reason} signedOut={state.signedOut} />}
      {state.connection === 'offline' && state.reason && <p className="muted offline-reason">{state.reason}</p>}
      <NoticeList notices={state.notices} onDismiss={(id) => opened.session.dismiss(id)} />
      <PlanEditor doc={opened.doc} provider={opened.provider} user={user} editable={editable} />
    </div>
  )
}
