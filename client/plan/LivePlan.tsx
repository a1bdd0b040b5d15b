import { useEffect, useMemo, useRef, useState } from 'react'
import type { User } from '../../shared/api.ts'
import { presenceOf } from '../../shared/presence.ts'
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
import { EditingAgain } from './EditingAgain.tsx'
import { lockoutWording, readOnlyNote } from './lockoutWording.ts'
import { useTypedAfterLock } from './useTypedAfterLock.ts'

/** How the live plan closed to this person while the page was open. */
export type AccessEnd = 'removed' | 'deleted'

interface LivePlanProps {
  planId: string
  role: Role
  user: User
  /** The server announced a change to this person's access (their role, or only an editor's end date). */
  onAccessChange(access: AnnouncedAccess): void
  /** The server closed the plan to this person (their access was removed or lowered, or the plan deleted): read it again. */
  onAccessLost(how: AccessEnd): void
  /**
   * The server closed the plan to this person, and the page keeps it on screen for a moment (to show what was
   * not saved): nothing on the page may go on offering what their access gave.
   */
  onAccessEnded?(how: AccessEnd): void
  /** The connection ended because this person was signed out (elsewhere, or their session ended). */
  onSignedOut?(): void
}

/** The live plan: opened on mount, closed on unmount (in an effect, so StrictMode's rehearsal is harmless). */
export function LivePlan({ planId, role, user, onAccessChange, onAccessLost, onAccessEnded, onSignedOut }: LivePlanProps) {
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
      onAccessChange={onAccessChange} onAccessLost={onAccessLost} onAccessEnded={onAccessEnded} onSignedOut={onSignedOut}
    />
  )
}

interface OpenedPlanProps extends LivePlanProps {
  opened: OpenPlan
}

function OpenedPlan({ opened, planId, role, user, onAccessChange, onAccessLost, onAccessEnded, onSignedOut }: OpenedPlanProps) {
  const state = useCollabState(opened.session)
  // (openPlan was given the person, so `you` is there; the same object for the life of this plan.)
  const presence = useMemo(() => opened.you ?? presenceOf(user.id, user.name), [opened, user.id, user.name])
  const canWrite = can(role, 'writeLive')
  // The server no longer takes this person's changes (see Lockout); `ended` when the live plan closed to them.
  const lockout = state.lockout
  const ended: AccessEnd | null = lockout?.cause === 'removed' || lockout?.cause === 'deleted' ? lockout.cause : null
  const editable = canWrite && state.connection !== 'stopped' && !lockout
  const typed = useTypedAfterLock(editable, lockout !== null)
  const typedText = typed.text.trim()
  // Shown while anything typed here is not in the plan: refused, never sent, or typed after editing stopped.
  const showUnsaved = lockout !== null && (state.unsaved || typedText !== '')
  // The server refused changes it never stored: their text must not be lost without the person knowing.
  const refused = lockout !== null && state.unsaved

  // Each announcement is passed on once (the page shows it); not compared with what the page shows, which it
  // may read again from the server meanwhile. A role that cannot see the live plan is not: the live plan
  // closes next, and the page follows that (after showing what was not saved, if anything).
  const announced = useRef<AnnouncedAccess | null>(null)
  useEffect(() => {
    if (!state.access || state.access === announced.current) return
    announced.current = state.access
    if (can(state.access.role, 'readLive')) onAccessChange(state.access)
  }, [state.access, onAccessChange])

  const signedOut = state.connection === 'stopped' && state.signedOut
  useEffect(() => {
    if (signedOut) onSignedOut?.()
  }, [signedOut, onSignedOut])

  // Access removed or the plan deleted, and nothing to show: the live plan leaves the page and the device (after
  // a moment, for someone typing when it closed, who may type on without looking, so that what they type after
  // it is caught and shown rather than typed into whatever page replaces it).
  const closedToYou = ended !== null && !showUnsaved && !typed.waiting
  useEffect(() => {
    if (!closedToYou || !ended) return
    // The record too, as another tab may hold changes this page's doc does not have.
    if (!planHasUnsentChanges(user.id, planId)) void forgetPlan(user.id, planId)
    // What this person may still see (nothing, or a trustee's snapshots) replaces the live plan; the page
    // reads it again. (The local copy's database is deleted once this page lets go of it.)
    onAccessLost(ended)
  }, [closedToYou, ended, user.id, planId, onAccessLost])

  const keptOnScreen = ended !== null && !closedToYou
  useEffect(() => {
    if (keptOnScreen && ended) onAccessEnded?.(ended)
  }, [keptOnScreen, ended, onAccessEnded])

  // Made an editor again: what the page held that the server refused went to it (see CollabSession.followRole).
  const [sentHeld, setSentHeld] = useState(false)
  const lockedBefore = useRef(lockout)
  useEffect(() => {
    if (lockedBefore.current && !lockout) setSentHeld(state.unsaved)
    lockedBefore.current = lockout
  }, [lockout, state.unsaved])

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

  const discard = async () => {
    // Only keys caught after editing stopped: nothing of them is kept on the device, nor needs discarding.
    if (!ended && !state.unsaved) {
      typed.clear()
      return
    }
    // Let go of the database first: it cannot be deleted while this page holds it open.
    opened.destroy()
    await forgetPlan(user.id, planId)
    // A trustee now: the page reads the plan again, and shows what trustees see.
    if (ended && state.access?.role === 'trustee') onAccessLost(ended)
    else if (ended) navigate('/')
    else window.location.reload()
  }

  const wording = lockout ? lockoutWording(lockout, state.access?.role ?? null, typed.typing) : null
  // Said by the panel: a notice of the same refusal would say it twice. (A notice of a new role stays: it says
  // why, such as an editor's time having ended.)
  const notices = showUnsaved ? state.notices.filter((notice) => notice.kind !== 'write-refused') : state.notices

  return (
    <div className="live-plan">
      <div className="live-plan__bar">
        <ConnectionStatus state={state} canWrite={canWrite && !ended} refused={refused} />
        <PresenceList awareness={opened.provider.awareness} youId={user.id} />
      </div>
      {showUnsaved && wording ? (
        <UnsentChangesPanel
          heading={wording.heading}
          explanation={wording.explanation}
          advice={wording.advice}
          paragraphs={state.unsent}
          otherChanges={state.unsaved && state.unsent.length === 0}
          typedAfter={typedText}
          typedPartial={typed.partial}
          wholePlan={() => planText(opened.doc)}
          offerWholePlan={ended === 'deleted'}
          alsoInAnotherTab={state.partlyElsewhere}
          dismissLabel={ended || state.unsaved ? 'I have copied it — discard my changes' : 'I have copied it — dismiss'}
          onDismiss={discard}
        />
      ) : (
        state.connection === 'stopped' && state.reason && (
          <StoppedBanner
            reason={ended && wording ? wording.heading : state.reason}
            signedOut={state.signedOut} keptChanges={state.signedOut && state.unsaved && state.keptLocally}
          />
        )
      )}
      {!lockout && typedText && <EditingAgain typed={typedText} partial={typed.partial} sentHeld={sentHeld} onDismiss={typed.clear} />}
      {state.connection === 'offline' && state.reason && <p className="muted offline-reason">{state.reason}</p>}
      <NoticeList notices={notices} onDismiss={(id) => opened.session.dismiss(id)} />
      {!closedToYou && (
        <PlanEditor doc={opened.doc} provider={opened.provider} presence={presence} editable={editable} readOnlyNote={readOnlyNote(ended ? lockout : null)} />
      )}
    </div>
  )
}
