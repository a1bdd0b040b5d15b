/**
 * Opens a plan's shared document: a Y.Doc kept in step with the server over y-websocket (others' changes
 * applied in batches, see remoteBatch.ts), plus the session that reads Uplift's own `stored` and `notice`
 * messages. Call it inside an effect and call `destroy` in that effect's cleanup (see the StrictMode note in
 * STACK.md).
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { closeCodeByNumber, MessageType, type Notice } from '../../shared/protocol.ts'
import { isPresenceColour, presenceOf, type PresenceUser } from '../../shared/presence.ts'
import { loadSyncRecord, saveSyncRecord, watchSyncRecord } from '../offline/keptPlans.ts'
import { LocalCopy } from '../offline/localCopy.ts'
import { batchRemoteChanges } from './remoteBatch.ts'
import { reannounceOnConnecting } from './reannounce.ts'
import { CollabSession } from './session.ts'

export interface OpenPlan {
  doc: Y.Doc
  provider: WebsocketProvider
  session: CollabSession
  /** This browser's copy of the plan (IndexedDB), when a person is given. */
  localCopy: LocalCopy | null
  /** Resolves once the local copy is loaded into the doc (at once without one). */
  loaded: Promise<void>
  /**
   * Who this page is to the others in the plan, when a person is given. The server sends the colour they see
   * this person in on joining; it is changed in place (the editor's caret extension holds this object).
   */
  you: PresenceUser | null
  destroy(): void
}

export interface PlanUser {
  id: string
  name: string
}

export function collabServerUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${protocol}://${window.location.host}/collab`
}

export function openPlan(planId: string, user?: PlanUser): OpenPlan {
  const doc = new Y.Doc()
  // Before the socket: the copy kept in this browser loads (and keeps) every change, online or not.
  const localCopy = user ? new LocalCopy(doc, user.id, planId) : null
  const provider = new WebsocketProvider(collabServerUrl(), planId, doc, {
    // Not connected yet: the handlers below must be in place before the first message.
    connect: false,
    // Other tabs must not stand in for the server (and could hide a server that relays nothing).
    disableBc: true,
    // Uplift's close codes say themselves which refusals are final (every 44xx code is; 45xx codes are not).
    shouldReconnect: (event) => closeCodeByNumber(event.code)?.retry !== false,
  })
  const session = new CollabSession(doc, provider, user ? {
    record: loadSyncRecord(user.id, planId),
    saveRecord: (record, writer) => saveSyncRecord(user.id, planId, record, writer),
    loadOrigins: localCopy?.persistence ? [localCopy.persistence] : [],
  } : {})
  const unsubscribeLocal = localCopy?.subscribe(() => session.setKeptLocally(localCopy.isKept))
  void localCopy?.loaded.then(() => session.setKeptLocally(localCopy.isKept))
  // Only once the copy is really in the doc (not when `loaded` gives up waiting for a slow database).
  if (localCopy?.persistence) void localCopy.persistence.whenSynced.then(() => session.localCopyLoaded())
  else session.localCopyLoaded()
  // The same plan open in another tab: its saves tell this page about changes its own doc does not hold.
  const unwatchRecord = user ? watchSyncRecord(user.id, planId, (record) => session.receiveRecord(record)) : null

  provider.messageHandlers[MessageType.stored] = (_encoder, decoder) => {
    session.receiveStored(decoding.readVarUint8Array(decoder))
  }
  provider.messageHandlers[MessageType.notice] = (_encoder, decoder) => {
    const notice = parseNotice(decoding.readVarString(decoder))
    if (notice) session.receiveNotice(notice)
  }

  // The server replaces this with the session's own details; it is set here so carets and the presence
  // list have a name and colour before the server's copy comes back.
  const you: PresenceUser | null = user ? presenceOf(user.id, user.name) : null
  if (you) provider.awareness.setLocalStateField('user', { ...you })
  provider.messageHandlers[MessageType.presence] = (_encoder, decoder) => {
    const presence = parsePresence(decoding.readVarString(decoder))
    // The access this connection has: changed while the page was offline, it is news to the page.
    session.receiveAccess(presence.role, presence.editorUntil)
    // The colour the others see this person in (their own one may belong to someone already here).
    const colour = presence.colour
    if (!you || !colour || colour === you.colour) return
    you.colour = colour
    you.color = colour
    provider.awareness.setLocalStateField('user', { ...you })
  }
  reannounceOnConnecting(provider)
  // Last, once every handler is in place: it wraps them all, so every message still takes effect in order.
  const remoteBatch = batchRemoteChanges(provider)
  provider.connect()

  return {
    doc,
    provider,
    session,
    localCopy,
    loaded: localCopy?.loaded ?? Promise.resolve(),
    you,
    destroy() {
      // Idempotent: a page may let go of the plan early (to delete its local copy) and again on unmount.
      if (doc.isDestroyed) return
      // First: what was received is applied while the local copy is still there to keep it.
      remoteBatch.destroy()
      unsubscribeLocal?.()
      unwatchRecord?.()
      localCopy?.destroy()
      session.destroy()
      provider.destroy()
      doc.destroy()
    },
  }
}

/** The presence message's colour (null if not a colour), and its role and end date as sent (checked by the session). */
function parsePresence(text: string): { colour: string | null; role: unknown; editorUntil: unknown } {
  try {
    const value = JSON.parse(text) as { colour?: unknown; role?: unknown; editorUntil?: unknown } | null
    return { colour: isPresenceColour(value?.colour) ? value.colour : null, role: value?.role, editorUntil: value?.editorUntil }
  } catch {
    return { colour: null, role: undefined, editorUntil: undefined }
  }
}

function parseNotice(text: string): Notice | null {
  try {
    const value = JSON.parse(text) as Partial<Notice>
    if (typeof value.kind !== 'string' || typeof value.message !== 'string') return null
    return value as Notice
  } catch {
    return null
  }
}
