import { useEffect, useRef, useState } from 'react'
import type { PlanSummary } from '../../shared/api.ts'
import { Button } from '../components/Button.tsx'
import { forgetPlan, keptPlan, planHasUnsentChanges } from './keptPlans.ts'

/**
 * "Make available offline" on a plan card; once kept, a label saying so and "Remove from this device" (a
 * shared iPad, a plan finished with). A copy holding changes the server has not stored is never removed
 * from here: the plan must be opened online first, which sends them.
 */
export function KeepOfflineButton({ plan, userId }: { plan: PlanSummary; userId: string }) {
  const [kept, setKept] = useState(() => keptPlan(userId, plan.id) !== null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [removed, setRemoved] = useState(false)
  /** The button that takes the place of the one pressed, so that focus does not fall back to the page. */
  const makeButton = useRef<HTMLButtonElement>(null)
  const removeButton = useRef<HTMLButtonElement>(null)
  const [moveFocus, setMoveFocus] = useState<'make' | 'remove' | null>(null)

  useEffect(() => {
    if (moveFocus === 'make') makeButton.current?.focus()
    if (moveFocus === 'remove') removeButton.current?.focus()
    if (moveFocus) setMoveFocus(null)
  }, [moveFocus])

  const keep = async () => {
    setBusy(true)
    setError(null)
    setRemoved(false)
    try {
      // Loaded on demand: Yjs is only in the plan page's part of the app.
      const { makeAvailableOffline } = await import('./makeAvailable.ts')
      await makeAvailableOffline(userId, plan)
      setKept(true)
      setMoveFocus('remove')
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The plan could not be made available offline.')
    } finally {
      setBusy(false)
    }
  }

  const remove = async () => {
    setError(null)
    // Read again now: a tab may have written to it since the list was drawn.
    if (planHasUnsentChanges(userId, plan.id)) {
      setError('This copy holds changes not yet sent. Open the plan while online to send them, then remove it.')
      return
    }
    setBusy(true)
    try {
      await forgetPlan(userId, plan.id)
      setKept(false)
      setRemoved(true)
      setMoveFocus('make')
    } catch {
      setError('The copy on this device could not be removed. Close any other tab with this plan open and try again.')
    } finally {
      setBusy(false)
    }
  }

  const unsent = kept && planHasUnsentChanges(userId, plan.id)
  return (
    <div className="keep-offline" aria-live="polite">
      {kept ? (
        <div className="keep-offline__kept">
          <span className="badge badge--offline">{unsent ? 'On this device · changes not yet sent' : 'Available offline'}</span>
          {!unsent && (
            <Button ref={removeButton} variant="quiet" busy={busy} busyLabel="Removing…" onClick={remove} aria-label={`Remove from this device: ${plan.title}`}>
              Remove from this device
            </Button>
          )}
        </div>
      ) : (
        <Button ref={makeButton} variant="quiet" busy={busy} busyLabel="Fetching…" onClick={keep} aria-label={`Make available offline: ${plan.title}`}>
          Make available offline
        </Button>
      )}
      {removed && <p className="keep-offline__note">Removed from this device. It is still in Uplift.</p>}
      {error && <p className="keep-offline__error" role="alert">{error}</p>}
    </div>
  )
}
