import { SnapshotsPanel } from '../snapshots/SnapshotsPanel.tsx'
import { usePlanView } from './usePlanView.ts'

/**
 * What a trustee sees of a plan: the snapshots published to trustees, never the live draft. The list is the
 * plan's own address; a snapshot or comparison open over it has its own (client/plan/planView.ts).
 */
export function TrusteeView({ planId, userId }: { planId: string; userId: string }) {
  const { view, open, backToList } = usePlanView()
  return (
    <section className="trustee-view" aria-labelledby="snapshots-heading">
      <h2 id="snapshots-heading" tabIndex={-1}>Snapshots for trustees</h2>
      <p className="muted">Each snapshot is the plan as it was when it was published. Open one to read it, or compare it with the one before.</p>
      <SnapshotsPanel
        planId={planId} role="trustee" userId={userId}
        opened={view.opened} onOpen={open} onBack={() => backToList('plan')} fallbackFocusId="snapshots-heading"
      />
    </section>
  )
}
