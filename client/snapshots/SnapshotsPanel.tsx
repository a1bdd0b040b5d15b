import { useCallback, useEffect, useState } from 'react'
import type { SnapshotSummary } from '../../shared/api.ts'
import { can, type Role } from '../../shared/roles.ts'
import { api, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { CompareView } from './CompareView.tsx'
import { PublishForm } from './PublishForm.tsx'
import { RestoreDialog } from './RestoreDialog.tsx'
import { SignoffDialog } from './SignoffDialog.tsx'
import { SnapshotMeta } from './SnapshotMeta.tsx'
import { SnapshotReader } from './SnapshotReader.tsx'

type View = { kind: 'list' } | { kind: 'read'; source: string } | { kind: 'compare'; from: string; to: string }

interface SnapshotsPanelProps {
  planId: string
  role: Role
  userId: string
  /** Called after a restore, so the page can show the live plan. */
  onRestored?(): void
}

/**
 * The plan's snapshots, newest first: publish (editors), read any, compare with the previous one (and,
 * for those who see the live plan, with it), ask for and give sign-off, restore. Trustees get the same
 * list with only what was published for them.
 */
export function SnapshotsPanel({ planId, role, userId, onRestored }: SnapshotsPanelProps) {
  const [snapshots, setSnapshots] = useState<SnapshotSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [view, setView] = useState<View>({ kind: 'list' })
  const [notice, setNotice] = useState<string | null>(null)
  const [signoff, setSignoff] = useState<SnapshotSummary | null>(null)
  const [restoring, setRestoring] = useState<SnapshotSummary | null>(null)

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
    } catch (failure) {
      setError(errorMessage(failure))
    }
  }

  if (view.kind === 'read') return <SnapshotReader planId={planId} source={view.source} onBack={() => setView({ kind: 'list' })} />
  if (view.kind === 'compare') return <CompareView planId={planId} from={view.from} to={view.to} onBack={() => setView({ kind: 'list' })} />

  return (
    <div className="snapshots">
      {can(role, 'publishSnapshot') && (
        <PublishForm planId={planId} onPublished={(snapshot) => {
          setSnapshots((list) => [snapshot, ...(list ?? [])])
          setNotice(`Published “${snapshot.name}”${snapshot.forTrustees ? ' for trustees' : ''}.`)
        }} />
      )}
      {notice && <p className="message message--success" role="status">{notice}</p>}
      {error && <p className="message message--error" role="alert">{error}</p>}
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
                <h3 className="snapshot-item__name">{snapshot.name}</h3>
                <SnapshotMeta snapshot={snapshot} />
                <div className="button-row">
                  <Button variant="primary" onClick={() => setView({ kind: 'read', source: `snapshot:${snapshot.id}` })}>
                    Open<span className="visually-hidden"> “{snapshot.name}”</span>
                  </Button>
                  {previous && (
                    <Button onClick={() => setView({ kind: 'compare', from: `snapshot:${previous.id}`, to: `snapshot:${snapshot.id}` })}>
                      Compare with previous<span className="visually-hidden"> (“{previous.name}”)</span>
                    </Button>
                  )}
                  {can(role, 'readLive') && (
                    <Button onClick={() => setView({ kind: 'compare', from: `snapshot:${snapshot.id}`, to: 'live' })}>
                      Compare with the live plan
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
          planId={planId} source={`snapshot:${restoring.id}`} description={`the snapshot “${restoring.name}”`}
          onClose={() => setRestoring(null)}
          onRestored={() => {
            setNotice(`Restored “${restoring.name}”. The plan as it was before is kept in the history.`)
            setRestoring(null)
            onRestored?.()
          }}
        />
      )}
    </div>
  )
}
