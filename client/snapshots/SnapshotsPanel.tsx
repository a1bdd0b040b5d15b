import { useCallback, useEffect, useId, useState } from 'react'
import type { SnapshotSummary } from '../../shared/api.ts'
import { can, type Role } from '../../shared/roles.ts'
import { api, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { useFocusAfterRender } from '../useFocusAfterRender.ts'
import { CompareView } from './CompareView.tsx'
import { PublishForm } from './PublishForm.tsx'
import { RestoreDialog } from './RestoreDialog.tsx'
import { SignoffDialog } from './SignoffDialog.tsx'
import { SnapshotMeta } from './SnapshotMeta.tsx'
import { SnapshotReader } from './SnapshotReader.tsx'

/** A view other than the list remembers the id of the button that opened it, to focus it again on the way back. */
type View =
  | { kind: 'list' }
  | { kind: 'read'; source: string; title: string; opener: string }
  | { kind: 'compare'; from: string; to: string; opener: string }

interface SnapshotsPanelProps {
  planId: string
  role: Role
  userId: string
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
export function SnapshotsPanel({ planId, role, userId, listTitle, onRestored }: SnapshotsPanelProps) {
  const [snapshots, setSnapshots] = useState<SnapshotSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [view, setView] = useState<View>({ kind: 'list' })
  const [notice, setNotice] = useState<string | null>(null)
  const [signoff, setSignoff] = useState<SnapshotSummary | null>(null)
  const [restoring, setRestoring] = useState<SnapshotSummary | null>(null)
  const base = useId()
  const idOf = (snapshot: SnapshotSummary, control: 'name' | 'open' | 'compare-previous' | 'compare-live') => `${base}-${snapshot.id}-${control}`
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

  const back = (opener: string) => () => {
    setView({ kind: 'list' })
    focusAfterRender(opener)
  }
  if (view.kind === 'read') return <SnapshotReader planId={planId} source={view.source} title={view.title} onBack={back(view.opener)} />
  if (view.kind === 'compare') return <CompareView planId={planId} from={view.from} to={view.to} onBack={back(view.opener)} />

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
                    onClick={() => setView({ kind: 'read', source: `snapshot:${snapshot.id}`, title: snapshot.name, opener: idOf(snapshot, 'open') })}
                  >
                    Open<span className="visually-hidden"> “{snapshot.name}”</span>
                  </Button>
                  {previous && (
                    <Button
                      id={idOf(snapshot, 'compare-previous')}
                      onClick={() => setView({ kind: 'compare', from: `snapshot:${previous.id}`, to: `snapshot:${snapshot.id}`, opener: idOf(snapshot, 'compare-previous') })}
                    >
                      Compare with previous<span className="visually-hidden"> (“{previous.name}”)</span>
                    </Button>
                  )}
                  {can(role, 'readLive') && (
                    <Button
                      id={idOf(snapshot, 'compare-live')}
                      onClick={() => setView({ kind: 'compare', from: `snapshot:${snapshot.id}`, to: 'live', opener: idOf(snapshot, 'compare-live') })}
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
