/**
 * A loaded plan: its Y.Doc, the people in it, and the path every change takes:
 * check it, append it to the plan's log, and only once it is durable apply it and relay it. Nothing is
 * relayed (or served to a newcomer) that is not stored, so a crash loses nothing anyone has seen.
 */
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { CloseCode, MessageType } from '../../shared/protocol.ts'
import type { DocumentStore } from '../storage/types.ts'
import type { Connection } from './connection.ts'
import { awarenessMessage, noticeMessage, storedMessage, syncStep1, syncStep2, syncUpdate } from './messages.ts'
import type { CollabLimits, Logger } from './types.ts'
import { checkUpdate, hasNewContent } from './updateGuard.ts'

const SYNC_STEP1 = 0
const SYNC_STEP2 = 1
const SYNC_UPDATE = 2

/** Transaction origin of changes made by the server itself (loading, restoring). */
export const SERVER_ORIGIN = Symbol('uplift-server')

class FrameError extends Error {
  constructor(readonly closeCode: { code: number; reason: string }, detail: string) {
    super(detail)
  }
}

export class Room {
  readonly connections = new Set<Connection>()
  readonly awareness: awarenessProtocol.Awareness
  /** Updates that could not be stored, kept in memory and retried in order. */
  private held: { update: Uint8Array; origin: Connection | typeof SERVER_ORIGIN }[] = []
  private retryTimer: NodeJS.Timeout | null = null
  private readonly inflight = new Set<Promise<void>>()
  private readonly awarenessOwners = new Map<number, Connection>()
  private idleTimer: NodeJS.Timeout | null = null
  unloading: Promise<void> | null = null

  constructor(
    readonly planId: string,
    readonly doc: Y.Doc,
    private readonly store: DocumentStore,
    private readonly limits: CollabLimits,
    private readonly log: Logger,
    private readonly onIdle: (room: Room) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server is not a participant: it publishes no presence of its own.
    this.awareness.setLocalState(null)
    doc.on('update', this.relayUpdate)
    this.awareness.on('update', this.relayAwareness)
  }

  get storageFailed(): boolean {
    return this.held.length > 0
  }

