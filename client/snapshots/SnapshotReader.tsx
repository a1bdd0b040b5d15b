import { useEffect, useState } from 'react'
import type { SnapshotDocument, VersionDocument } from '../../shared/api.ts'
import { api, ApiRequestError, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { formatDateTime } from '../format.ts'
import { ExportPdfButton } from '../plan/ExportPdfButton.tsx'
import { joinNames } from './ApprovalLine.tsx'
import { ReadOnlyPlan } from './ReadOnlyPlan.tsx'
import { SnapshotMeta } from './SnapshotMeta.tsx'
import { LinkHint, ViewFrame } from './ViewFrame.tsx'
import { versionTitle } from './versionTitle.ts'

interface SnapshotReaderProps {
  planId: string
  /** `snapshot:<id>` or `version:<id>`. */
  source: string
  /** Its name as the list shows it, for the heading while it opens (none when opened from a link before the list has loaded). */
  title?: string
  onBack(): void
}

/** One snapshot or automatic version, read-only, as it was when it was kept. */
export function SnapshotReader({ planId, source, title, onBack }: SnapshotReaderProps) {
  const [loaded, setLoaded] = useState<SnapshotDocument | VersionDocument | null>(null)
  const [error, setError] = useState<{ message: string; missing: boolean } | null>(null)
  /** Counts "Try again": asking again after a failure that was not a refusal (the connection, the server). */
  const [attempt, setAttempt] = useState(0)
  const [kind, id] = source.split(':')

  useEffect(() => {
    let live = true
    setLoaded(null)
    setError(null)
    const load = kind === 'snapshot' ? api.snapshot(planId, id) : api.version(planId, id)
    load.then((result) => { if (live) setLoaded(result) }, (failure) => {
      if (!live) return
      const status = failure instanceof ApiRequestError ? failure.status : 0
      setError({ message: errorMessage(failure), missing: status === 403 || status === 404 })
    })
    return () => { live = false }
  }, [planId, kind, id, attempt])

  const what = kind === 'snapshot' ? 'Snapshot' : 'Version'
  const heading = loaded
    ? ('snapshot' in loaded ? loaded.snapshot.name : versionTitle(loaded.version))
    : error?.missing ? `${what} not available` : title ?? (kind === 'snapshot' ? 'Snapshot' : 'Automatic version')

  return (
    <ViewFrame className="snapshot-reader" headingId="snapshot-reader-title" heading={heading} onBack={onBack}>
      {error && <p className="message message--error" role="alert">{error.message}</p>}
      {error?.missing && <LinkHint />}
      {error && !error.missing && <p><Button onClick={() => setAttempt((count) => count + 1)}>Try again</Button></p>}
      {!loaded && !error && <p className="loading" role="status">Opening…</p>}
      {loaded && 'snapshot' in loaded && (
        <>
          <SnapshotMeta snapshot={loaded.snapshot} />
          <p>
            <ExportPdfButton
              href={`/api/plans/${encodeURIComponent(planId)}/snapshots/${encodeURIComponent(loaded.snapshot.id)}/export.pdf`}
              fallbackName={`${loaded.snapshot.schoolName} - ${loaded.snapshot.name}.pdf`}
              label="Export snapshot (PDF)"
            />
          </p>
          <p className="read-only-banner">A snapshot never changes: this is the plan as it was when it was published.</p>
          <ReadOnlyPlan content={loaded.content} label={`Snapshot “${loaded.snapshot.name}”`} takenAt={loaded.snapshot.createdAt} />
        </>
      )}
      {loaded && 'version' in loaded && (
        <>
          <p className="muted">
            Kept on {formatDateTime(loaded.version.createdAt)}
            {loaded.version.editors.length > 0 && <> · edited by {joinNames(loaded.version.editors)}</>}
          </p>
          <p className="read-only-banner">An automatic version: the plan as it was then, read-only.</p>
          <ReadOnlyPlan content={loaded.content} label={versionTitle(loaded.version)} takenAt={loaded.version.createdAt} />
        </>
      )}
    </ViewFrame>
  )
}
