import type { CollabState } from './session.ts'

const LABELS: Record<CollabState['connection'], string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline — changes will be sent when the connection returns',
  stopped: 'Disconnected',
}

/** Always on screen: whether the plan is live, and whether your changes are safely stored. */
export function ConnectionStatus({ state, canWrite }: { state: CollabState; canWrite: boolean }) {
  const saved = savedLabel(state, canWrite)
  return (
    <div className="status-bar">
      <p className={`status status--${state.connection}`} role="status" aria-live="polite">
        <span className="status__dot" aria-hidden="true" />
        <span className="status__text">{LABELS[state.connection]}</span>
      </p>
      {saved && (
        // Not a live region: it changes with every keystroke, which would drown out a screen reader.
        <p className={`saved saved--${state.unsaved ? 'pending' : 'done'}`} data-testid="saved-indicator">
          {saved}
        </p>
      )}
    </div>
  )
}

function savedLabel(state: CollabState, canWrite: boolean): string | null {
  if (!state.unsaved) return canWrite ? 'All changes saved' : null
  if (state.connection === 'live') return 'Saving…'
  return 'Changes not yet saved'
}