  join(connection: Connection): void {
    this.cancelIdle()
    this.connections.add(connection)
    connection.send(syncStep1(this.doc))
    const states = [...this.awareness.getStates().keys()]
    if (states.length > 0) connection.send(awarenessMessage(this.awareness, states))
    if (this.storageFailed && !connection.readOnly) connection.send(noticeMessage(storageFailedNotice))
    const queued = connection.queued ?? []
    connection.queued = null
    for (const frame of queued) {
      if (connection.closed) break
      this.receive(connection, frame)
    }
  }

  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return
    const owned = [...connection.ownedClientIds].filter((id) => this.awarenessOwners.get(id) === connection)
    for (const id of owned) this.awarenessOwners.delete(id)
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, owned, connection)
    if (this.connections.size === 0) this.scheduleIdle()
  }

  /** Handles one frame from a connection. Every message in it is decoded with the decoder that reads it. */
  receive(connection: Connection, frame: Uint8Array): void {
    if (connection.closed) return
    if (frame.length > this.limits.maxFrameBytes) {
      this.refuse(connection, CloseCode.frameTooLarge, `frame of ${frame.length} bytes`)
      return
    }
    if (!connection.spend()) {
      this.refuse(connection, CloseCode.tooManyMessages, 'rate limit')
      return
    }
    try {
      const decoder = decoding.createDecoder(frame)
      // Several messages may be packed into one frame; each is read and checked in turn.
      do {
        this.receiveMessage(connection, decoder)
      } while (decoding.hasContent(decoder) && !connection.closed)
    } catch (error) {
      if (error instanceof FrameError) this.refuse(connection, error.closeCode, error.message)
      else this.refuse(connection, CloseCode.badFrame, `unreadable frame (${(error as Error).message})`)
    }
  }

  private receiveMessage(connection: Connection, decoder: decoding.Decoder): void {
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.sync:
        return this.receiveSync(connection, decoder)
      case MessageType.awareness:
        return this.receiveAwareness(connection, decoding.readVarUint8Array(decoder))
      case MessageType.queryAwareness: {
        const states = [...this.awareness.getStates().keys()]
        if (states.length > 0) connection.send(awarenessMessage(this.awareness, states))
        return
      }
      case MessageType.auth:
        // y-websocket's auth message carries a permission reply from servers; clients never need to send it.
        decoding.readVarString(decoder)
        return
      default:
        throw new FrameError(CloseCode.badFrame, `unknown message type ${type}`)
    }
  }

  private receiveSync(connection: Connection, decoder: decoding.Decoder): void {
    const kind = decoding.readVarUint(decoder)
    if (kind === SYNC_STEP1) {
      connection.send(syncStep2(this.doc, decoding.readVarUint8Array(decoder)))
      return
    }
    if (kind !== SYNC_STEP2 && kind !== SYNC_UPDATE) throw new FrameError(CloseCode.badFrame, `unknown sync message ${kind}`)
    const update = decoding.readVarUint8Array(decoder)
    const verdict = checkUpdate(update, this.limits.maxFrameBytes)
    if (!verdict.ok) throw new FrameError(CloseCode.invalidUpdate, verdict.reason)
    if (connection.readOnly) {
      if (hasNewContent(this.doc, update)) {
        this.log.warn('write refused from read-only connection', { planId: this.planId, userId: connection.access.userId, role: connection.access.role })
        connection.send(noticeMessage({ kind: 'write-refused', message: 'Your change was not saved: you can read this plan but not edit it.' }))
      }
      return
    }
    this.store_(update, connection)
  }

  /** Applies a change made by the server itself (a restore), through the same durable path. */
  applyServerUpdate(update: Uint8Array): Promise<void> {
    return this.store_(update, SERVER_ORIGIN)
  }

  private store_(update: Uint8Array, origin: Connection | typeof SERVER_ORIGIN): Promise<void> {
    if (this.storageFailed) {
      this.held.push({ update, origin })
      return Promise.resolve()
    }
    const appended = this.store.append(this.planId, update).then(
      () => this.apply(update, origin),
      (error: Error) => this.holdAfterFailure(update, origin, error),
    )
    this.inflight.add(appended)
    void appended.finally(() => {
      this.inflight.delete(appended)
      this.compactIfDue()
    })
    return appended
  }

  private apply(update: Uint8Array, origin: Connection | typeof SERVER_ORIGIN): void {
    if (this.doc.isDestroyed) return
    Y.applyUpdate(this.doc, update, origin)
    if (origin !== SERVER_ORIGIN) origin.send(storedMessage(Y.encodeStateVector(this.doc)))
  }

  private holdAfterFailure(update: Uint8Array, origin: Connection | typeof SERVER_ORIGIN, error: Error): void {
    const first = !this.storageFailed
    this.held.push({ update, origin })
    if (!first) return
    this.log.error('plan cannot be saved; holding changes in memory and retrying', { planId: this.planId, error: error.message })
    this.broadcastToEditors(noticeMessage(storageFailedNotice))
    this.scheduleRetry()
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      void this.retryHeld()
    }, this.limits.storageRetryMs)
    this.retryTimer.unref()
  }

  private async retryHeld(): Promise<void> {
    while (this.held.length > 0) {
      const next = this.held[0]
      try {
        await this.store.append(this.planId, next.update)
      } catch {
        this.scheduleRetry()
        return
      }
      this.held.shift()
      this.apply(next.update, next.origin)
    }
    this.log.info('plan saving again', { planId: this.planId })
    this.broadcastToEditors(noticeMessage({ kind: 'storage-recovered', message: 'Saving again: every change is stored.' }))
    if (this.connections.size === 0) this.scheduleIdle()
  }

  private broadcastToEditors(message: Uint8Array): void {
    for (const connection of this.connections) if (!connection.readOnly) connection.send(message)
  }

  private readonly relayUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.connections.size === 0) return
    const message = syncUpdate(update)
    for (const connection of this.connections) if (connection !== origin) connection.send(message)
  }

  private receiveAwareness(connection: Connection, payload: Uint8Array): void {
    const decoder = decoding.createDecoder(payload)
    const count = decoding.readVarUint(decoder)
    const encoder = encoding.createEncoder()
    let accepted = 0
    const entries = encoding.createEncoder()
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      if (json.length > this.limits.maxAwarenessStateBytes) throw new FrameError(CloseCode.frameTooLarge, 'awareness state too large')
      if (!this.claim(connection, clientId)) continue
      const state = JSON.parse(json) as unknown
      // The name, id and colour others see come from the session, never from the page.
      const checked = state !== null && typeof state === 'object' && !Array.isArray(state)
        ? { ...(state as Record<string, unknown>), user: connection.presence }
        : null
      encoding.writeVarUint(entries, clientId)
      encoding.writeVarUint(entries, clock)
      encoding.writeVarString(entries, JSON.stringify(checked))
      accepted++
    }
    if (accepted === 0) return
    encoding.writeVarUint(encoder, accepted)
    encoding.writeUint8Array(encoder, encoding.toUint8Array(entries))
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encoding.toUint8Array(encoder), connection)
  }

  /** Whether a connection may speak for an awareness client id; it owns ids nobody else holds. */
  private claim(connection: Connection, clientId: number): boolean {
    const owner = this.awarenessOwners.get(clientId)
    if (owner === connection) return true
    if (owner && owner.access.userId !== connection.access.userId) {
      this.log.warn('awareness for another person refused', { planId: this.planId, userId: connection.access.userId })
      return false
    }
    if (connection.ownedClientIds.size >= this.limits.maxAwarenessClientsPerConnection) return false
    // The same person reconnecting takes over their id from the connection that has not closed yet.
    owner?.ownedClientIds.delete(clientId)
    connection.ownedClientIds.add(clientId)
    this.awarenessOwners.set(clientId, connection)
    return true
  }

  private readonly relayAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (this.connections.size === 0) return
    const message = awarenessMessage(this.awareness, [...added, ...updated, ...removed])
    for (const connection of this.connections) if (connection !== origin) connection.send(message)
  }

  private refuse(connection: Connection, closeCode: { code: number; reason: string }, detail: string): void {
    this.log.warn('connection closed for a bad message', { planId: this.planId, userId: connection.access.userId, code: closeCode.code, detail })
    connection.close(closeCode)
  }

  /** Starts the idle countdown if nobody is in the plan (after a load for reading, or a refused join). */
  idleIfEmpty(): void {
    if (this.connections.size === 0) this.scheduleIdle()
  }

  private scheduleIdle(): void {
    this.cancelIdle()
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null
      if (this.connections.size === 0 && !this.storageFailed) this.onIdle(this)
    }, this.limits.idleUnloadMs)
    this.idleTimer.unref()
  }

  private cancelIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
  }

  private compacting = false

  private compactIfDue(): void {
    if (this.compacting || this.inflight.size > 0 || this.storageFailed || this.doc.isDestroyed) return
    if (this.store.appendedSinceCompaction(this.planId) < this.limits.compactAfterBytes) return
    void this.compact()
  }

  /** Writes the whole state as one record; every update applied so far is in it. */
  async compact(): Promise<void> {
    if (this.compacting) return
    this.compacting = true
    try {
      await this.store.compact(this.planId, Y.encodeStateAsUpdate(this.doc))
    } catch (error) {
      this.log.error('compaction failed; the log is kept as it is', { planId: this.planId, error: (error as Error).message })
    } finally {
      this.compacting = false
    }
  }

  /** Waits for changes being stored, compacts, and releases the document. */
  async unload(): Promise<void> {
    this.cancelIdle()
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight])
    if (!this.storageFailed && this.store.appendedSinceCompaction(this.planId) > 0) await this.compact()
    this.destroy()
  }

  destroy(): void {
    this.cancelIdle()
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.awareness.destroy()
    this.doc.off('update', this.relayUpdate)
    this.doc.destroy()
  }

  closeAll(closeCode: { code: number; reason: string }): void {
    for (const connection of [...this.connections]) connection.close(closeCode)
  }

  /** Everything applied is stored; used by shutdown and tests. */
  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight])
  }
}

const storageFailedNotice = {
  kind: 'storage-failed' as const,
  message: 'Uplift cannot save this plan at the moment. Your changes are kept and will be saved when it can; until then they are not shared.',
}
