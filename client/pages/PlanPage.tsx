import { useCallback, useEffect, useState } from 'react'
import type { PlanSummary } from '../../shared/api.ts'
import { can, ROLE_LABELS, type Role } from '../../shared/roles.ts'
import { api, ApiRequestError, errorMessage } from '../api.ts'
import { useUser } from '../auth.tsx'
import { Button } from '../components/Button.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { RoleBadge } from '../components/RoleBadge.tsx'
import { formatDate } from '../format.ts'
import type { AnnouncedAccess } from '../collab/session.ts'
import { cachedPlanList, keptPlan, recordKeptPlan } from '../offline/keptPlans.ts'
import { OfflineNotice } from '../offline/OfflineNotice.tsx'
import { ExportPdfButton } from '../plan/ExportPdfButton.tsx'
import { LivePlan, type AccessEnd } from '../plan/LivePlan.tsx'
import { TrusteeView } from '../plan/TrusteeView.tsx'
import { PlanSections } from '../snapshots/PlanSections.tsx'
import { Link } from '../router.tsx'
import { ShareDialog } from '../sharing/ShareDialog.tsx'

export function PlanPage({ planId }: { planId: string }) {
  const user = useUser()
  const [plan, setPlan] = useState<PlanSummary | null>(null)
  const [role, setRole] = useState<Role | null>(null)
  const [error, setError] = useState<{ message: string; status: number } | null>(null)
  const [sharing, setSharing] = useState(false)
  /** True when the plan's details come from this device, because Uplift could not be reached. */
  const [fromDevice, setFromDevice] = useState(false)
  /** The server closed the live plan to this person while it was open: the page says why it changed. */
  const [accessChanged, setAccessChanged] = useState(false)
  /** How the live plan closed to this person, if it did while the page was open. */
  const [lostHow, setLostHow] = useState<AccessEnd | null>(null)
  /**
   * The live plan closed to this person but stays on the page a moment, showing what was not saved: nothing may
   * go on showing or offering what their access gave (their role, sharing, exports, snapshots, history).
   */
  const [ended, setEnded] = useState<AccessEnd | null>(null)
  /**
   * Signed out while the page was open (elsewhere, or the session ended): the live plan stays on the page
   * with its banner and sign-in button, but what needs the server (sharing, exports, snapshots) goes.
   */
  const [signedOut, setSignedOut] = useState(false)
  const noteSignedOut = useCallback(() => setSignedOut(true), [])

  const load = useCallback(() => {
    setError(null)
    api.plan(planId).then(
      ({ plan }) => {
        // Every plan opened is kept on this device (its content by the live plan, its details here).
        if (can(plan.role, 'readLive')) recordKeptPlan(user.id, plan)
        setFromDevice(false)
        setPlan(plan)
        setRole(plan.role)
      },
      (failure) => {
        const status = failure instanceof ApiRequestError ? failure.status : 0
        const kept = status === 0 ? keptPlan(user.id, planId) : null
        if (kept) {
          setFromDevice(true)
          setPlan(kept)
          setRole(kept.role)
          return
        }
        if (status === 0) {
          const listed = cachedPlanList(user.id)?.find((entry) => entry.id === planId)
          setError({
            message: listed
              ? `“${listed.title}” is not kept on this device, so it cannot be opened offline. Next time, open it or use “Make available offline” on your plan list before you travel.`
              : errorMessage(failure),
            status,
          })
          return
        }
        setError({ message: errorMessage(failure), status })
      },
    )
  }, [planId, user.id])
  useEffect(load, [load])
  const accessLost = useCallback((how: AccessEnd) => {
    setAccessChanged(true)
    setLostHow(how)
    setEnded(null)
    load()
  }, [load])
  const accessEnded = useCallback((how: AccessEnd) => {
    setEnded(how)
    setSharing(false)
  }, [])
  // A change of access arrives over the live connection at once (the server decides it; the page shows it): a
  // new role, or only an editor's end date. The end date it announces is shown straight away; a new role's
  // details are read again (and kept on this device), as is an end date the server did not say.
  const followAccess = useCallback((next: AnnouncedAccess) => {
    const roleBefore = role
    setRole(next.role)
    if (next.editorUntil !== undefined) {
      const editorUntil = next.editorUntil
      setPlan((current) => (current && current.editorUntil !== editorUntil ? { ...current, editorUntil } : current))
    }
    if (next.role !== roleBefore || next.editorUntil === undefined) load()
  }, [load, role])
  useEffect(() => {
    if (!fromDevice) return
    // Back online: the server's details (title, role) replace the ones kept here.
    window.addEventListener('online', load)
    return () => window.removeEventListener('online', load)
  }, [fromDevice, load])

  if (error) {
    const gone = error.status === 403 || error.status === 404
    // Deleted while this page had it open (the server said so): nothing else to guess at.
    const deleted = gone && lostHow === 'deleted'
    return (
      <div className="page--narrow">
        <PageHeading title={deleted ? 'Plan deleted' : gone ? 'Plan not available' : 'The plan could not be opened'} />
        <p className="message message--error" role="alert">
          {deleted
            ? 'This plan was deleted while you had it open, so it can no longer be opened.'
            : gone ? 'This plan does not exist, or you do not have access to it. It may have been deleted, or your access removed.' : error.message}
        </p>
        <p className="button-row">
          {!gone && <Button onClick={load}>Try again</Button>}
          <Link href="/">Back to your plans</Link>
        </p>
      </div>
    )
  }

  if (!plan || !role) {
    return <p className="loading" role="status">Opening the plan…</p>
  }

  return (
    <article className="plan-page" aria-labelledby="plan-title">
      <div className="plan-header">
        <div className="plan-header__titles">
          <PageHeading title={plan.title}>
            <span id="plan-title">{plan.title}</span>
          </PageHeading>
          <p className="plan-header__school">
            {plan.schoolName} {!ended && <RoleBadge role={role} />}
          </p>
          {role === 'editor' && plan.editorUntil && !ended && (
            <p className="plan-header__until">You can edit until the end of {formatDate(plan.editorUntil)}, then read only.</p>
          )}
        </div>
        <div className="plan-header__actions">
          {can(role, 'exportLive') && !fromDevice && !signedOut && !ended && (
            <ExportPdfButton href={`/api/plans/${encodeURIComponent(plan.id)}/export.pdf`} fallbackName={`${plan.schoolName} - ${plan.title} - live draft.pdf`} label="Export live plan (PDF)" />
          )}
          {can(role, 'viewMembers') && !signedOut && !ended && (
            <Button variant={can(role, 'manageSharing') ? 'primary' : 'secondary'} onClick={() => setSharing(true)}>
              {can(role, 'manageSharing') ? 'Share' : 'People'}
            </Button>
          )}
        </div>
      </div>
      {accessChanged && !can(role, 'readLive') && (
        <p className="message message--warning" role="status">
          Your access to this plan has changed: you are now a {ROLE_LABELS[role].toLowerCase()}, so you see the snapshots
          published to trustees, not the live plan.
        </p>
      )}
      {fromDevice && (
        <OfflineNotice>
          This plan opened from the copy kept on this device. Keep writing: your changes are saved here and sent when you are back online.
        </OfflineNotice>
      )}
      {can(role, 'readLive') ? (
        <PlanSections planId={plan.id} role={role} userId={user.id} liveOnly={signedOut || ended !== null} live={
          <LivePlan
            planId={plan.id} role={role} user={user}
            onAccessChange={followAccess} onAccessLost={accessLost} onAccessEnded={accessEnded} onSignedOut={noteSignedOut}
          />
        } />
      ) : (
        <TrusteeView planId={plan.id} userId={user.id} />
      )}
      {sharing && can(role, 'viewMembers') && !signedOut && !ended && <ShareDialog plan={plan} role={role} youId={user.id} accessKey={`${role} ${plan.editorUntil ?? ''}`} onClose={() => setSharing(false)} />}
    </article>
  )
}
