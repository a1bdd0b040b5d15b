/**
 * What the plan page shows about the live connection: whether it is live, whether this person's
 * changes are stored on the server yet, the server's notices, and the role in force.
 */
import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { closeCodeByNumber, CloseCode, type Notice, type NoticeKind } from '../../shared/protocol.ts'
import { ROLES, type Role } from '../../shared/roles.ts'
import type { SyncRecord } from '../offline/keptPlans.ts'
import { unsentText } from '../offline/unsent.ts'

export type ConnectionState = 'connecting' | 'live' | 'offline' | 'stopped'

export interface NoticeEntry {
  id: number
  kind: NoticeKind
  message: string
}

export interface CollabState {
  connection: ConnectionState
  /** Why the connection stopped for good (access removed, signed out), or why it last dropped. */
  reason: string | null
  /** True when the stop means the person must sign in again. */
  signedOut: boolean
  /** Changes made here (on this page or an earlier visit) that the server has not yet confirmed as stored. */
  unsaved: boolean
  /** How many of them: characters and other items written, plus one for pending deletions. */
  waiting: number
  /** When the server last confirmed a change of this person's as stored (ms since the epoch). */
  lastSynced: number | null
  /** Whether every change is written to this browser's own copy (IndexedDB), so closing the page loses nothing. */
  keptLocally: boolean
  /** The close code that stopped the connection for good, if any. */
  stopCode: number | null
  notices: NoticeEntry[]
  /** A role change announced by the server while the plan is open. */
  role: Role | null
}

const INITIAL: CollabState = {
  connection: 'connecting', reason: null, signedOut: false, unsaved: false, waiting: 0, lastSynced: null, keptLocally: false,
  stopCode: null, notices: [], role: null,
}

export interface SessionOptions {
  /** What an earlier visit left: which client ids wrote here and what the server had stored of them. */
  record?: SyncRecord | null
  /** Called whenever that record changes, to keep it for the next visit. */
  saveRecord?(record: SyncRecord): void
  /** Origins of updates that are not new writes (the local copy loading from IndexedDB). */
  loadOrigins?: unknown[]
}

/** How long a "saving again" notice stays before it clears itself. */
const TRANSIENT_NOTICE_MS = 8000

