import { useEffect, useRef, useState } from 'react'
import type { SnapshotDocument, VersionDocument } from '../../shared/api.ts'
import { api, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { formatDateTime } from '../format.ts'
import { ExportPdfButton } from '../plan/ExportPdfButton.tsx'
import { joinNames } from './ApprovalLine.tsx'
import { ReadOnlyPlan } from './ReadOnlyPlan.tsx'
import { SnapshotMeta } from './SnapshotMeta.tsx'
import { versionTitle } from './versionTitle.ts'

interface SnapshotReaderProps {
  planId: string
  /** `snapshot:<id>` or `version:<id>`. */
  source: string
  /** Its name as the list showed it, for the heading while it opens. */
  title: string
  onBack(): void
}

/** One snapshot or automatic version, read-only, as it was when it was kept. */
export function SnapshotReader({ planId, source, title, onBack }: SnapshotReaderProps) {
  const [loaded, setLoaded] = useState<SnapshotDocument | VersionDocument | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [kind, id] = source.split(':')
  const heading = useRef<HTMLHeadingElement>(null)

  // The button that opened this view is gone: the view's heading takes focus, so it is announced.
  useEffect(() => heading.current?.focus(), [])

  useEffect(() => {
    let live = true
    setLoaded(null)
    setError(null)
    const load = kind === 'snapshot' ? api.snapshot(planId, id) : api.version(planId, id)
    load.then((result) => { if (live) setLoaded(result) }, (failure) => { if (live) setError(errorMessage(failure)) })
    return () => { live = false }
  }, [planId, kind, id])

  return (
    <section className="snapshot-reader" aria-labelledby="snapshot-reader-title">
      <p><Button variant="quiet" onClick={onBack}><span aria-hidden="true">← </span>Back to the list</Button></p>
      <h2 id="snapshot-reader-title" ref={heading} tabIndex={-1}>
        {loaded ? ('snapshot' in loaded ? loaded.snapshot.name : versionTitle(loaded.version)) : title}
      </h2>
      {error && <p className="message message--error" role="alert">{error}</p>}
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
    </section>
  )
}
