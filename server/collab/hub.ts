/**
 * The collaboration core: loads each plan once (the load promise is shared, never the result of a second
 * load), hands connections to rooms, unloads idle plans, and applies access changes to open connections.
 * It knows Yjs and y-protocols, not HTTP, routes or the metadata store.
 */
import * as Y from 'yjs'
import { CloseCode, type Notice } from '../../shared/protocol.ts'
import { accessChangedMessage, accessDiffers, accessInForce, can, type Access } from '../../shared/roles.ts'
import type { DocumentStore } from '../storage/types.ts'
import { UpdateChecker } from './checking/updateChecker.ts'
import { Connection } from './connection.ts'
import { noticeMessage } from './messages.ts'
import { docFromUpdates, isLargePlan, Room } from './room.ts'
import { serverDoc } from './serverDoc.ts'
import type { CollabLimits, CollabSocket, ConnectionAccess, Logger } from './types.ts'

/** What the transport calls when its socket receives something. */
export interface ConnectionHandle {
  receive(frame: Uint8Array): void
  pong(): void
  closed(): void
}

/**
 * What the rest of the server may hear of the collaboration core (automatic versions and plans' last-updated
 * times listen here).
 */
export interface CollabHooks {
  /** A person's change to a plan was stored (and relayed). */
  edited?(planId: string, userId: string): void
  /** A change the server made to a plan (a restore) was stored (and relayed). */
  changedByServer?(planId: string): void
  /** A plan is about to be dropped from memory, everything stored; `doc` is still readable. */
  unloading?(planId: string, doc: Y.Doc): Promise<void>
}

/** How many plans a stopping server unloads at once (see `shutdown`). */
const UNLOADS_AT_ONCE = 16

/** Longest one wait for an editor's end date; a later one is waited for in steps (see followEditingEnd). */
const EDITING_END_STEP_MS = 24 * 60 * 60 * 1000

export class CollabHub {
  private readonly rooms = new Map<string, Promise<Room>>()
  private readonly connections = new Set<Connection>()
  /** The room each connection joined (none until its plan is loaded). */
  private readonly roomOf = new WeakMap<Connection, Room>()
  private readonly perPerson = new Map<string, number>()
  private readonly pinger: NodeJS.Timeout
  private shuttingDown = false
  /** Checks large updates off the event loop; shared by every plan. */
  readonly checker: UpdateChecker

  constructor(
    private readonly store: DocumentStore,
    readonly limits: CollabLimits,
    private readonly log: Logger,
    private readonly hooks: CollabHooks = {},
  ) {
    this.pinger = setInterval(() => this.checkLiveness(), limits.pingIntervalMs)
    this.pinger.unref()
    this.checker = new UpdateChecker({
      budgetMs: limits.updateCheckBudgetMs,
      maxWaiting: 64,
      maxBytes: limits.maxFrameBytes,
      maxStructs: limits.structsPerStep,
    })
  }

  /** Takes a socket whose access is already decided. Listeners are the caller's, attached before any await. */
  handleConnection(socket: CollabSocket, access: ConnectionAccess): ConnectionHandle {
    const connection = new Connection(socket, access, this.limits)
    this.connections.add(connection)
    const count = (this.perPerson.get(access.userId) ?? 0) + 1
    this.perPerson.set(access.userId, count)
    let room: Room | null = null
    const handle: ConnectionHandle = {
      receive: (frame) => {
        if (room) room.receive(connection, frame)
        else if (!connection.closed && !connection.hold(frame)) connection.close(CloseCode.tooManyMessages)
      },
      pong: () => { connection.alive = true },
      closed: () => {
        connection.closed = true
        connection.stopEditingEnd()
        if (!this.connections.delete(connection)) return
        const left = (this.perPerson.get(access.userId) ?? 1) - 1
        if (left > 0) this.perPerson.set(access.userId, left)
        else this.perPerson.delete(access.userId)
        room?.leave(connection)
      },
    }
    if (this.shuttingDown) {
      connection.close(CloseCode.serverRestarting)
      return handle
    }
    if (count > this.limits.maxConnectionsPerPerson) {
      connection.close(CloseCode.tooManyConnections)
      return handle
    }
    this.followEditingEnd(connection)
    this.acquire(access.planId).then(
      (loaded) => {
        if (connection.closed) {
          loaded.idleIfEmpty()
          return
        }
        room = loaded
        this.roomOf.set(connection, loaded)
        loaded.join(connection)
      },
      (error: Error & { busy?: boolean }) => {
        if (!error.busy) this.log.error('plan could not be loaded', { planId: access.planId, error: error.message })
        connection.close(error.busy ? CloseCode.serverBusy : CloseCode.storageFailed)
      },
    )
    return handle
  }

