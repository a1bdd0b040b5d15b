import { useCallback, useEffect, useId, useState } from 'react'
import type { VersionSummary } from '../../shared/api.ts'
import { api, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { formatDateTime } from '../format.ts'
import { useFocusAfterRender } from '../useFocusAfterRender.ts'
import { joinNames } from './ApprovalLine.tsx'
import { CompareView } from './CompareView.tsx'
import { RestoreDialog } from './RestoreDialog.tsx'
import { SnapshotReader } from './SnapshotReader.tsx'
import { versionTitle } from './versionTitle.ts'

/** A view other than the list remembers the id of the button that opened it, to focus it again on the way back. */
type View = { kind: 'list' } | { kind: 'read'; id: string; title: string; opener: string } | { kind: 'compare'; id: string; opener: string }

interface HistoryPanelProps {
  planId: string
  /** Called after a restore, so the page can show the live plan and say what happened. */
  onRestored?(message: string): void
}

/** The automatic versions kept while people edit, newest first: open, compare with the live plan, restore. */
export function HistoryPanel({ planId, onRestored }: HistoryPanelProps) {
  const [versions, setVersions] = useState<VersionSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [view, setView] = useState<View>({ kind: 'list' })
  const [restoring, setRestoring] = useState<VersionSummary | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const base = useId()
  const idOf = (version: VersionSummary, control: 'open' | 'compare') => `${base}-${version.id}-${control}`
  const focusAfterRender = useFocusAfterRender()

  const load = useCallback(() => {
    setError(null)
    api.versions(planId).then(({ versions }) => setVersions(versions), (failure) => setError(errorMessage(failure)))
  }, [planId])
  useEffect(load, [load])

  const back = (opener: string) => () => {
    setView({ kind: 'list' })
    focusAfterRender(opener)
  }
  if (view.kind === 'read') return <SnapshotReader planId={planId} source={`version:${view.id}`} title={view.title} onBack={back(view.opener)} />
  if (view.kind === 'compare') return <CompareView planId={planId} from={`version:${view.id}`} to="live" onBack={back(view.opener)} />

  return (
    <div className="history">
      <p className="muted">
        Uplift keeps a version of the plan a few minutes after people start editing, and when everyone leaves it. Every
        version of the last day is kept; older ones are thinned to one an hour for a week, then one a day.
      </p>
      <p><Button variant="quiet" onClick={load}>Refresh the list</Button></p>
      {/* Always there, so what is put in it is announced. */}
      <div role="status">{notice && <p className="message message--success">{notice}</p>}</div>
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
                <Button id={idOf(version, 'open')} onClick={() => setView({ kind: 'read', id: version.id, title: versionTitle(version), opener: idOf(version, 'open') })}>
                  Open<span className="visually-hidden"> {versionTitle(version)}</span>
                </Button>
                <Button id={idOf(version, 'compare')} onClick={() => setView({ kind: 'compare', id: version.id, opener: idOf(version, 'compare') })}>
                  Compare with the live plan<span className="visually-hidden"> ({versionTitle(version)})</span>
                </Button>
                <Button variant="quiet" onClick={() => setRestoring(version)}>Restore<span className="visually-hidden"> {versionTitle(version)}</span></Button>
              </div>
            </li>
          ))}
        </ol>
      )}
      {restoring && (
        <RestoreDialog
          planId={planId} source={`version:${restoring.id}`} what={{ kind: 'version', createdAt: restoring.createdAt }}
          onClose={() => setRestoring(null)}
          onRestored={() => {
            const message = `Restored the version of ${formatDateTime(restoring.createdAt)}. The plan as it was before is kept at the top of the history.`
            setRestoring(null)
            if (onRestored) onRestored(message)
            else {
              setNotice(message)
              load()
            }
          }}
        />
      )}
    </div>
  )
}
