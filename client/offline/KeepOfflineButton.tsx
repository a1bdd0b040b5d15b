import { useState } from 'react'
import type { PlanSummary } from '../../shared/api.ts'
import { Button } from '../components/Button.tsx'
import { keptPlan } from './keptPlans.ts'

/** "Make available offline" on a plan card; once kept, a plain label saying so. */
export function KeepOfflineButton({ plan, userId }: { plan: PlanSummary; userId: string }) {
  const [kept, setKept] = useState(() => keptPlan(userId, plan.id) !== null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const keep = async () => {
    setBusy(true)
    setError(null)
    try {
      // Loaded on demand: Yjs is only in the plan page's part of the app.
      const { makeAvailableOffline } = await import('./makeAvailable.ts')
      await makeAvailableOffline(userId, plan)
      setKept(true)
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The plan could not be made available offline.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="keep-offline" aria-live="polite">
      {kept ? (
        <span className="badge badge--offline">Available offline</span>
      ) : (
        <Button variant="quiet" busy={busy} busyLabel="Fetching…" onClick={keep} aria-label={`Make ${plan.title} available offline`}>
          Make available offline
        </Button>
      )}
      {error && <p className="keep-offline__error" role="alert">{error}</p>}
    </div>
  )
}
