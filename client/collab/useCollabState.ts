import { useSyncExternalStore } from 'react'
import type { CollabSession, CollabState } from './session.ts'

/**
 * How long "All changes saved" waits for typing to pause. The server confirms each keystroke within a few
 * milliseconds: shown at once, the status would flicker between "Saving…" and "All changes saved" at every
 * key, and each flip is a React commit, which walks the editor's whole DOM while the caret is in it.
 */
export const SAVED_SETTLE_MS = 500

/**
 * The session's state as the page shows it: the same, except that "saved" comes once typing pauses (see
 * above), and that changes to what is not on screen while live wait for the next change that is: the count
 * of changes waiting, the time of the last sync, and whether this device's copy has caught up (which flips
 * at every change, anyone's, as IndexedDB writes it). Offline, every change shows at once.
 */
export class ShownState {
  private shown: CollabState
  private readonly listeners = new Set<() => void>()
  private savedTimer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly session: CollabSession) {
    this.shown = session.getSnapshot()
    session.subscribe(this.update)
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getSnapshot = (): CollabState => this.shown

  private readonly update = (): void => {
    const next = this.session.getSnapshot()
    const live = next.connection === 'live'
    if (live && sameOnScreen(this.shown, next)) {
      // Typing again before "saved" was said: "Saving…" stays, unchanged.
      if (this.savedTimer && next.unsaved) this.cancelSaved()
      return
    }
    if (live && this.shown.unsaved && !next.unsaved && sameOnScreen(this.shown, next, 'unsaved')) {
      // Only "saved": said once nothing new has been typed for a moment.
      this.savedTimer ??= setTimeout(this.publishLatest, SAVED_SETTLE_MS)
      return
    }
    this.cancelSaved()
    this.publish(next)
  }

  private cancelSaved(): void {
    if (this.savedTimer) clearTimeout(this.savedTimer)
    this.savedTimer = null
  }

  private readonly publishLatest = (): void => {
    this.savedTimer = null
    const latest = this.session.getSnapshot()
    if (!sameOnScreen(this.shown, latest)) this.publish(latest)
  }

  private publish(state: CollabState): void {
    if (state === this.shown) return
    this.shown = state
    for (const listener of this.listeners) listener()
  }
}

/** Whether two states differ only in what a live page does not show (and in `also`). */
function sameOnScreen(a: CollabState, b: CollabState, also?: keyof CollabState): boolean {
  for (const key of Object.keys(b) as (keyof CollabState)[]) {
    if (key === 'waiting' || key === 'lastSynced' || key === 'keptLocally' || key === also) continue
    if (a[key] !== b[key]) return false
  }
  return true
}

const shownStates = new WeakMap<CollabSession, ShownState>()

export function useCollabState(session: CollabSession): CollabState {
  let shown = shownStates.get(session)
  if (!shown) {
    shown = new ShownState(session)
    shownStates.set(session, shown)
  }
  return useSyncExternalStore(shown.subscribe, shown.getSnapshot)
}
