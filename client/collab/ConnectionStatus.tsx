import { useEffect, useRef, useState, type RefObject } from 'react'
import type { CollabState } from './session.ts'

const LABELS: Record<CollabState['connection'], string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline — changes will be sent when the connection returns',
  stopped: 'Disconnected',
}

const UNREACHABLE = 'Cannot reach Uplift — changes will be sent once it can'

const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false })

/** Always on screen: whether the plan is live, and whether your changes are safely stored. */
export function ConnectionStatus({ state, canWrite, refused = false }: { state: CollabState; canWrite: boolean; refused?: boolean }) {
  // Refused by the server: nothing is "waiting" any more, and the panel below says what to do.
  const saved = refused ? 'Changes not saved — refused by the server' : savedLabel(state, canWrite)
  const local = refused ? null : localLabel(state)
  // The network is there but Uplift is not (the server down, or Wi-Fi with no way out): not "Offline", which
  // would send a person to check their device's connection.
  const unreachable = state.connection === 'offline' && !state.networkDown
  const bar = useRef<HTMLDivElement>(null)
  const inView = useInView(bar)
  return (
    <div className="status-bar" ref={bar}>
      <p className={`status status--${state.connection}`} role="status" aria-live="polite">
        <span className="status__dot" aria-hidden="true" />
        <span className="status__text">{unreachable ? UNREACHABLE : LABELS[state.connection]}</span>
      </p>
      {saved && (
        // Not a live region: it changes with every keystroke, which would drown out a screen reader.
        <p className={`saved saved--${state.unsaved ? 'pending' : 'done'}`} data-testid="saved-indicator">
          {saved}
        </p>
      )}
      {local && (
        <p className={`saved-locally saved-locally--${state.keptLocally ? 'kept' : 'not-kept'}`} data-testid="local-indicator">
          {local}
        </p>
      )}
      {state.connection === 'offline' && !inView && (
        // Far down a long plan (a tablet on the school's Wi-Fi) the bar above is out of sight, and typing on
        // would seem to be saved. The words are the bar's own, already announced: this copy is for the eye.
        <p className="status-reminder" aria-hidden="true" data-testid="offline-reminder">
          <span className="status__dot" />
          {[unreachable ? 'Not connected' : 'Offline', saved].filter(Boolean).join(' · ')}
        </p>
      )}
    </div>
  )
}

/** Whether the element is (even partly) on screen; true until the browser says otherwise. */
function useInView(element: RefObject<HTMLElement | null>): boolean {
  const [inView, setInView] = useState(true)
  useEffect(() => {
    const target = element.current
    if (!target || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver(([entry]) => setInView(entry.isIntersecting))
    observer.observe(target)
    return () => observer.disconnect()
  }, [element])
  return inView
}


export function lastSyncedLabel(lastSynced: number | null): string {
  return lastSynced === null ? 'not synced yet' : `last synced ${timeFormat.format(new Date(lastSynced))}`
}

function savedLabel(state: CollabState, canWrite: boolean): string | null {
  if (!state.unsaved) return canWrite ? 'All changes saved' : null
  // This page cannot send them: the tab they were made in sends them (at once, or once it is back online).
  // No count: Yjs counts a change per character typed, and "143 changes waiting" alarms more than it tells.
  if (state.waitingElsewhere) return 'Changes waiting in another tab'
  if (state.connection === 'live') return 'Saving…'
  return `Changes not yet sent · ${lastSyncedLabel(state.lastSynced)}`
}

/** Where the waiting changes are while the server does not have them. */
function localLabel(state: CollabState): string | null {
  if (!state.unsaved || state.connection === 'live') return null
  if (state.keptLocally) return 'Saved on this device — will be sent when you’re back online'
  return 'Not yet saved on this device — keep this page open'
}