  /** The loaded room of a plan, loading it if needed. A room being unloaded is waited for, then loaded anew. */
  async acquire(planId: string): Promise<Room> {
    for (;;) {
      let loading = this.rooms.get(planId)
      if (!loading) {
        if (this.rooms.size >= this.limits.maxLoadedDocuments) {
          throw Object.assign(new Error('too many plans loaded'), { busy: true })
        }
        loading = this.load(planId)
        this.rooms.set(planId, loading)
        const entry = loading
        // A failed load is forgotten so that the next attempt tries again; it never wrote anything.
        loading.catch(() => { if (this.rooms.get(planId) === entry) this.rooms.delete(planId) })
      }
      const room = await loading
      if (room.unloading) {
        await room.unloading
        continue
      }
      return room
    }
  }

  private async load(planId: string): Promise<Room> {
    const { updates, report } = await this.store.load(planId)
    if (report.tornBytes > 0 || report.corruptRecords > 0) {
      this.log.warn('plan log was damaged; loaded everything readable', { planId, ...report })
    }
    // A large plan is loaded in the background, newcomers being served from storage meanwhile (Room.warm).
    const storedBytes = updates.reduce((sum, update) => sum + update.length, 0)
    const large = isLargePlan(storedBytes, this.limits)
    const room = new Room(planId, large ? serverDoc() : docFromUpdates(updates), this.store, this.limits, this.log, this.checker, {
      idle: (idle) => void this.unload(idle),
      stored: (userId) => this.hooks.edited?.(planId, userId),
      storedFromServer: () => this.hooks.changedByServer?.(planId),
      failed: (failed) => {
        const entry = this.rooms.get(planId)
        void entry?.then((current) => {
          if (current === failed && this.rooms.get(planId) === entry) this.rooms.delete(planId)
          failed.destroy()
        })
      },
    })
    room.storedBytes = storedBytes
    if (large) room.warm(updates)
    return room
  }

  private unload(room: Room): Promise<void> {
    if (!room.unloading) {
      room.unloading = (async () => {
        if (this.hooks.unloading) {
          await room.settled()
          await this.hooks.unloading(room.planId, room.doc).catch((error: Error) =>
            this.log.error('unloading hook failed', { planId: room.planId, error: error.message }))
        }
        await room.unload()
      })().finally(() => {
        this.rooms.delete(room.planId)
      })
    }
    return room.unloading
  }

  /**
   * Applies a change of access (a role, or only an editor's end date) to a person's open connections to a
   * plan: read-only (or writable) at once, or closed. A connection that stays open is told its new access
   * in a `role-changed` notice, so the page can follow (its role, the end date it shows) without a write
   * being refused first or a reload. Only this person's connections are touched, and only when something
   * they would see changed.
   */
  setAccess(planId: string, userId: string, access: Access | null): void {
    const now = new Date()
    for (const connection of this.connections) {
      if (connection.access.planId === planId && connection.access.userId === userId) this.apply(connection, access, now)
    }
  }

  private apply(connection: Connection, access: Access | null, now: Date): void {
    if (connection.leaving) return
    const before: Access = { role: connection.access.role, editorUntil: connection.access.editorUntil ?? null }
    if (access === null || !can(access.role, 'readLive')) {
      // Made a trustee: told so first, so the page can say why the live plan closed (it may show a trustee's view).
      if (access) connection.send(noticeMessage({ kind: 'role-changed', role: access.role, editorUntil: null, message: accessChangedMessage(before, access, now) }))
      void this.release(connection, CloseCode.noAccess)
      return
    }
    const after: Access = { role: access.role, editorUntil: access.role === 'editor' ? access.editorUntil ?? null : null }
    if (!accessDiffers(before, after)) return
    const wasWriter = !connection.readOnly
    connection.access = { ...connection.access, ...after }
    connection.send(noticeMessage({
      kind: 'role-changed', role: after.role, editorUntil: after.editorUntil, message: accessChangedMessage(before, after, now),
    }))
    if (wasWriter && connection.readOnly) void this.roomOf.get(connection)?.confirmStored(connection)
    this.followEditingEnd(connection)
  }

  /**
   * Closes a connection whose access ended, after telling it what of its changes is stored (Room.release); one
   * whose plan has not loaded yet has sent nothing that could be, and is closed at once.
   */
  private release(connection: Connection, closeCode: { code: number; reason: string }): Promise<void> {
    if (connection.leaving || connection.closed) return Promise.resolve()
    const room = this.roomOf.get(connection)
    if (!room) {
      connection.close(closeCode)
      return Promise.resolve()
    }
    return room.release(connection, closeCode)
  }

