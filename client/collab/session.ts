/**
 * What the plan page shows about the live connection: whether it is live, whether this person's
 * changes are stored on the server yet, the server's notices, and the role in force.
 */
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { closeCodeByNumber, CloseCode, MessageType, type Notice, type NoticeKind } from '../../shared/protocol.ts'
import { can, ROLES, type Access, type Role } from '../../shared/roles.ts'
import type { ClientSync, RecordWriter, SyncRecord } from '../offline/keptPlans.ts'
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
  /**
   * Changes made in this browser (on this page, an earlier visit or another tab with the plan open) that the
   * server has not yet confirmed as stored.
   */
  unsaved: boolean
  /** How many of them: characters and other items written, plus one for pending deletions. */
  waiting: number
  /**
   * All of them are in another tab with the plan open: this page's document does not hold them, so only that
   * tab can send them.
   */
  waitingElsewhere: boolean
  /**
   * Some of them are only in another tab with the plan open (not in this page's document): what this page
   * shows of its unsent changes leaves those out.
   */
  partlyElsewhere: boolean
  /** When the server last confirmed a change of this person's as stored (ms since the epoch). */
  lastSynced: number | null
  /** Whether every change is written to this browser's own copy (IndexedDB), so closing the page loses nothing. */
  keptLocally: boolean
  /** The close code that stopped the connection for good, if any. */
  stopCode: number | null
  notices: NoticeEntry[]
  /**
   * The person's access as last announced by the server while the plan is open (their role, or only an
   * editor's end date, changed), or null if it has not changed since the page opened. A new object at each
   * announcement. `editorUntil` is undefined when the notice did not say (a server from before end dates
   * were announced): the page reads it again.
   */
  access: AnnouncedAccess | null
  /**
   * The browser says this device has no network (it lost it, or never had it since the page opened): "offline"
   * is then this device's doing. Otherwise a connection lost is the server out of reach (Uplift down, or the
   * school's Wi-Fi up but no way out from it), which the page says in other words.
   */
  networkDown: boolean
  /** Why the server no longer takes this person's changes, if it does not; null while it does. */
  lockout: Lockout | null
  /**
   * While locked out, the text written here that the server has not stored, one entry a paragraph: exact once
   * the server has said what it stored (it does at once when access changes, see the README). Empty otherwise.
   */
  unsent: string[]
}

/**
 * Why this person's changes are no longer taken: their role no longer lets them write (`role`), their access to
 * the plan ended (`removed`, also when made a trustee), the plan was deleted, or a write was refused for a
 * reason the page was not told (`refused`). `live` is true when the server said so over a connection that was
 * live (it happened while the person had the plan open and connected), false when the page learnt it on
 * connecting again (it happened while they were offline or away).
 */
export interface Lockout {
  cause: 'role' | 'removed' | 'deleted' | 'refused'
  live: boolean
}

export interface AnnouncedAccess {
  role: Role
  editorUntil: Access['editorUntil'] | undefined
}

const INITIAL: CollabState = {
  connection: 'connecting', reason: null, signedOut: false, unsaved: false, waiting: 0, waitingElsewhere: false, partlyElsewhere: false, lastSynced: null, keptLocally: false,
  stopCode: null, notices: [], access: null, lockout: null, unsent: [], networkDown: false,
}

export interface SessionOptions {
  /** What earlier visits and other tabs left: which client ids wrote here and what the server had stored of them. */
  record?: SyncRecord | null
  /**
   * Called whenever this page's view of that record changes, to keep it for the next visit and other tabs;
   * returns the record as saved, merged with what other tabs saved.
   */
  saveRecord?(record: SyncRecord, writer: RecordWriter): SyncRecord | void
  /** Origins of updates that are not new writes (the local copy loading from IndexedDB). */
  loadOrigins?: unknown[]
}

/** What a page knows of one client id's writes (what the server stored of it is kept with the rest of its vector). */
type Writer = Omit<ClientSync, 'client' | 'stored'>

/** How long a "saving again" notice stays before it clears itself. */
const TRANSIENT_NOTICE_MS = 8000

