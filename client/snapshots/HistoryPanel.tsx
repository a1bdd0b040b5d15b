import { useCallback, useEffect, useState } from 'react'
import type { VersionSummary } from '../../shared/api.ts'
import { api, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { formatDateTime } from '../format.ts'
import { joinNames } from './ApprovalLine.tsx'
import { CompareView } from './CompareView.tsx'
import { RestoreDialog } from './RestoreDialog.tsx'
import { SnapshotReader } from './SnapshotReader.tsx'
import { versionTitle } from './versionTitle.ts'

type View = { kind: 'list' } | { kind: 'read'; id: string } | { kind: 'compare'; id: string }

/** The automatic versions kept while people edit, newest first: open, compare with the live plan, restore. */
export function HistoryPanel({ planId, onRestored }: { planId: string; onRestored?(): void }) {
  const [versions, setVersions] = useState<VersionSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [view, setView] = useState<View>({ kind: 'list' })
  const [restoring, setRestoring] = useState<VersionSummary | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const load = useCallback(() => {
    setError(null)
    api.versions(planId).then(({ versions }) => setVersions(versions), (failure) => setError(errorMessage(failure)))
  }, [planId])
  useEffect(load, [load])

  if (view.kind === 'read') return <SnapshotReader planId={planId} source={`version:${view.id}`} onBack={() => setView({ kind: 'list' })} />
  if (view.kind === 'compare') return <CompareView planId={planId} from={`version:${view.id}`} to="live" onBack={() => setView({ kind: 'list' })} />

  return (
    <div className="history">
      <p className="muted">
        Uplift keeps a version of the plan a few minutes after people start editing, and when everyone leaves it. Every
        version of the last day is kept; older ones are thinned to one an hour for a week, then one a day.
      </p>
      <p><Button variant="quiet" onClick={load}>Refresh the list</Button></p>
      {notice && <p className="message message--success" role="status">{notice}</p>}
      {error && <p className="message message--error" role="alert">{error}</p>}
      {!versions && !error && <p className="loading" role="status">Loading the history…</p>}
      {versions?.length === 0 && <p className="empty-state">No versions yet: the first is kept a few minutes after someone edits the plan.</p>}
      {versions && versions.length > 0 && (
        <ol className="version-list" aria-label="Versions, newest first">
          {versions.map((version) => (
            <li key={version.id} className="version-item">
              <div>
                <p className="version-item__title">{versionTitle(version)}</p>
                <p className="muted">
                  {formatDateTime(version.createdAt)}
                  {version.editors.length > 0 ? ` · edited by ${joinNames(version.editors)}` : ''}
                </p>
              </div>
              <div className="button-row">
                <Button onClick={() => setView({ kind: 'read', id: version.id })}>Open<span className="visually-hidden"> {versionTitle(version)}</span></Button>
                <Button onClick={() => setView({ kind: 'compare', id: version.id })}>Compare with the live plan</Button>
                <Button variant="quiet" onClick={() => setRestoring(version)}>Restore<span className="visually-hidden"> {versionTitle(version)}</span></Button>
              </div>
            </li>
          ))}
        </ol>
      )}
      {restoring && (
        <RestoreDialog
          planId={planId} source={`version:${restoring.id}`} description={`the version of ${formatDateTime(restoring.createdAt)}`}
          onClose={() => setRestoring(null)}
          onRestored={() => {
            setRestoring(null)
            setNotice('Restored. The plan as it was before is kept at the top of this list.')
            load()
            onRestored?.()
          }}
        />
      )}
    </div>
  )
}
