import { useCallback, useEffect, useId, useState } from 'react'
import type { VersionSummary } from '../../shared/api.ts'
import type { Role } from '../../shared/roles.ts'
import { api, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { formatDateTime } from '../format.ts'
import type { OpenedView } from '../plan/planView.ts'
import { joinNames } from './ApprovalLine.tsx'
import { OpenedPane } from './OpenedPane.tsx'
import { RestoreDialog } from './RestoreDialog.tsx'
import { useReturnFocus } from './useReturnFocus.ts'
import { versionTitle } from './versionTitle.ts'

interface HistoryPanelProps {
  planId: string
  role: Role
  /** What is open over the list, from the page's address (client/plan/planView.ts); null for the list. */
  opened: OpenedView | null
  /** Opens a version or its comparison with the live plan (a new address). */
  onOpen(opened: OpenedView): void
  /** Back from what is open to the list. */
  onBack(): void
  /** What takes focus back on the list when no control there opened the view being left. */
  fallbackFocusId: string
  /** Called after a restore, so the page can show the live plan and say what happened. */
  onRestored?(message: string): void
}

/** The automatic versions kept while people edit, newest first: open, compare with the live plan, restore. */
export function HistoryPanel({ planId, role, opened, onOpen, onBack, fallbackFocusId, onRestored }: HistoryPanelProps) {
  const [versions, setVersions] = useState<VersionSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [restoring, setRestoring] = useState<VersionSummary | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const base = useId()
  const idOf = (version: Pick<VersionSummary, 'id'>, control: 'open' | 'compare') => `${base}-${version.id}-${control}`

  const load = useCallback(() => {
    setError(null)
    api.versions(planId).then(({ versions }) => setVersions(versions), (failure) => setError(errorMessage(failure)))
  }, [planId])
  useEffect(load, [load])

  // Back on the list, focus goes to the button that opened the view just left.
  useReturnFocus(opened, versions !== null || error !== null, (left) => {
    if (left.kind === 'read' && left.what === 'version') return [idOf(left, 'open')]
    if (left.kind === 'compare' && left.from.startsWith('version:') && left.to === 'live') return [idOf({ id: left.from.slice('version:'.length) }, 'compare')]
    return []
  }, fallbackFocusId)

  if (opened) {
    const version = opened.kind === 'read' && opened.what === 'version' ? versions?.find((candidate) => candidate.id === opened.id) : undefined
    return <OpenedPane planId={planId} role={role} opened={opened} title={version && versionTitle(version)} onBack={onBack} />
  }

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
      {error && !versions && <p><Button onClick={load}>Try again</Button></p>}
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
                <Button id={idOf(version, 'open')} onClick={() => onOpen({ kind: 'read', what: 'version', id: version.id })}>
                  Open<span className="visually-hidden"> {versionTitle(version)}</span>
                </Button>
                <Button id={idOf(version, 'compare')} onClick={() => onOpen({ kind: 'compare', from: `version:${version.id}`, to: 'live' })}>
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
