import type { SnapshotSummary } from '../../shared/api.ts'
import { formatDateTime } from '../format.ts'
import { ApprovalLine } from './ApprovalLine.tsx'

/** Who published a snapshot and when, whether trustees see it, and its sign-off. */
export function SnapshotMeta({ snapshot }: { snapshot: SnapshotSummary }) {
  return (
    <div className="snapshot-meta">
      <p className="muted">
        Published by {snapshot.publishedBy} on {formatDateTime(snapshot.createdAt)}
        {snapshot.forTrustees && <> · <span className="tag tag--trustees">For trustees</span></>}
      </p>
      <ApprovalLine signoff={snapshot.signoff} />
    </div>
  )
}
