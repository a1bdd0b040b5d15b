import { useSyncExternalStore } from 'react'
import type { CollabSession, CollabState } from './session.ts'

export function useCollabState(session: CollabSession): CollabState {
  return useSyncExternalStore(session.subscribe, session.getSnapshot)
}
