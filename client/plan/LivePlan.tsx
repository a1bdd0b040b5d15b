import { useEffect, useMemo, useRef, useState } from 'react'
import type { User } from '../../shared/api.ts'
import { presenceOf } from '../../shared/presence.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { can, type Role } from '../../shared/roles.ts'
import { ConnectionStatus } from '../collab/ConnectionStatus.tsx'
import { NoticeList } from '../collab/NoticeList.tsx'
import { openPlan, type OpenPlan } from '../collab/openPlan.ts'
import { PresenceList } from '../collab/PresenceList.tsx'
import { StoppedBanner } from '../collab/StoppedBanner.tsx'
import { useCollabState } from '../collab/useCollabState.ts'
import type { AnnouncedAccess } from '../collab/session.ts'
import { PlanEditor } from '../editor/PlanEditor.tsx'
import { forgetPlan, planHasUnsentChanges } from '../offline/keptPlans.ts'
import { planText } from '../offline/unsent.ts'
import { UnsentChangesPanel } from '../offline/UnsentChangesPanel.tsx'
import { navigate } from '../router.tsx'

interface LivePlanProps {
  planId: string
  role: Role
  user: User
  /** The server announced a change to this person's access (their role, or only an editor's end date). */
  onAccessChange(access: AnnouncedAccess): void
  /** The server closed the plan to this person (their access was removed or lowered): read it again. */
  onAccessLost(): void
  /** The connection ended because this person was signed out (elsewhere, or their session ended). */
  onSignedOut?(): void
}

/** The live plan: opened on mount, closed on unmount (in an effect, so StrictMode's rehearsal is harmless). */
export function LivePlan({ planId, role, user, onAccessChange, onAccessLost, onSignedOut }: LivePlanProps) {
  const [opened, setOpened] = useState<OpenPlan | null>(null)

  useEffect(() => {
    const plan = openPlan(planId, { id: user.id, name: user.name })
    let cancelled = false
    // The copy kept on this device first, so the editor opens on the plan as last seen (offline too).
    void plan.loaded.then(() => {
      if (!cancelled) setOpened(plan)
    })
    return () => {
      cancelled = true
      plan.destroy()
      setOpened(null)
    }
  }, [planId, user.id, user.name])

  if (!opened) return <p className="loading" role="status">Opening the plan…</p>
  return (
    <OpenedPlan
      key={opened.doc.guid} opened={opened} planId={planId} role={role} user={user}
      onAccessChange={onAccessChange} onAccessLost={onAccessLost} onSignedOut={onSignedOut}
    />
  )
}

interface OpenedPlanProps extends LivePlanProps {
  opened: OpenPlan
}

function OpenedPlan({ opened, planId, role, user, onAccessChange, onAccessLost, onSignedOut }: OpenedPlanProps) {
  const state = useCollabState(opened.session)
  // (openPlan was given the person, so `you` is there; the same object for the life of this plan.)
  const presence = useMemo(() => opened.you ?? presenceOf(user.id, user.name), [opened, user.id, user.name])
  const canWrite = can(role, 'writeLive')
  const writeRefused = state.notices.some((notice) => notice.kind === 'write-refused')
  const accessRemoved = state.stopCode === CloseCode.noAccess.code
  // The server refused changes it never stored: their text must not be lost without the person knowing.
  const refused = state.unsaved && (accessRemoved || writeRefused)
  const editable = canWrite && state.connection !== 'stopped' && !refused

  // Each announcement is passed on once (the page shows it); not compared with what the page shows, which it
  // may read again from the server meanwhile.
  const announced = useRef<AnnouncedAccess | null>(null)
  useEffect(() => {
    if (!state.access || state.access === announced.current) return
    announced.current = state.access
    onAccessChange(state.access)
  }, [state.access, onAccessChange])

  const signedOut = state.connection === 'stopped' && state.signedOut
  useEffect(() => {
    if (signedOut) onSignedOut?.()
  }, [signedOut, onSignedOut])

  // Access removed and nothing unsent: the live plan leaves the page and the device.
  const closedToYou = accessRemoved && !state.unsaved
  useEffect(() => {
    if (!closedToYou) return
    // The record too, as another tab may hold changes this page's doc does not have.
    if (!planHasUnsentChanges(user.id, planId)) void forgetPlan(user.id, planId)
    // What this person may still see (nothing, or a trustee's snapshots) replaces the live plan; the page
    // reads it again. (The local copy's database is deleted once this page lets go of it.)
    onAccessLost()
  }, [closedToYou, user.id, planId, onAccessLost])

  useEffect(() => {
    // Closing the tab loses only changes neither the server nor this device's copy has yet. Asked of the
    // session itself at that moment: what the page shows of it may lag by a moment (useCollabState).
    const warn = (event: BeforeUnloadEvent) => {
      const now = opened.session.getSnapshot()
      if (!now.unsaved || now.keptLocally) return
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [opened])

  // Worked out once the refusal arrives (the document no longer changes here after it).
  const unsent = useMemo(
    () => (refused ? { paragraphs: opened.session.unsentText(), whole: planText(opened.doc) } : null),
    [refused, opened],
  )

  const discard = async () => {
    // Let go of the database first: it cannot be deleted while this page holds it open.
    opened.destroy()
    await forgetPlan(user.id, planId)
    if (accessRemoved) navigate('/')
    else window.location.reload()
  }

  return (
    <div className="live-plan">
      <div className="live-plan__bar">
        <ConnectionStatus state={state} canWrite={canWrite} refused={refused} />
        <PresenceList awareness={opened.provider.awareness} youId={user.id} />
      </div>
      {unsent ? (
        <UnsentChangesPanel
          heading="Your access to this plan changed while you were offline."
          paragraphs={unsent.paragraphs}
          fallbackText={unsent.whole}
          alsoInAnotherTab={state.partlyElsewhere}
          onDismiss={discard}
        />
      ) : (
        state.connection === 'stopped' && state.reason && (
          <StoppedBanner reason={state.reason} signedOut={state.signedOut} keptChanges={state.signedOut && state.unsaved && state.keptLocally} />
        )
      )}
      {state.connection === 'offline' && state.reason && <p className="muted offline-reason">{state.reason}</p>}
      <NoticeList notices={refused ? state.notices.filter((notice) => notice.kind !== 'write-refused') : state.notices} onDismiss={(id) => opened.session.dismiss(id)} />
      {!closedToYou && <PlanEditor doc={opened.doc} provider={opened.provider} presence={presence} editable={editable} />}
    </div>
  )
}