  /**
   * An editor with an end date is made a viewer (read-only, and told) at that moment, not at the next
   * periodic re-check: their page says they can edit "until the end of" that day, and no longer. A change of
   * access meanwhile sets this again. Far-off end dates are waited for a day at a time (timers cannot wait
   * much longer than three weeks).
   */
  private followEditingEnd(connection: Connection): void {
    connection.stopEditingEnd()
    const { role, editorUntil } = connection.access
    if (role !== 'editor' || !editorUntil || connection.closed) return
    const wait = Date.parse(editorUntil) - Date.now()
    if (Number.isNaN(wait)) return
    connection.editingEnds = setTimeout(() => {
      connection.editingEnds = null
      if (connection.closed) return
      const now = new Date()
      if (Date.parse(editorUntil) > now.getTime()) this.followEditingEnd(connection)
      else this.apply(connection, accessInForce(role, editorUntil, now), now)
    }, Math.max(0, Math.min(wait + 1, EDITING_END_STEP_MS)))
    connection.editingEnds.unref()
  }

  /**
   * Tells everyone with a plan open something that happened to it (a restore), except `exceptUserId` (the
   * person who did it, told on their own page). Returns how many connections were told.
   */
  tell(planId: string, notice: Notice, exceptUserId?: string): number {
    let told = 0
    for (const connection of this.connections) {
      if (connection.access.planId !== planId || connection.access.userId === exceptUserId) continue
      connection.send(noticeMessage(notice))
      told++
    }
    return told
  }

  /**
   * Closes connections opened with the given sessions (sign-out, password change, expiry), with the given
   * personal tokens (deleted), or of a person.
   */
  disconnect(match: { sessionIds?: string[]; tokenIds?: string[]; userId?: string }): void {
    const sessions = new Set(match.sessionIds ?? [])
    const tokens = new Set(match.tokenIds ?? [])
    for (const connection of this.connections) {
      const bySession = connection.access.sessionId !== null && sessions.has(connection.access.sessionId)
      const byToken = connection.access.tokenId != null && tokens.has(connection.access.tokenId)
      const byUser = match.userId !== undefined && connection.access.userId === match.userId
      if (bySession || byToken || byUser) connection.close(CloseCode.unauthenticated)
    }
  }

  /**
   * Every open connection's access, for periodic re-checks against what is stored (see `recheck`); an
   * editor's end date passing is followed here as it happens (followEditingEnd), and by those checks too.
   */
  openAccess(): ConnectionAccess[] {
    return [...this.connections].map((connection) => connection.access)
  }

  /**
   * Applies what is stored of a person's access, read after `seen` was taken from `openAccess`, to the
   * connections that still have `seen`. A connection whose access changed while it was read (the owner
   * saved a new role or end date meanwhile, applied by `setAccess`) already has something newer: the
   * older reading must not overwrite it, nor tell the person of a change that was undone.
   */
  recheck(seen: ConnectionAccess, stored: Access | null): void {
    const now = new Date()
    for (const connection of this.connections) {
      if (connection.access === seen) this.apply(connection, stored, now)
    }
  }

  /**
   * Closes a plan's connections, saying it was deleted (each told first what of its changes was stored), and
   * drops it from memory without saving (the plan is being deleted).
   */
  async closePlan(planId: string): Promise<void> {
    const closing: Promise<void>[] = []
    for (const connection of this.connections) {
      if (connection.access.planId === planId) closing.push(this.release(connection, CloseCode.planDeleted))
    }
    const loading = this.rooms.get(planId)
    await Promise.all(closing)
    if (!loading) return
    const room = await loading.catch(() => null)
    if (!room) return
    await room.settled()
    room.destroy()
    this.rooms.delete(planId)
  }

  /** Applies a server-made change to a plan (loading it if needed) through the durable path. */
  async applyServerUpdate(planId: string, update: Uint8Array): Promise<void> {
    const room = await this.acquire(planId)
    try {
      await room.applyServerUpdate(update)
    } finally {
      room.idleIfEmpty()
    }
  }

  /** The current document of a plan, loading it if needed; for reading (export, overview). */
  async readDocument<T>(planId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.acquire(planId)
    await room.ready
    if (room.broken) throw new Error('The plan could not be loaded.')
    room.idleIfEmpty()
    return read(room.doc)
  }

  loadedPlanCount(): number {
    return this.rooms.size
  }

  private checkLiveness(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.socket.terminate()
        continue
      }
      connection.alive = false
      connection.socket.ping()
    }
  }

  /** Stops taking connections, stores what is pending, compacts and closes every socket. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true
    clearInterval(this.pinger)
    for (const connection of this.connections) connection.close(CloseCode.serverRestarting)
    const rooms = await Promise.allSettled([...this.rooms.values()])
    const loaded = rooms.flatMap((result) => result.status === 'fulfilled' ? [result.value] : [])
    // Unloading a plan mostly waits for the disk (its compaction is written and synced): one after another,
    // 300 plans took 9.5 s to stop. A few at a time share those waits (0.6 s); all at once would hold every
    // plan's compacted state in memory together.
    let next = 0
    const unloadNext = async (): Promise<void> => {
      while (next < loaded.length) await this.unload(loaded[next++]).catch(() => undefined)
    }
    await Promise.all(Array.from({ length: Math.min(UNLOADS_AT_ONCE, loaded.length) }, unloadNext))
    await this.checker.close()
  }
}
