import { SnapshotsPanel } from '../snapshots/SnapshotsPanel.tsx'

/** What a trustee sees of a plan: the snapshots published to trustees, never the live draft. */
export function TrusteeView({ planId, userId }: { planId: string; userId: string }) {
  return (
    <section className="trustee-view" aria-labelledby="snapshots-heading">
      <h2 id="snapshots-heading">Snapshots for trustees</h2>
      <p className="muted">Each snapshot is the plan as it was when it was published. Open one to read it, or compare it with the one before.</p>
      <SnapshotsPanel planId={planId} role="trustee" userId={userId} />
    </section>
  )
}
