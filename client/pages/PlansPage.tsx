import { useCallback, useEffect, useState } from 'react'
import type { PlanSummary, TemplateSummary } from '../../shared/api.ts'
import { can } from '../../shared/roles.ts'
import { api, ApiRequestError, errorMessage } from '../api.ts'
import { useUser } from '../auth.tsx'
import { cachedPlanList, rememberPlanList } from '../offline/keptPlans.ts'
import { KeepOfflineButton } from '../offline/KeepOfflineButton.tsx'
import { OfflineNotice } from '../offline/OfflineNotice.tsx'
import { Button } from '../components/Button.tsx'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { NewPlanForm } from '../plans/NewPlanForm.tsx'
import { PlanListItem } from '../plans/PlanListItem.tsx'
import { navigate } from '../router.tsx'
import { useFocusAfterRender } from '../useFocusAfterRender.ts'

function byLastUpdated(a: PlanSummary, b: PlanSummary): number {
  return Date.parse(b.updatedAt) - Date.parse(a.updatedAt)
}

export function PlansPage() {
  const user = useUser()
  const [plans, setPlans] = useState<PlanSummary[] | null>(null)
  /** True when the list shown is the one this device kept, because Uplift could not be reached. */
  const [fromDevice, setFromDevice] = useState(false)
  const [templates, setTemplates] = useState<TemplateSummary[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<PlanSummary | null>(null)
  const [status, setStatus] = useState('')
  /** "“…” was deleted.": shown at the top of the list until dismissed, as the plan's card is gone. */
  const [deleted, setDeleted] = useState<string | null>(null)
  // (After the render, so after the closing dialog has put focus back where it came from: a frame's wait
  // lost that race on a busy machine.)
  const focusAfterRender = useFocusAfterRender()

  const load = useCallback(() => {
    setLoadError(null)
    api.plans().then(
      ({ plans }) => {
        rememberPlanList(user.id, plans)
        setFromDevice(false)
        setPlans(plans)
      },
      (error) => {
        const kept = error instanceof ApiRequestError && error.status === 0 ? cachedPlanList(user.id) : null
        if (kept) {
          setFromDevice(true)
          setPlans(kept)
        } else setLoadError(errorMessage(error))
      },
    )
    // Without templates a blank plan can still be made, so their failure is not shown.
    api.templates().then(({ templates }) => setTemplates(templates), () => setTemplates([]))
  }, [user.id])

  useEffect(load, [load])
  useEffect(() => {
    if (!fromDevice) return
    // Back online: show the server's list again.
    window.addEventListener('online', load)
    return () => window.removeEventListener('online', load)
  }, [fromDevice, load])

  const deletePlan = async () => {
    if (!deleting) return
    await api.deletePlan(deleting.id)
    setPlans((current) => current?.filter((plan) => plan.id !== deleting.id) ?? null)
    setDeleted(`“${deleting.title}” was deleted.`)
    setDeleting(null)
    focusAfterRender('plan-list-heading')
  }

  const dismissDeleted = () => {
    setDeleted(null)
    // The Dismiss button goes with the message: back to the list's heading, just above where it was.
    focusAfterRender('plan-list-heading')
  }

  const sorted = plans ? [...plans].sort(byLastUpdated) : null

  return (
    <>
      <PageHeading title="Your plans" />
      <p className="visually-hidden" role="status">{status}</p>
      <div className="plans-layout">
        <section aria-labelledby="plan-list-heading" className="plans-layout__list">
          <h2 id="plan-list-heading" tabIndex={-1}>Plans you can open</h2>
          {/* Always there, so what is put in it is announced. */}
          <div role="status" className="plans-layout__status">
            {deleted && (
              <div className="message message--success message--dismissible">
                <p>{deleted}</p>
                <Button variant="quiet" onClick={dismissDeleted}>
                  Dismiss<span className="visually-hidden"> this message</span>
                </Button>
              </div>
            )}
          </div>
          {fromDevice && (
            <OfflineNotice>
              This is your list as this device last saw it. Plans marked “Available offline” open and can be edited; your changes are sent when you are back online.
            </OfflineNotice>
          )}
          {loadError && (
            <div className="message message--error" role="alert">
              <p>{loadError}</p>
              <Button onClick={load}>Try again</Button>
            </div>
          )}
          {!sorted && !loadError && <p role="status" className="loading">Loading your plans…</p>}
          {sorted && sorted.length === 0 && (
            <div className="empty-state">
              <p>You have no plans yet.</p>
              <p>Create one with the form on this page, or open an invitation link that someone has sent you.</p>
            </div>
          )}
          {sorted && sorted.length > 0 && (
            <ul className="plan-list">
              {sorted.map((plan) => (
                <PlanListItem
                  key={plan.id}
                  plan={plan}
                  onDelete={setDeleting}
                  offline={can(plan.role, 'readLive') ? <KeepOfflineButton plan={plan} userId={user.id} /> : null}
                  onRenamed={(saved) => {
                    setPlans((current) => current?.map((item) => (item.id === saved.id ? saved : item)) ?? null)
                    setStatus(`Saved “${saved.title}”.`)
                  }}
                />
              ))}
            </ul>
          )}
        </section>
        <div className="plans-layout__aside">
          <NewPlanForm templates={templates} onCreated={(plan) => navigate(`/plans/${encodeURIComponent(plan.id)}`)} />
        </div>
      </div>
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.title}”?`}
          confirmLabel="Delete plan"
          busyLabel="Deleting…"
          onConfirm={deletePlan}
          onClose={() => setDeleting(null)}
        >
          <p>
            This permanently deletes the plan “{deleting.title}” for {deleting.schoolName}, for everyone who has access to it.
          </p>
          <p>This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </>
  )
}
