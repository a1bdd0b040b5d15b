import { can, ROLE_WITH_ARTICLE, type Role } from '../../shared/roles.ts'
import { refsOf, openedKey, type OpenedView } from '../plan/planView.ts'
import { CompareView } from './CompareView.tsx'
import { SnapshotReader } from './SnapshotReader.tsx'
import { LinkHint, ViewFrame } from './ViewFrame.tsx'

const HEADINGS = { snapshot: 'Snapshot not available', version: 'Version not available', comparison: 'Comparison not available' } as const

/**
 * Why a person cannot be shown what an address asks for, from their role, said before asking the server
 * (which refuses it too, but as a plan that "does not exist": right for the API, puzzling on the plan's own page).
 */
export function refusalFor(role: Role, opened: OpenedView): string | null {
  const refs = refsOf(opened)
  const what = opened.kind === 'compare' ? 'this comparison' : 'this version'
  if (!can(role, 'readLive') && refs.some((ref) => !ref.startsWith('snapshot:'))) {
    return `Trustees see only the snapshots published to them, not the live plan or its automatic versions, so ${what} cannot be shown. `
      + 'Choose a snapshot from the list to read it or to compare it with the one before.'
  }
  if (!can(role, 'writeLive') && refs.some((ref) => ref.startsWith('version:'))) {
    return `Automatic versions are kept for the plan's owners and editors, so ${what} cannot be shown to you as ${ROLE_WITH_ARTICLE[role]}.`
  }
  return null
}

interface OpenedPaneProps {
  planId: string
  role: Role
  opened: OpenedView
  /** The name the list shows for a snapshot or version being read, if the list has loaded. */
  title?: string
  onBack(): void
}

/** A view opened over a list of snapshots or versions: read, compared, or why it cannot be. */
export function OpenedPane({ planId, role, opened, title, onBack }: OpenedPaneProps) {
  // A view of its own for each address (Forward from one snapshot to another): its heading takes focus again.
  const key = openedKey(opened)
  const refusal = refusalFor(role, opened)
  if (refusal || opened.kind === 'malformed') {
    const what = opened.kind === 'malformed' ? opened.what : opened.kind === 'compare' ? 'comparison' : opened.what
    return (
      <ViewFrame key={key} className="view-unavailable" headingId="view-unavailable-title" heading={HEADINGS[what]} onBack={onBack}>
        <p className="message message--error" role="alert">{refusal ?? `That ${what} does not exist, or it has not been shared with you.`}</p>
        {!refusal && <LinkHint />}
      </ViewFrame>
    )
  }
  if (opened.kind === 'read') {
    return <SnapshotReader key={key} planId={planId} source={`${opened.what}:${opened.id}`} title={title} onBack={onBack} />
  }
  return <CompareView key={key} planId={planId} from={opened.from} to={opened.to} onBack={onBack} />
}
