/**
 * One person's socket into one plan: rate limits, the frames it sent before its plan loaded, the
 * awareness client ids it owns, and its access. Decoding and applying its messages is the room's job.
 */
import { can } from '../../shared/roles.ts'
import { presenceOf, type PresenceUser } from '../../shared/presence.ts'
import { CloseCode } from '../../shared/protocol.ts'
import type { CollabLimits, CollabSocket, ConnectionAccess } from './types.ts'

/** Whether a connection is owed a `stored` message, and which: of its own client ids, or everything stored. */
export const AckDue = { none: 0, writer: 1, whole: 2 } as const
export type AckDue = (typeof AckDue)[keyof typeof AckDue]

export class Connection {
  readonly ownedClientIds = new Set<number>()
  /**
   * Yjs client ids this connection's stored changes were written with: what its confirmations cover. Made
   * at the first change (most connections of a busy server are readers, or idle).
   */
  wroteAs: Set<number> | null = null
  /** Kept by the room it is in (see Room.acknowledgeLater). */
  ackDue: AckDue = AckDue.none
  /** The room's `storedVersion` when this connection was last sent all that is stored; -1 before that. */
  toldStored = -1
  /** Who this connection is to the others in the plan; the room sets the colour on joining. */
  presence: PresenceUser
  /**
   * Frames waiting for an earlier step to finish (the plan loading, or a large change being checked),
   * processed in order once it has; null while frames are handled as they come.
   */
  queued: Uint8Array[] | null = []
  alive = true
  closed = false
  /**
   * Its access has ended and it is being closed (see Room.release): nothing more is sent to it, nor taken
   * from it, except the last word it is closed with.
   */
  leaving = false
  /** Set while an editor with an end date is connected: ends their editing then (see CollabHub). */
  editingEnds: ReturnType<typeof setTimeout> | null = null
  private queuedBytes = 0
  private tokens: number
  private lastRefill = Date.now()

  private current: ConnectionAccess
  /** Whether the role may not write: read for every message this connection sends, so kept with the access. */
  private reader: boolean

  constructor(
    readonly socket: CollabSocket,
    access: ConnectionAccess,
    private readonly limits: CollabLimits,
  ) {
    this.current = access
    this.reader = !can(access.role, 'writeLive')
    this.tokens = limits.messageBurst
    this.presence = presenceOf(access.userId, access.userName)
  }

  get access(): ConnectionAccess {
    return this.current
  }

  /** The access changed (a new role, end date or session); the hub sets it, a new object each time. */
  set access(access: ConnectionAccess) {
    this.current = access
    this.reader = !can(access.role, 'writeLive')
  }

  get readOnly(): boolean {
    return this.reader
  }

  /** Takes one message from the rate budget; false when the connection has sent too many. */
  spend(): boolean {
    const now = Date.now()
    this.tokens = Math.min(this.limits.messageBurst, this.tokens + ((now - this.lastRefill) / 1000) * this.limits.messagesPerSecond)
    this.lastRefill = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  /** From now on frames wait (in order) until `resume`. */
  pause(): void {
    this.queued ??= []
  }

  /** Ends a pause: returns the frames that waited, to be handled in order. */
  resume(): Uint8Array[] {
    const queued = this.queued ?? []
    this.queued = null
    this.queuedBytes = 0
    return queued
  }

  /** Holds a frame while paused; false when the connection has queued too much. */
  hold(frame: Uint8Array): boolean {
    this.queuedBytes += frame.length
    if (this.queuedBytes > this.limits.maxQueuedBytes) return false
    this.queued!.push(frame)
    return true
  }

  send(message: Uint8Array): void {
    if (this.closed || this.leaving || !this.socket.isOpen) return
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      // A peer that reads nothing must not make the server hold every update for it.
      this.close(CloseCode.tooSlow)
      return
    }
    this.socket.send(message)
  }

  close(closeCode: { code: number; reason: string }): void {
    if (this.closed) return
    this.closed = true
    this.stopEditingEnd()
    this.socket.close(closeCode.code, closeCode.reason)
  }

  /** Closes it after one last message, sent even while it is leaving. */
  closeWith(last: Uint8Array | null, closeCode: { code: number; reason: string }): void {
    if (this.closed) return
    if (last && this.socket.isOpen) this.socket.send(last)
    this.close(closeCode)
  }

  /** Lets go of the end-date timer (the connection closed, or its access changed). */
  stopEditingEnd(): void {
    if (this.editingEnds) clearTimeout(this.editingEnds)
    this.editingEnds = null
  }
}