export class CollabSession {
  private state: CollabState = INITIAL
  private readonly listeners = new Set<() => void>()
  /** Client ids this page has written with (Yjs may change a doc's id after a clash). */
  private readonly localClients = new Set<number>()
  private readonly stored = new Map<number, number>()
  private deletesPending = false
  private readonly loadOrigins: Set<unknown>
  private nextNoticeId = 1
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private destroyed = false

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
    private readonly options: SessionOptions = {},
  ) {
    this.loadOrigins = new Set(options.loadOrigins ?? [])
    const record = options.record
    if (record) {
      for (const client of record.clients) this.localClients.add(client)
      for (const [client, clock] of record.stored) this.stored.set(client, clock)
      this.deletesPending = record.deletesPending
      this.state = { ...this.state, lastSynced: record.lastSynced }
    }
    if (globalThis.navigator?.onLine === false) this.state = { ...this.state, connection: 'offline' }
    this.state = { ...this.state, ...this.counts() }
    doc.on('update', this.handleUpdate)
    provider.on('sync', this.handleSync)
    provider.on('status', this.handleStatus)
    provider.on('connection-close', this.handleClose)
    globalThis.addEventListener?.('offline', this.handleBrowserOffline)
    globalThis.addEventListener?.('online', this.handleBrowserOnline)
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getSnapshot = (): CollabState => this.state

  /** The server's `stored` message: the state vector it has durably stored. */
  receiveStored(stateVector: Uint8Array): void {
    for (const [client, clock] of Y.decodeStateVector(stateVector)) {
      if (clock > (this.stored.get(client) ?? 0)) this.stored.set(client, clock)
    }
    // Messages arrive in order: a stored message after a deletion was sent covers it.
    this.deletesPending = false
    this.set({ lastSynced: Date.now() })
    this.refreshUnsaved()
    this.saveRecord()
  }

  /** Set by the page's local copy: whether everything is written to IndexedDB. */
  setKeptLocally(kept: boolean): void {
    if (kept !== this.state.keptLocally) this.set({ keptLocally: kept })
  }

  /** The text written here that the server has not stored, one entry a paragraph. */
  unsentText(): string[] {
    return unsentText(this.doc, this.localClients, this.stored)
  }

  receiveNotice(notice: Notice): void {
    let notices = this.state.notices
    if (notice.kind === 'storage-recovered') notices = notices.filter((entry) => entry.kind !== 'storage-failed')
    // One notice of each kind is enough: a second refusal says nothing new.
    notices = notices.filter((entry) => entry.kind !== notice.kind)
    const entry: NoticeEntry = { id: this.nextNoticeId++, kind: notice.kind, message: notice.message }
    const role = notice.kind === 'role-changed' && isRole(notice.role) ? notice.role : this.state.role
    this.set({ notices: [...notices, entry], role })
    if (notice.kind === 'storage-recovered') this.later(() => this.dismiss(entry.id), TRANSIENT_NOTICE_MS)
  }

  dismiss(id: number): void {
    this.set({ notices: this.state.notices.filter((entry) => entry.id !== id) })
  }

  destroy(): void {
    this.destroyed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.doc.off('update', this.handleUpdate)
    this.provider.off('sync', this.handleSync)
    this.provider.off('status', this.handleStatus)
    this.provider.off('connection-close', this.handleClose)
    globalThis.removeEventListener?.('offline', this.handleBrowserOffline)
    globalThis.removeEventListener?.('online', this.handleBrowserOnline)
    this.listeners.clear()
  }

  private readonly handleUpdate = (_update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction?: Y.Transaction): void => {
    // Everything that did not come from the server (or from this browser's copy of earlier visits) was
    // made here; what came from the server is stored.
    if (origin !== this.provider && !this.loadOrigins.has(origin)) {
      let changed = false
      if (!this.localClients.has(this.doc.clientID)) {
        this.localClients.add(this.doc.clientID)
        changed = true
      }
      // Deletions do not move a client's clock, so they are tracked on their own.
      if (transaction && transaction.deleteSet.clients.size > 0 && !this.deletesPending) {
        this.deletesPending = true
        changed = true
      }
      if (changed) this.saveRecord()
    }
    this.refreshUnsaved()
  }

  private readonly handleSync = (synced: boolean): void => {
    if (synced && this.state.connection !== 'stopped') this.set({ connection: 'live', reason: null })
  }

  private readonly handleStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }): void => {
    if (status === 'disconnected' && this.state.connection === 'live') this.set({ connection: 'offline' })
  }

  private readonly handleClose = (event: CloseEvent | null): void => {
    // A null event is a close made on this page (leaving the plan), not a word from the server.
    if (!event || this.state.connection === 'stopped') return
    const known = closeCodeByNumber(event.code)
    if (known && !known.retry) {
      this.set({
        connection: 'stopped',
        reason: known.reason,
        signedOut: known.code === CloseCode.unauthenticated.code,
        stopCode: known.code,
        // Earlier notices (a role change, a refused write) are overtaken by the stop.
        notices: [],
      })
      // Deferred: the provider is still inside its own close handling here.
      this.later(() => this.provider.disconnect(), 0)
      return
    }
    this.set({ connection: 'offline', reason: known?.reason ?? null })
  }

  private readonly handleBrowserOffline = (): void => {
    if (this.state.connection === 'stopped') return
    // The browser says the network is gone: close the socket too, so that "Offline" on screen means
    // nothing typed now is on its way (a socket can linger after the network has gone), and reconnect
    // cleanly when it returns.
    this.pausedForOffline = true
    this.provider.disconnect()
    this.set({ connection: 'offline' })
  }

  private readonly handleBrowserOnline = (): void => {
    if (!this.pausedForOffline || this.state.connection === 'stopped') return
    this.pausedForOffline = false
    this.set({ connection: 'connecting' })
    this.provider.connect()
  }

  private pausedForOffline = false

  private counts(): { waiting: number; unsaved: boolean } {
    let waiting = this.deletesPending ? 1 : 0
    for (const client of this.localClients) {
      waiting += Math.max(0, Y.getState(this.doc.store, client) - (this.stored.get(client) ?? 0))
    }
    return { waiting, unsaved: waiting > 0 }
  }

  private refreshUnsaved(): void {
    const { waiting, unsaved } = this.counts()
    const flipped = unsaved !== this.state.unsaved
    if (waiting !== this.state.waiting || flipped) this.set({ waiting, unsaved })
    if (flipped) this.saveRecord()
  }

  private saveRecord(): void {
    if (!this.options.saveRecord || this.destroyed) return
    // Client ids of earlier visits that are fully stored will never write again: no need to remember them.
    for (const client of [...this.localClients]) {
      // (A clock of 0 means the local copy has not loaded yet, not that nothing was written.)
      const clock = Y.getState(this.doc.store, client)
      if (client !== this.doc.clientID && clock > 0 && clock <= (this.stored.get(client) ?? 0)) this.localClients.delete(client)
    }
    const clients = [...this.localClients]
    this.options.saveRecord({
      clients,
      stored: clients.filter((client) => this.stored.has(client)).map((client) => [client, this.stored.get(client)!]),
      lastSynced: this.state.lastSynced,
      deletesPending: this.deletesPending,
      unsaved: this.state.unsaved,
    })
  }

  private later(action: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      if (!this.destroyed) action()
    }, ms)
    this.timers.add(timer)
  }

  private set(patch: Partial<CollabState>): void {
    if (this.destroyed) return
    this.state = { ...this.state, ...patch }
    for (const listener of this.listeners) listener()
  }
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
