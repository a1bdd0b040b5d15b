import { useCallback, useEffect, useId, useState } from 'react'
import type { SnapshotSummary } from '../../shared/api.ts'
import { can, type Role } from '../../shared/roles.ts'
import { api, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import type { OpenedView } from '../plan/planView.ts'
import { useFocusAfterRender } from '../useFocusAfterRender.ts'
import { OpenedPane } from './OpenedPane.tsx'
import { PublishForm } from './PublishForm.tsx'
import { RestoreDialog } from './RestoreDialog.tsx'
import { SignoffDialog } from './SignoffDialog.tsx'
import { SnapshotMeta } from './SnapshotMeta.tsx'
import { useReturnFocus } from './useReturnFocus.ts'

interface SnapshotsPanelProps {
  planId: string
  role: Role
  userId: string
  /** What is open over the list, from the page's address (client/plan/planView.ts); null for the list. */
  opened: OpenedView | null
  /** Opens a snapshot or a comparison (a new address). */
  onOpen(opened: OpenedView): void
  /** Back from what is open to the list. */
  onBack(): void
  /** What takes focus back on the list when no control there opened the view being left. */
  fallbackFocusId: string
  /** The list's heading (an h2), for a panel that is not already under one. */
  listTitle?: string
  /** Called after a restore, so the page can show the live plan and say what happened. */
  onRestored?(message: string): void
}

/**
 * The plan's snapshots, newest first: publish (editors), read any, compare with the previous one (and,
 * for those who see the live plan, with it), ask for and give sign-off, restore. Trustees get the same
 * list with only what was published for them.
 */
export function SnapshotsPanel({ planId, role, userId, opened, onOpen, onBack, fallbackFocusId, listTitle, onRestored }: SnapshotsPanelProps) {
  const [snapshots, setSnapshots] = useState<SnapshotSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [signoff, setSignoff] = useState<SnapshotSummary | null>(null)
  const [restoring, setRestoring] = useState<SnapshotSummary | null>(null)
  const base = useId()
  const idOf = (snapshot: Pick<SnapshotSummary, 'id'>, control: 'name' | 'open' | 'compare-previous' | 'compare-live') => `${base}-${snapshot.id}-${control}`
  const focusAfterRender = useFocusAfterRender()

  const load = useCallback(() => {
    setError(null)
    api.snapshots(planId).then(({ snapshots }) => setSnapshots(snapshots), (failure) => setError(errorMessage(failure)))
  }, [planId])
  useEffect(load, [load])

  const replace = (updated: SnapshotSummary) =>
    setSnapshots((list) => list?.map((snapshot) => (snapshot.id === updated.id ? updated : snapshot)) ?? null)

  const approve = async (snapshot: SnapshotSummary) => {
    setNotice(null)
    try {
      const { snapshot: updated } = await api.approveSnapshot(planId, snapshot.id)
      replace(updated)
      setNotice(updated.signoff?.approvedAt ? `“${updated.name}” is approved.` : `You approved “${updated.name}”.`)
      // The Approve button is gone: to the snapshot's name, where its approval line is read next.
      focusAfterRender(idOf(updated, 'name'))
    } catch (failure) {
      setError(errorMessage(failure))
    }
  }

  // Back on the list, focus goes to the button that opened the view just left, or else to that snapshot's name.
  useReturnFocus(opened, snapshots !== null || error !== null, (left) => {
    const snapshotId = (ref: string) => (ref.startsWith('snapshot:') ? ref.slice('snapshot:'.length) : null)
    if (left.kind === 'read' && left.what === 'snapshot') return [idOf(left, 'open'), idOf(left, 'name')]
    if (left.kind !== 'compare') return []
    const [from, to] = [snapshotId(left.from), snapshotId(left.to)]
    if (from && left.to === 'live') return [idOf({ id: from }, 'compare-live'), idOf({ id: from }, 'name')]
    if (!from || !to) return []
    // "Compare with previous" is on the later snapshot, and compares with the one just before it.
    const index = snapshots?.findIndex((snapshot) => snapshot.id === to) ?? -1
    const previous = index >= 0 ? snapshots?.[index + 1] : undefined
    return [...(previous?.id === from ? [idOf({ id: to }, 'compare-previous')] : []), idOf({ id: to }, 'name')]
  }, fallbackFocusId)

  if (opened) {
    const title = opened.kind === 'read' && opened.what === 'snapshot' ? snapshots?.find((snapshot) => snapshot.id === opened.id)?.name : undefined
    return <OpenedPane planId={planId} role={role} opened={opened} title={title} onBack={onBack} />
  }

  return (
    <div className="snapshots">
      {can(role, 'publishSnapshot') && (
        <PublishForm planId={planId} onPublished={(snapshot) => {
          setSnapshots((list) => [snapshot, ...(list ?? [])])
          setNotice(`Published “${snapshot.name}”${snapshot.forTrustees ? ' for trustees' : ''}.`)
        }} />
      )}
      {/* Always there, so what is put in it is announced. */}
      <div role="status">{notice && <p className="message message--success">{notice}</p>}</div>
      {error && <p className="message message--error" role="alert">{error}</p>}
      {error && !snapshots && <p><Button onClick={load}>Try again</Button></p>}
      {listTitle && <h2 className="snapshots__title">{listTitle}</h2>}
      {!snapshots && !error && <p className="loading" role="status">Loading snapshots…</p>}
      {snapshots?.length === 0 && (
        <p className="empty-state">
          {role === 'trustee' ? 'Snapshots published to trustees will appear here. None have been published yet.' : 'No snapshots yet.'}
        </p>
      )}
      {snapshots && snapshots.length > 0 && (
        <ol className="snapshot-list" aria-label="Snapshots, newest first">
          {snapshots.map((snapshot, index) => {
            const previous = snapshots[index + 1]
            const mine = snapshot.signoff?.approvers.find((approver) => approver.userId === userId)
            return (
              <li key={snapshot.id} className="snapshot-item card">
                <h3 className="snapshot-item__name" id={idOf(snapshot, 'name')} tabIndex={-1}>{snapshot.name}</h3>
                <SnapshotMeta snapshot={snapshot} />
                <div className="button-row">
                  <Button
                    variant="primary" id={idOf(snapshot, 'open')}
                    onClick={() => onOpen({ kind: 'read', what: 'snapshot', id: snapshot.id })}
                  >
                    Open<span className="visually-hidden"> “{snapshot.name}”</span>
                  </Button>
                  {previous && (
                    <Button
                      id={idOf(snapshot, 'compare-previous')}
                      onClick={() => onOpen({ kind: 'compare', from: `snapshot:${previous.id}`, to: `snapshot:${snapshot.id}` })}
                    >
                      Compare with previous<span className="visually-hidden"> (“{previous.name}”)</span>
                    </Button>
                  )}
                  {can(role, 'readLive') && (
                    <Button
                      id={idOf(snapshot, 'compare-live')}
                      onClick={() => onOpen({ kind: 'compare', from: `snapshot:${snapshot.id}`, to: 'live' })}
                    >
                      Compare with the live plan<span className="visually-hidden"> (“{snapshot.name}”)</span>
                    </Button>
                  )}
                  {mine && !mine.approvedAt && can(role, 'publishSnapshot') && (
                    <Button variant="primary" onClick={() => void approve(snapshot)}>Approve<span className="visually-hidden"> “{snapshot.name}”</span></Button>
                  )}
                  {can(role, 'manageSharing') && !snapshot.signoff?.approvedAt && (
                    <Button onClick={() => setSignoff(snapshot)}>{snapshot.signoff ? 'Change sign-off' : 'Ask for sign-off'}</Button>
                  )}
                  {can(role, 'writeLive') && (
                    <Button variant="quiet" onClick={() => setRestoring(snapshot)}>Restore<span className="visually-hidden"> “{snapshot.name}”</span></Button>
                  )}
                </div>
              </li>
            )
          })}
        </ol>
      )}
      {signoff && (
        <SignoffDialog planId={planId} snapshot={signoff} onClose={() => setSignoff(null)} onDone={(updated) => {
          replace(updated)
          setSignoff(null)
          setNotice(`Sign-off of “${updated.name}” requested.`)
        }} />
      )}
      {restoring && (
        <RestoreDialog
          planId={planId} source={`snapshot:${restoring.id}`} what={{ kind: 'snapshot', name: restoring.name }}
          onClose={() => setRestoring(null)}
          onRestored={() => {
            const message = `Restored “${restoring.name}”. The plan as it was before is kept in the history.`
            setRestoring(null)
            if (onRestored) onRestored(message)
            else setNotice(message)
          }}
        />
      )}
    </div>
  )
}
