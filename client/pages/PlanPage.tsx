import { useCallback, useEffect, useState } from 'react'
import type { PlanSummary } from '../../shared/api.ts'
import { can, type Role } from '../../shared/roles.ts'
import { api, ApiRequestError, errorMessage } from '../api.ts'
import { useUser } from '../auth.tsx'
import { Button } from '../components/Button.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { RoleBadge } from '../components/RoleBadge.tsx'
import { LivePlan } from '../plan/LivePlan.tsx'
import { TrusteeView } from '../plan/TrusteeView.tsx'
import { Link } from '../router.tsx'
import { ShareDialog } from '../sharing/ShareDialog.tsx'

export function PlanPage({ planId }: { planId: string }) {
  const user = useUser()
  const [plan, setPlan] = useState<PlanSummary | null>(null)
  const [role, setRole] = useState<Role | null>(null)
  const [error, setError] = useState<{ message: string; status: number } | null>(null)
  const [sharing, setSharing] = useState(false)

  const load = useCallback(() => {
    setError(null)
    api.plan(planId).then(
      ({ plan }) => {
        setPlan(plan)
        setRole(plan.role)
      },
      (failure) => setError({ message: errorMessage(failure), status: failure instanceof ApiRequestError ? failure.status : 0 }),
    )
  }, [planId])
  useEffect(load, [load])

  if (error) {
    const gone = error.status === 403 || error.status === 404
    return (
      <div className="page--narrow">
        <PageHeading title={gone ? 'Plan not available' : 'The plan could not be opened'} />
        <p className="message message--error" role="alert">
          {gone ? 'This plan does not exist, or you do not have access to it. It may have been deleted, or your access removed.' : error.message}
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
            {plan.schoolName} <RoleBadge role={role} />
          </p>
        </div>
        {can(role, 'viewMembers') && (
          <Button variant={can(role, 'manageSharing') ? 'primary' : 'secondary'} onClick={() => setSharing(true)}>
            {can(role, 'manageSharing') ? 'Share' : 'People'}
          </Button>
        )}
      </div>
      {can(role, 'readLive') ? (
        <LivePlan planId={plan.id} role={role} user={user} onRoleChange={setRole} />
      ) : (
        <TrusteeView />
      )}
      {sharing && can(role, 'viewMembers') && <ShareDialog plan={plan} role={role} youId={user.id} onClose={() => setSharing(false)} />}
    </article>
  )
}
