import type { Signoff } from '../../shared/api.ts'
import { formatDate } from '../format.ts'

/** "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/** Whether a snapshot is approved, and by whom: shown everywhere a snapshot is. */
export function ApprovalLine({ signoff }: { signoff: Signoff | null }) {
  if (!signoff) return null
  const names = signoff.approvers.map((approver) => approver.name)
  if (signoff.approvedAt) {
    return (
      <p className="approval approval--approved">
        <span aria-hidden="true">✓ </span>Approved by {joinNames(names)} on {formatDate(signoff.approvedAt)}
      </p>
    )
  }
  const done = signoff.approvers.filter((approver) => approver.approvedAt).map((approver) => approver.name)
  const waiting = signoff.approvers.filter((approver) => !approver.approvedAt).map((approver) => approver.name)
  return (
    <p className="approval approval--pending">
      Waiting for sign-off from {joinNames(waiting)}{done.length > 0 ? ` (approved by ${joinNames(done)})` : ''}
    </p>
  )
}