export class CollabSession {
  private state: CollabState = INITIAL
  private readonly listeners = new Set<() => void>()
  /**
   * Client ids written with in this browser whose changes may not all be stored: this page's own and those
   * of the record (earlier visits, other tabs), with what is known of each.
   */
  private readonly writers = new Map<number, Writer>()
  /** Client ids this page has written with (Yjs may change a doc's id after a clash). */
  private readonly own = new Set<number>()
  /** What the server has stored, for any client id. */
  private readonly stored = new Map<number, number>()
  /**
   * Deletions of other client ids that were in the record when this page started, so are in its local
   * copy once loaded and go to the server with it: the server's confirmation covers those, but not deletions
   * another tab still open made since (its doc is not this one).
   */
  private readonly loadedDeletions = new Map<number, number>()
  /** Whether the local copy is loaded into the doc (no local copy: nothing to wait for). */
  private localLoaded: boolean
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
    this.localLoaded = this.loadOrigins.size === 0
    const record = options.record
    if (record) {
      this.absorb(record)
      for (const entry of record.writers) this.loadedDeletions.set(entry.client, entry.deletions)
    }
    if (globalThis.navigator?.onLine === false) this.state = { ...this.state, connection: 'offline', networkDown: true }
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
    // Messages arrive in order: a stored message after a deletion was sent covers it. Not the one the server
    // sends on joining, though, which comes before this page's sync step 2 (with its offline changes) is
    // read: only once synced.
    if (this.provider.synced) {
      for (const [client, writer] of this.writers) {
        const covered = this.own.has(client) ? writer.deletions : this.localLoaded ? this.loadedDeletions.get(client) ?? 0 : 0
        writer.deletionsStored = Math.max(writer.deletionsStored, covered)
      }
    }
    this.set({ lastSynced: Date.now() })
    this.saveRecord()
    this.refreshUnsaved()
    this.refreshUnsent()
  }

  /**
   * Set by the page once its local copy is loaded into the doc: the clocks it shows for earlier visits'
   * client ids are then known (a clock of 0 before it means "not loaded yet", not "nothing written").
   */
  localCopyLoaded(): void {
    if (this.localLoaded) return
    this.localLoaded = true
    this.learnClocksFromDoc(true)
    this.saveRecord()
    this.refreshUnsaved()
    this.refreshUnsent()
  }

  /** Another tab saved the record: what it knows is added to what this page knows. */
  receiveRecord(record: SyncRecord | null): void {
    this.absorb(record ?? { writers: [], lastSynced: null })
    this.refreshUnsaved()
    this.refreshUnsent()
  }

  /** Set by the page's local copy: whether everything is written to IndexedDB. */
  setKeptLocally(kept: boolean): void {
    if (kept !== this.state.keptLocally) this.set({ keptLocally: kept })
  }

  /** The text written here that the server has not stored, one entry a paragraph. */
  unsentText(): string[] {
    return unsentText(this.doc, this.writers.keys(), this.stored)
  }

  /**
   * The access the server gives this connection, told on joining (see the presence message): kept as
   * announced when the page has not heard it yet or it differs from what was last announced. Ignored
   * unless the role is one; a server from before this was sent says nothing.
   */
  receiveAccess(role: unknown, editorUntil: unknown): void {
    if (!isRole(role)) return
    // (Said on joining: a change from what the page was last told happened while it was away.)
    this.followRole(role, false)
    const access = announcedAccess(role, editorUntil)
    const known = this.state.access
    if (known && known.role === access.role && known.editorUntil === access.editorUntil) return
    this.set({ access })
  }

  receiveNotice(notice: Notice): void {
    let notices = this.state.notices
    if (notice.kind === 'storage-recovered') notices = notices.filter((entry) => entry.kind !== 'storage-failed')
    // One notice of each kind is enough: a second refusal says nothing new.
    notices = notices.filter((entry) => entry.kind !== notice.kind)
    const entry: NoticeEntry = { id: this.nextNoticeId++, kind: notice.kind, message: notice.message }
    const roleChanged = notice.kind === 'role-changed' && isRole(notice.role)
    const access = roleChanged ? announcedAccess(notice.role as Role, notice.editorUntil) : this.state.access
    if (roleChanged) {
      this.followRole(notice.role as Role, true)
      // Writing again: an earlier refusal is over (followRole sent what it refused).
      if (can(notice.role as Role, 'writeLive')) notices = notices.filter((item) => item.kind !== 'write-refused')
    }
    this.set({ notices: [...notices, entry], access })
    // A refusal the page was given no reason for (it still thought it could write).
    if (notice.kind === 'write-refused' && !this.state.lockout) this.lockOut({ cause: 'refused', live: this.state.connection === 'live' })
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
    if (this.loadOrigins.has(origin)) {
      if (this.learnClocksFromDoc(false)) this.saveRecord()
    } else if (origin !== this.provider) {
      const client = this.doc.clientID
      this.own.add(client)
      let writer = this.writers.get(client)
      if (!writer) this.writers.set(client, writer = { written: 0, deletions: 0, deletionsStored: 0 })
      writer.written = Math.max(writer.written ?? 0, Y.getState(this.doc.store, client))
      // Deletions do not move a client's clock, so they are counted on their own.
      if (transaction && transaction.deleteSet.clients.size > 0) writer.deletions++
      // Saved at every change, not only when "unsaved" flips: another tab may be told this client id is
      // stored up to an earlier clock, and must not then drop it.
      this.saveRecord()
      this.refreshUnsaved()
      this.refreshUnsent()
      return
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
      const ended = known.code === CloseCode.noAccess.code ? 'removed' : known.code === CloseCode.planDeleted.code ? 'deleted' : null
      // (Closed while live: it happened with the plan open; closed on connecting: while the person was away.)
      if (ended) this.lockOut({ cause: ended, live: this.state.connection === 'live' })
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
    this.set({ connection: 'offline', networkDown: true })
  }

  private readonly handleBrowserOnline = (): void => {
    if (this.state.networkDown) this.set({ networkDown: false })
    if (!this.pausedForOffline || this.state.connection === 'stopped') return
    this.pausedForOffline = false
    this.set({ connection: 'connecting' })
    this.provider.connect()
  }

  private pausedForOffline = false

  /**
   * The role the server gives this connection, told as it changed (`live`) or on joining: a role that cannot
   * write locks this page out; one that can ends a lockout for want of a role, and the server is sent what it
   * refused meanwhile (it is in this page's document, where the person wrote it, and they may write again).
   */
  private followRole(role: Role, live: boolean): void {
    const lockout = this.state.lockout
    if (!can(role, 'writeLive')) {
      if (!lockout || lockout.cause === 'refused') this.lockOut({ cause: 'role', live })
      return
    }
    if (lockout?.cause !== 'role' && lockout?.cause !== 'refused') return
    this.set({ lockout: null, unsent: [] })
    this.resendUnstored()
  }

  private lockOut(lockout: Lockout): void {
    const current = this.state.lockout
    if (current && current.cause === lockout.cause && current.live === lockout.live) return
    this.set({ lockout })
    this.refreshUnsent()
  }

  /** While locked out: what of this page's text the server has not stored (see `unsent`). */
  private refreshUnsent(): void {
    if (!this.state.lockout) return
    const unsent = this.state.unsaved ? this.unsentText() : []
    const shown = this.state.unsent
    if (unsent.length === shown.length && unsent.every((text, index) => text === shown[index])) return
    this.set({ unsent })
  }

  /**
   * Sends the server every change of this page's it has not stored, as one update: what it refused while this
   * person could not write. Without it the server would never take their next changes either, which build on
   * those. Nothing to do while not connected: connecting again sends them anyway.
   */
  private resendUnstored(): void {
    const socket = this.provider.ws
    // (1: open.)
    if (!this.state.unsaved || !socket || socket.readyState !== 1) return
    // What the server has: of the client ids written with here, what it stored; of the others, all of it.
    const known = new Map<number, number>()
    this.doc.store.clients.forEach((_structs, client) => {
      known.set(client, this.writers.has(client) ? this.stored.get(client) ?? 0 : Y.getState(this.doc.store, client))
    })
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.sync)
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(known)))
    socket.send(encoding.toUint8Array(encoder))
  }

  private counts(): { waiting: number; unsaved: boolean; waitingElsewhere: boolean; partlyElsewhere: boolean } {
    let waiting = 0
    let here = false
    let elsewhere = false
    let deletesPending = false
    for (const [client, writer] of this.writers) {
      // (A clock not known yet, from an earlier version's record, is at least one change.)
      const count = writer.written === null ? 1 : Math.max(0, writer.written - (this.stored.get(client) ?? 0))
      waiting += count
      if (writer.deletions > writer.deletionsStored) deletesPending = true
      if (count === 0) continue
      // Held here when this page wrote them or its document has them (an earlier visit's, once loaded).
      if (this.own.has(client) || !this.localLoaded || writer.written === null || Y.getState(this.doc.store, client) >= writer.written) here = true
      else elsewhere = true
    }
    if (deletesPending) {
      waiting++
      here = true
    }
    return { waiting, unsaved: waiting > 0, waitingElsewhere: waiting > 0 && !here, partlyElsewhere: elsewhere }
  }

  private refreshUnsaved(): void {
    const { waiting, unsaved, waitingElsewhere, partlyElsewhere } = this.counts()
    if (waiting !== this.state.waiting || unsaved !== this.state.unsaved || waitingElsewhere !== this.state.waitingElsewhere || partlyElsewhere !== this.state.partlyElsewhere) {
      this.set({ waiting, unsaved, waitingElsewhere, partlyElsewhere })
    }
  }

  /**
   * Takes the clocks of the record's client ids from the doc as loaded from the local copy, which holds what
   * every tab and visit wrote before this page opened. Not from the server's changes: those only say what is
   * on the server, not what another tab wrote. Returns whether anything was learnt.
   */
  private learnClocksFromDoc(loaded: boolean): boolean {
    let changed = false
    for (const [client, writer] of this.writers) {
      if (this.own.has(client)) continue
      const clock = Y.getState(this.doc.store, client)
      // (Before the load has finished, a clock of 0 means "not loaded yet", not "nothing written".)
      if ((clock > 0 || loaded) && (writer.written === null || clock > writer.written)) {
        writer.written = clock
        changed = true
      }
    }
    return changed
  }

  /** Adds what a saved record knows (from other tabs and visits) to what this page knows. */
  private absorb(record: SyncRecord): void {
    const listed = new Set<number>()
    for (const entry of record.writers) {
      listed.add(entry.client)
      if (entry.stored > (this.stored.get(entry.client) ?? 0)) this.stored.set(entry.client, entry.stored)
      const writer = this.writers.get(entry.client)
      if (!writer) {
        this.writers.set(entry.client, { written: entry.written, deletions: entry.deletions, deletionsStored: entry.deletionsStored })
        continue
      }
      if (!this.own.has(entry.client) && entry.written !== null) writer.written = Math.max(writer.written ?? 0, entry.written)
      writer.deletions = Math.max(writer.deletions, entry.deletions)
      writer.deletionsStored = Math.max(writer.deletionsStored, entry.deletionsStored)
    }
    // Another page's client id missing from the record was dropped once all of it was stored (it is stored, or
    // the plan was forgotten here): it never needs remembering again.
    for (const client of [...this.writers.keys()]) if (!listed.has(client) && !this.own.has(client)) this.writers.delete(client)
    if (record.lastSynced !== null && record.lastSynced > (this.state.lastSynced ?? 0)) this.set({ lastSynced: record.lastSynced })
  }

  private saveRecord(): void {
    if (!this.options.saveRecord || this.destroyed) return
    const writers: ClientSync[] = []
    for (const [client, writer] of this.writers) writers.push({ ...writer, client, stored: this.stored.get(client) ?? 0 })
    const saved = this.options.saveRecord({ writers, lastSynced: this.state.lastSynced }, { own: this.own, stored: this.stored })
    if (saved) this.absorb(saved)
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

/** The access a role-changed notice announces; an end date that is not a readable instant is treated as unsaid. */
function announcedAccess(role: Role, editorUntil: unknown): AnnouncedAccess {
  if (role !== 'editor' || editorUntil === null) return { role, editorUntil: null }
  const readable = typeof editorUntil === 'string' && !Number.isNaN(Date.parse(editorUntil))
  return { role, editorUntil: readable ? editorUntil : undefined }
}
