/**
 * A loaded plan: its Y.Doc, the people in it, and the path every change takes: check it, apply it to the
 * document, relay what Yjs integrated to the other editors and append it to the plan's log, and once that
 * is durable tell its writer and send it to the readers. Only updates Yjs itself produced reach the log, so
 * a hostile update can never poison it. A writer's page counts a change as unsaved until it is told the
 * change is stored (keeping it in the browser's own copy as well, or warning before the page is closed),
 * and every editor's page sends what the server lacks on reconnecting: after a crash between the relay and
 * the write, the change comes back from the page that made it or from any editor's page that received it
 * (tests/integration/crash). Readers' pages cannot send anything back, so they are only ever sent what is
 * stored.
 */
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { colourAmong, presenceOf } from '../../shared/presence.ts'
import { CloseCode, MessageType } from '../../shared/protocol.ts'
import type { DocumentStore } from '../storage/types.ts'
import type { UpdateChecker } from './checking/updateChecker.ts'
import { AckDue, type Connection } from './connection.ts'
import { awarenessMessage, noticeMessage, presenceMessage, storedMessage, syncStep1, syncStep2, syncStep2Of, syncUpdate } from './messages.ts'
import { serverDoc } from './serverDoc.ts'
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

type Origin = Connection | typeof SERVER_ORIGIN

/** Changes whose appends the store answered with one promise, and what settles once they are handled. */
interface StoringGroup {
  stored: Promise<void>
  changes: Change[]
  origins: Origin[]
  settled: Promise<void>
}

/**
 * What one transaction integrated: its update, and the clock each changed Yjs client reached, as pairs
 * (client, clock, client, clock…): usually one pair, and an array of two numbers is a fraction of a Map.
 */
interface Change {
  update: Uint8Array
  reached: number[]
  /**
   * Read-only connections it was kept from when it was relayed, and the message relayed: they get that
   * once the change is stored.
   */
  readers: { message: Uint8Array; connections: Connection[] } | null
}

/** Builds a plan's document from its stored updates. */
export function docFromUpdates(updates: Uint8Array[]): Y.Doc {
  const doc = serverDoc()
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update, SERVER_ORIGIN)
  }, SERVER_ORIGIN)
  return doc
}

/**
 * A plan whose stored history is larger than this many times `offThreadUpdateBytes` (128 KB by default) is
 * loaded in the background and compacted in the checker's thread: Yjs takes long enough over it to matter.
 */
export const isLargePlan = (storedBytes: number, limits: CollabLimits): boolean => storedBytes > limits.offThreadUpdateBytes * 4

export class Room {
  readonly connections = new Set<Connection>()
  readonly awareness: awarenessProtocol.Awareness
  /** The colour of each person with a connection here, and how many connections they have. */
  private readonly colours = new Map<string, { colour: string; connections: number }>()
  /** Changes applied (and relayed) but not stored because storage failed, retried in order. */
  private held: { change: Change; origin: Origin }[] = []
  /** Changes received while storage is failing: not applied until it works again. */
  private heldIncoming: { update: Uint8Array; origin: Origin }[] = []
  /** What the log holds, per Yjs client: what the `stored` message reports. */
  private readonly durable = new Map<number, number>()
  /** Counts the changes to `durable`: a connection told all of it at this count knows what is stored. */
  private storedVersion = 0
  /** Counts the changes applied to the document, and its replacements (see `stepOne`). */
  private changes = 0
  /**
   * Messages a newcomer is sent, kept while the plan is unchanged: the server's sync step 1, the answer to
   * a step 1 (the same for everyone asking with the same state vector: an empty one from a page with no copy
   * of the plan) and everything stored. People open a plan together, at the start of a meeting: each is
   * built once between changes, not once per person.
   */
  private stepOne: { changes: number; message: Uint8Array } | null = null
  private lastReply: { changes: number; stateVector: Uint8Array; message: Uint8Array } | null = null
  private allStored: { version: number; message: Uint8Array } | null = null
  /** While the document is rebuilt after a refused update, frames wait here in order. */
  private rebuilding: { frames: { connection: Connection; frame: Uint8Array }[] } | null = null
  private captured: Change[] | null = null
  /**
   * Connections not yet answered with the plan's state (their sync step 1 has not come): changes are not
   * relayed to them, since the reply will hold them. Sent before it, a change would sit pending in the
   * newcomer's document (Yjs lacks what it builds on) and be merged again with every later one: a person
   * opening a busy plan took seconds over it.
   */
  private readonly awaitingSync = new Set<Connection>()
  private retryTimer: NodeJS.Timeout | null = null
  /**
   * Changes being stored, in groups that share one promise from the store (see `persist`), oldest first.
   * An array, not a Set: it is long-lived and changes with every flush, and a Set's table reallocated on
   * its adds and deletes was promoted to the old generation, only to die there.
   */
  private readonly storing: StoringGroup[] = []
  private readonly awarenessOwners = new Map<number, Connection>()
  /**
   * Senders owed a `stored` message (see `acknowledgeLater`; each connection's `ackDue` says which), the
   * first `acksDueCount` entries. Reused, for the reason `storing` is an array.
   */
  private readonly acksDue: (Connection | null)[] = []
  private acksDueCount = 0
  private ackTimer: NodeJS.Timeout | null = null
  private acksQueued = false
  private idleTimer: NodeJS.Timeout | null = null
  unloading: Promise<void> | null = null
  /**
   * A large plan loads in the background (see `warm`): meanwhile this holds what is stored, and newcomers
   * are answered with it as it is; null once the document holds everything.
   */
  private warming: Uint8Array[] | null = null
  /** Resolves once the document holds everything stored. */
  ready: Promise<void> = Promise.resolve()
  /** About how many bytes the plan's stored history holds (what was loaded, and appended since). */
  storedBytes = 0
  /** The stored plan could not be loaded: this room serves, accepts and compacts nothing. */
  broken = false

  constructor(
    readonly planId: string,
    public doc: Y.Doc,
    private readonly store: DocumentStore,
    private readonly limits: CollabLimits,
    private readonly log: Logger,
    private readonly checker: UpdateChecker,
    private readonly events: {
      /** Nobody has been in the plan for the idle time: it may be unloaded. */
      idle: (room: Room) => void
      /** A person's change was stored. */
      stored?: (userId: string) => void
      /** A change the server made itself (a restore) was stored. */
      storedFromServer?: () => void
      /** The stored plan could not be loaded (in the background); the room must be dropped. */
      failed?: (room: Room) => void
    },
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server is not a participant: it publishes no presence of its own.
    this.awareness.setLocalState(null)
    // Everything loaded is stored: each client's state in the document.
    doc.store.clients.forEach((_structs, client) => this.durable.set(client, Y.getState(doc.store, client)))
    doc.on('update', this.captureUpdate)
    this.awareness.on('update', this.relayAwareness)
  }

  get storageFailed(): boolean {
    return this.held.length > 0 || this.heldIncoming.length > 0
  }

  join(connection: Connection): void {
    if (this.broken) {
      connection.close(CloseCode.storageFailed)
      return
    }
    this.cancelIdle()
    this.connections.add(connection)
    this.awaitingSync.add(connection)
    const colour = this.takeColour(connection.access.userId)
    connection.presence = presenceOf(connection.access.userId, connection.access.userName, colour)
    connection.send(presenceMessage(colour, { role: connection.access.role, editorUntil: connection.access.editorUntil ?? null }))
    // (While loading, the server's own step 1 waits: asked now, the client would send back everything.)
    // What is stored comes with it: a client that lost its connection before its last confirmation arrived
    // learns at once that those changes are safe (they are not "waiting", nor "not saved" if refused now).
    if (!this.warming) {
      connection.send(this.syncStep1())
      this.sendAllStored(connection)
    }
    const states = [...this.awareness.getStates().keys()]
    if (states.length > 0) connection.send(awarenessMessage(this.awareness, states))
    if (this.storageFailed && !connection.readOnly) connection.send(noticeMessage(storageFailedNotice))
    this.resume(connection)
  }

  /**
   * Closes a connection whose access ended (its person removed, or the plan deleted). At once nothing more
   * reaches it (no one else's changes or presence) and nothing it sends is taken; once the changes it sent
   * before are stored, it is told what is stored, all of it, and closed. Its page then knows exactly which of
   * its changes were not saved (told only by the usual confirmation, it would never hear of the last ones).
   */
  async release(connection: Connection, closeCode: { code: number; reason: string }): Promise<void> {
    connection.leaving = true
    await this.settled().catch(() => undefined)
    connection.closeWith(this.connections.has(connection) ? this.storedFor(connection, true) : null, closeCode)
  }

  /**
   * A writer made a reader while connected: once the changes it sent before are stored, it is told what is
   * stored at once rather than after the usual wait (`storedAckDelayMs`). Nothing of its will be stored after
   * that, so its page then knows exactly which of its changes were not saved.
   */
  async confirmStored(connection: Connection): Promise<void> {
    await this.settled().catch(() => undefined)
    if (!this.connections.has(connection) || connection.closed) return
    // (Told everything now: a confirmation it was due meanwhile would say nothing new.)
    connection.ackDue = AckDue.none
    connection.send(this.storedFor(connection, true))
  }

  /**
   * The colour a person has in this plan: the one they already have here (another tab), else one nobody
   * present has. Colours go back when a person's last connection leaves.
   */
  private takeColour(userId: string): string {
    const held = this.colours.get(userId)
    if (held) {
      held.connections++
      return held.colour
    }
    const taken = new Set<string>()
    for (const entry of this.colours.values()) taken.add(entry.colour)
    const colour = colourAmong(userId, taken)
    this.colours.set(userId, { colour, connections: 1 })
    return colour
  }

  private releaseColour(userId: string): void {
    const held = this.colours.get(userId)
    if (held && --held.connections === 0) this.colours.delete(userId)
  }

  /** Handles, in order, the frames a connection sent while it was paused. */
  private resume(connection: Connection): void {
    for (const frame of connection.resume()) {
      if (connection.closed) break
      // A frame may pause the connection again (a large change): the rest wait behind it.
      if (connection.queued) {
        if (!connection.hold(frame)) this.refuse(connection, CloseCode.tooManyMessages, 'too much queued')
      } else {
        this.receive(connection, frame)
      }
    }
  }

  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return
    this.releaseColour(connection.access.userId)
    connection.ackDue = AckDue.none
    this.awaitingSync.delete(connection)
    const owned = [...connection.ownedClientIds].filter((id) => this.awarenessOwners.get(id) === connection)
    for (const id of owned) this.awarenessOwners.delete(id)
    if (owned.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, owned, connection)
    if (this.connections.size === 0) this.scheduleIdle()
  }

  /**
   * Loads a large plan's stored updates into the (empty) document in parts, one per turn of the event
   * loop, the largest cut off the loop by the checker's thread. Until it is done, a newcomer's sync step 1
   * is answered with the stored updates as they are, so opening a large plan costs a file read, not a full
   * Yjs load; everything else a connection sends waits, in order, and is handled once the plan is loaded.
   */
  warm(stored: Uint8Array[]): void {
    this.warming = stored
    this.ready = (async () => {
      try {
        let slice = performance.now()
        for (const update of stored) {
          let parts = [update]
          if (update.length > this.limits.offThreadUpdateBytes) {
            const split = await this.checker.split(update)
            if (!split.ok) throw new Error(split.reason)
            parts = split.parts
          }
          for (const part of parts) {
            if (this.doc.isDestroyed) return
            Y.applyUpdate(this.doc, part, SERVER_ORIGIN)
            if (performance.now() - slice > 10) {
              await new Promise((resolve) => setImmediate(resolve))
              slice = performance.now()
            }
          }
        }
      } catch (error) {
        // Never half a plan: load it the plain way (holding the event loop once) rather than serve less.
        this.log.warn('plan could not be loaded in parts; loading it whole', { planId: this.planId, error: (error as Error).message })
        try {
          this.replaceDocument(docFromUpdates(stored))
        } catch (loadError) {
          // Nothing may be served, accepted or compacted over what is stored: the plan is dropped, and its
          // people are told to try again (a later load starts afresh).
          this.log.error('plan could not be loaded', { planId: this.planId, error: (loadError as Error).message })
          this.broken = true
          this.warming = null
          this.closeAll(CloseCode.storageFailed)
          this.events.failed?.(this)
          return
        }
      }
      if (this.doc.isDestroyed) return
      for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc))) this.durable.set(client, clock)
      this.storedVersion++
      this.warming = null
      for (const connection of [...this.connections]) {
        if (connection.closed) continue
        connection.send(this.syncStep1())
        this.sendAllStored(connection)
        this.resume(connection)
      }
    })()
  }

  /** While loading: a sync step 1 alone in its frame is answered from storage; anything else waits. */
  private receiveWhileWarming(connection: Connection, frame: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(frame)
      if (decoding.readVarUint(decoder) === MessageType.sync && decoding.readVarUint(decoder) === SYNC_STEP1) {
        decoding.readVarUint8Array(decoder)
        if (!decoding.hasContent(decoder) && connection.spend()) {
          // Everything stored, whatever the client holds: Yjs ignores what it already has.
          const [first, ...rest] = this.warming!
          connection.send(syncStep2Of(first ?? new Uint8Array([0, 0])))
          for (const update of rest) connection.send(syncUpdate(update))
          // Nothing is relayed while loading; once loaded, every change goes to this connection too.
          this.awaitingSync.delete(connection)
          return
        }
      }
    } catch {
      // Not readable as a step 1: it is checked properly once the plan has loaded.
    }
    connection.pause()
    if (!connection.hold(frame)) this.refuse(connection, CloseCode.tooManyMessages, 'too much queued while loading')
  }

  /** Handles one frame from a connection. Every message in it is decoded with the decoder that reads it. */
  receive(connection: Connection, frame: Uint8Array): void {
    if (connection.closed || connection.leaving) return
    if (this.warming && !connection.queued) {
      this.receiveWhileWarming(connection, frame)
      return
    }
    if (connection.queued) {
      // An earlier change from this connection is still being checked: this one waits its turn.
      if (!connection.hold(frame)) this.refuse(connection, CloseCode.tooManyMessages, 'too much queued')
      return
    }
    if (this.rebuilding) {
      this.rebuilding.frames.push({ connection, frame })
      return
    }
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
        // (Read again: handling the message may have paused the connection.)
        const waiting = connection.queued as Uint8Array[] | null
        if (waiting && decoding.hasContent(decoder)) {
          // A large change in this frame is being checked: what follows it in the frame waits too.
          waiting.unshift(frame.subarray(decoder.pos))
          return
        }
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
      this.replyToSync(connection, decoding.readVarUint8Array(decoder))
      return
    }
    if (kind !== SYNC_STEP2 && kind !== SYNC_UPDATE) throw new FrameError(CloseCode.badFrame, `unknown sync message ${kind}`)
    const update = decoding.readVarUint8Array(decoder)
    if (update.length === 2 && update[0] === 0 && update[1] === 0) {
      // An empty update, which is what every page with nothing to add answers the server's sync step 1 with:
      // nothing for Yjs to apply. As for any update that brings nothing new, a writer learns what is stored,
      // unless it was told all of it since the last change was stored (on joining, just before: the usual
      // case). Nothing of this page's is waiting to be confirmed: a page that deleted anything would have
      // sent its deletions, and an update that holds them is not empty.
      if (!connection.readOnly && !this.storageFailed && this.storing.length === 0 && connection.toldStored !== this.storedVersion) {
        this.acknowledgeLater(connection, true)
      }
      return
    }
    const large = update.length > this.limits.offThreadUpdateBytes
    if (connection.readOnly) {
      // A large update from a reader is refused unread: it cannot be anything but a write.
      if (large) return this.refuseWrite(connection)
      const verdict = checkUpdate(update, this.limits.maxFrameBytes)
      if (!verdict.ok) throw new FrameError(CloseCode.invalidUpdate, verdict.reason)
      if (hasNewContent(this.doc, update)) this.refuseWrite(connection)
      return
    }
    if (large) {
      this.acceptLarge(connection, update)
      return
    }
    const verdict = checkUpdate(update, this.limits.maxFrameBytes)
    if (!verdict.ok) throw new FrameError(CloseCode.invalidUpdate, verdict.reason)
    void this.accept(update, connection)
  }

  private refuseWrite(connection: Connection): void {
    this.log.warn('write refused from read-only connection', { planId: this.planId, userId: connection.access.userId, role: connection.access.role })
    connection.send(noticeMessage({ kind: 'write-refused', message: 'Your change was not saved: you can read this plan but not edit it.' }))
  }

  /**
   * A large update is checked and cut into parts off the event loop, then applied one part per turn of the
   * loop. The connection's later frames wait meanwhile, so its changes still apply in the order sent; other
   * people's changes go on between the parts.
   */
  private acceptLarge(connection: Connection, update: Uint8Array): void {
    connection.pause()
    void this.checker.check(update).then(async (result) => {
      if (connection.closed) return
      if (!result.ok) {
        if (result.busy) this.refuse(connection, CloseCode.serverBusy, result.reason)
        else this.refuse(connection, CloseCode.invalidUpdate, result.reason)
        return
      }
      for (const [index, part] of result.parts.entries()) {
        if (index > 0) await new Promise((resolve) => setImmediate(resolve))
        if (connection.closed || this.doc.isDestroyed) return
        if (connection.readOnly) {
          this.refuseWrite(connection)
          break
        }
        if (this.rebuilding) {
          // Another change made the plan reload from storage; the client sends what is unsaved again.
          this.refuse(connection, CloseCode.serverBusy, 'plan reloading during a large change')
          return
        }
        void this.accept(part, connection)
      }
      this.resume(connection)
    })
  }

  /**
   * Answers a sync step 1 with everything the client lacks: all that is applied, stored or not, as the
   * editors in the plan have it (see the top of this file for why that loses nothing); a reader's answer
   * goes once what it holds is stored.
   */
  private replyToSync(connection: Connection, stateVector: Uint8Array): void {
    try {
      Y.decodeStateVector(stateVector)
    } catch (error) {
      throw new FrameError(CloseCode.badFrame, `unreadable state vector (${(error as Error).message})`)
    }
    this.awaitingSync.delete(connection)
    if (!connection.readOnly) {
      connection.send(this.syncStep2(stateVector))
      return
    }
    // A reader is sent nothing that is not stored yet (see `relay`): its reply, which holds what is
    // being stored, waits until that is.
    const reply = this.held.length > 0 ? null : this.syncStep2(stateVector)
    const storing = this.storing.at(-1)
    const answer = (): void => {
      if (!this.connections.has(connection)) return
      if (reply && this.held.length === 0) connection.send(reply)
      else this.replyFromStorage(connection, stateVector.slice())
    }
    if (storing) void storing.settled.then(answer)
    else answer()
  }

  /**
   * While storing fails, the document holds changes that are not stored (`held`): a reader who asks then is
   * answered from what is stored, and is sent the held changes once they are, as the readers they were
   * kept from are. If what is stored cannot be read either, the reader is told to try again later.
   */
  private replyFromStorage(connection: Connection, stateVector: Uint8Array): void {
    for (const { change } of this.held) (change.readers ??= { message: syncUpdate(change.update), connections: [] }).connections.push(connection)
    this.store.load(this.planId).then(({ updates }) => {
      if (!this.connections.has(connection)) return
      const stored = docFromUpdates(updates)
      connection.send(syncStep2(stored, stateVector))
      stored.destroy()
    }, (error: Error) => {
      this.log.warn('a reader could not be answered from storage', { planId: this.planId, error: error.message })
      connection.close(CloseCode.storageFailed)
    })
  }

  /** Applies a change made by the server itself (a restore), through the same durable path. */
  async applyServerUpdate(update: Uint8Array): Promise<void> {
    await this.ready
    if (this.broken) throw new Error('The plan could not be loaded.')
    return this.accept(update, SERVER_ORIGIN)
  }

  /** Applies an incoming update and stores what Yjs integrated; resolves once that is stored (or held). */
  private accept(update: Uint8Array, origin: Origin): Promise<void> {
    if (this.storageFailed) {
      this.heldIncoming.push({ update, origin })
      return Promise.resolve()
    }
    const captured: Change[] = []
    this.captured = captured
    try {
      Y.applyUpdate(this.doc, update, origin)
    } catch (error) {
      this.captured = null
      this.rebuildAfterRefusal(origin, error as Error)
      // Only the server's own changes have a caller to tell; a connection is closed instead.
      return origin === SERVER_ORIGIN ? Promise.reject(new Error('The update could not be applied.')) : Promise.resolve()
    }
    this.captured = null
    if (captured.length === 0) {
      // Nothing new (a repeat, or waiting for an earlier change): tell the sender everything stored, since
      // what it sent may have been written from any of its client ids, on an earlier visit too.
      if (origin !== SERVER_ORIGIN && this.storing.length === 0) this.acknowledgeLater(origin, true)
      return Promise.resolve()
    }
    for (const change of captured) this.relay(change, origin)
    if (captured.length === 1) return this.persist(captured[0], origin)
    return Promise.all(captured.map((integrated) => this.persist(integrated, origin))).then(() => undefined)
  }

  private readonly captureUpdate = (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
    this.changes++
    if (!this.captured) return
    // The transaction already knows which clocks moved: no need to decode the update again later.
    // (`forEach`, not `for…of`: that makes an entry array per client, for every keystroke.)
    let reached: number[] | null = null
    const before = transaction.beforeState
    transaction.afterState.forEach((clock, client) => {
      if (clock === before.get(client)) return
      if (reached) reached.push(client, clock)
      else reached = [client, clock]
    })
    this.captured.push({ update, reached: reached ?? [], readers: null })
  }

  /**
   * Stores a change; once stored its writer will be told, and if storing fails it is held. The store may
   * answer several appends with one promise (the journal does for the appends of one flush): changes that
   * share it are settled together, in order, by one callback, rather than each keystroke making its own.
   */
  private persist(change: Change, origin: Origin): Promise<void> {
    const stored = this.store.append(this.planId, change.update)
    const group = this.storing.length > 0 ? this.storing[this.storing.length - 1] : null
    if (group && group.stored === stored) {
      group.changes.push(change)
      group.origins.push(origin)
      return group.settled
    }
    const fresh: StoringGroup = { stored, changes: [change], origins: [origin], settled: Promise.resolve() }
    fresh.settled = stored.then(() => this.settle(fresh, null), (error: Error) => this.settle(fresh, error))
    this.storing.push(fresh)
    return fresh.settled
  }

  private settle(group: StoringGroup, error: Error | null): void {
    // (A store settles one plan's appends in the order they were made: this is nearly always the first.)
    const at = this.storing.indexOf(group)
    if (at === 0) this.storing.shift()
    else if (at > 0) this.storing.splice(at, 1)
    for (let i = 0; i < group.changes.length; i++) {
      try {
        if (error) this.holdAfterFailure(group.changes[i], group.origins[i], error)
        else this.confirm(group.changes[i], group.origins[i])
      } catch (unexpected) {
        this.log.error('storing a change failed unexpectedly', { planId: this.planId, error: (unexpected as Error).message })
      }
    }
    try {
      this.compactIfDue()
    } catch (unexpected) {
      this.log.error('after storing a change', { planId: this.planId, error: (unexpected as Error).message })
    }
  }

  /**
   * Sends a change to the other editors in the plan as soon as it is applied, while it is being stored: its
   * sender learns it is stored only once it is, and readers get it then (see `confirm`). Anyone owed a
   * `stored` message who receives this change gets it now too: written in the same turn of the event loop,
   * both go out in one socket write (see the collaboration door), as do changes relayed in the same turn.
   */
  private relay(change: Change, origin: Origin): void {
    if (this.connections.size === 0) return
    const message = syncUpdate(change.update)
    let acknowledged: Connection[] | null = null
    const owed = this.acksDueCount > 0
    for (const connection of this.connections) {
      // A newcomer not yet answered gets this in its sync reply (see `awaitingSync`).
      if (connection === origin || this.awaitingSync.has(connection)) continue
      if (connection.readOnly) {
        // A reader's page cannot send it back after a crash, as an editor's can: it waits until it is stored.
        ;(change.readers ??= { message, connections: [] }).connections.push(connection)
        continue
      }
      connection.send(message)
      if (owed && connection.ackDue !== AckDue.none) (acknowledged ??= []).push(connection)
    }
    if (acknowledged) {
      for (const connection of acknowledged) {
        const whole = connection.ackDue === AckDue.whole
        connection.ackDue = AckDue.none
        connection.send(this.storedFor(connection, whole))
      }
    }
  }

  /** A change is stored: the readers it was kept from get it now, and its sender will be told. */
  private confirm(change: Change, origin: Origin): void {
    const { update, reached, readers } = change
    if (readers) {
      change.readers = null
      for (const reader of readers.connections) if (this.connections.has(reader)) reader.send(readers.message)
    }
    this.storedBytes += update.length
    for (let i = 0; i < reached.length; i += 2) {
      if (reached[i + 1] > (this.durable.get(reached[i]) ?? 0)) {
        this.durable.set(reached[i], reached[i + 1])
        this.storedVersion++
      }
    }
    if (origin !== SERVER_ORIGIN) {
      const wroteAs = (origin.wroteAs ??= new Set())
      for (let i = 0; i < reached.length; i += 2) wroteAs.add(reached[i])
      this.acknowledgeLater(origin)
      this.events.stored?.(origin.access.userId)
    } else {
      this.events.storedFromServer?.()
    }
  }

  /**
   * Tells a sender what is stored: with the next change relayed to them, or after `storedAckDelayMs`,
   * whichever comes first. Typing sends a change per keystroke; one confirmation covers all of them. With
   * no delay it goes at the end of this turn of the event loop: the changes stored by one journal flush are
   * settled together, so a sender of several of them is told once.
   */
  private acknowledgeLater(connection: Connection, whole = false): void {
    if (connection.ackDue === AckDue.none) this.acksDue[this.acksDueCount++] = connection
    if (whole) connection.ackDue = AckDue.whole
    else if (connection.ackDue === AckDue.none) connection.ackDue = AckDue.writer
    if (this.limits.storedAckDelayMs === 0) {
      if (!this.acksQueued) {
        this.acksQueued = true
        // (After the settling of the other changes of this flush, which are already queued; the socket
        // writes of this turn are uncorked after that, so confirmations leave with the relayed changes.)
        queueMicrotask(this.sendDueAcks)
      }
      return
    }
    if (!this.ackTimer) {
      this.ackTimer = setTimeout(this.sendDueAcks, this.limits.storedAckDelayMs)
      this.ackTimer.unref()
    }
  }

  private readonly sendDueAcks = (): void => {
    this.ackTimer = null
    this.acksQueued = false
    const count = this.acksDueCount
    this.acksDueCount = 0
    for (let i = 0; i < count; i++) {
      const connection = this.acksDue[i]!
      this.acksDue[i] = null
      // (Already told with a change relayed to them, or gone: nothing owed any more.)
      if (connection.ackDue === AckDue.none) continue
      const whole = connection.ackDue === AckDue.whole
      connection.ackDue = AckDue.none
      connection.send(this.storedFor(connection, whole))
    }
  }

  /**
   * A writer's confirmation: what is stored of the Yjs client ids its changes came from. Clients merge
   * these into what they know, and a plan collects a client id per editing session (hundreds in a year),
   * so the whole vector goes only where it is needed: on joining, and for a change that was nothing new.
   */
  private storedFor(connection: Connection, whole: boolean): Uint8Array {
    if (!whole) {
      // (Each id in `wroteAs` was recorded once one of its changes was stored, so each has a clock.)
      return storedMessage(this.durable, connection.wroteAs)
    }
    connection.toldStored = this.storedVersion
    if (this.allStored?.version !== this.storedVersion) this.allStored = { version: this.storedVersion, message: storedMessage(this.durable) }
    return this.allStored.message
  }

  private syncStep1(): Uint8Array {
    if (this.stepOne?.changes !== this.changes) {
      this.stepOne = { changes: this.changes, message: syncStep1(this.doc) }
    }
    return this.stepOne.message
  }

  /** The answer to a sync step 1: everything the document holds that `stateVector` lacks. */
  private syncStep2(stateVector: Uint8Array): Uint8Array {
    // Not while Yjs holds changes that wait for others: those are in the answer too, and no counted change
    // marks their arrival.
    const { pendingStructs, pendingDs } = this.doc.store
    const settled = !pendingStructs && !pendingDs
    const last = this.lastReply
    if (settled && last && last.changes === this.changes && sameBytes(last.stateVector, stateVector)) return last.message
    const message = syncStep2(this.doc, stateVector)
    // (The state vector is copied: it is part of the frame it came in.)
    this.lastReply = settled ? { changes: this.changes, stateVector: stateVector.slice(), message } : null
    return message
  }

  private sendAllStored(connection: Connection): void {
    connection.send(this.storedFor(connection, true))
  }

  /**
   * Puts another document in the plan's place (a load finished the plain way, a rebuild). The old one is
   * dropped, not destroyed: the awareness instance still refers to it. Counted as a change, so that no
   * newcomer message kept from the old one is sent again.
   */
  private replaceDocument(fresh: Y.Doc): void {
    this.doc.off('update', this.captureUpdate)
    this.doc = fresh
    this.changes++
    fresh.on('update', this.captureUpdate)
  }

  /**
   * Yjs threw part-way through an update (one that decoded but does not fit the document): the document
   * may hold part of it, so it is rebuilt from what is stored, which never held any of it. Frames that
   * arrive meanwhile wait and are then handled in order.
   */
  private rebuildAfterRefusal(origin: Origin, error: Error): void {
    this.log.warn('update refused: Yjs could not apply it; rebuilding the plan from storage', { planId: this.planId, error: error.message })
    if (origin !== SERVER_ORIGIN) origin.close(CloseCode.invalidUpdate)
    if (this.rebuilding) return
    const rebuilding: { frames: { connection: Connection; frame: Uint8Array }[] } = { frames: [] }
    this.rebuilding = rebuilding
    void (async () => {
      try {
        await this.settled()
        const { updates } = await this.store.load(this.planId)
        const fresh = docFromUpdates(updates)
        for (const { change } of this.held) Y.applyUpdate(fresh, change.update, SERVER_ORIGIN)
        this.replaceDocument(fresh)
      } catch (rebuildError) {
        this.log.error('plan could not be rebuilt; closing it', { planId: this.planId, error: (rebuildError as Error).message })
        this.closeAll(CloseCode.storageFailed)
      } finally {
        this.rebuilding = null
        for (const { connection, frame } of rebuilding.frames) this.receive(connection, frame)
      }
    })()
  }

  private holdAfterFailure(change: Change, origin: Origin, error: Error): void {
    const first = !this.storageFailed
    this.held.push({ change, origin })
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
      // Everything held is appended at once, in order, to share one flush: appended one after another,
      // each would wait for the journal's next commit interval.
      const batch = this.held.slice()
      try {
        await Promise.all(batch.map(({ change }) => this.store.append(this.planId, change.update)))
      } catch {
        // What was stored of it is appended again next time, which Yjs reads as nothing new.
        this.scheduleRetry()
        return
      }
      this.held.splice(0, batch.length)
      for (const { change, origin } of batch) this.confirm(change, origin)
    }
    this.log.info('plan saving again', { planId: this.planId })
    this.broadcastToEditors(noticeMessage({ kind: 'storage-recovered', message: 'Saving again: every change is stored.' }))
    const incoming = this.heldIncoming
    this.heldIncoming = []
    for (const { update, origin } of incoming) {
      if (origin === SERVER_ORIGIN || !origin.closed) void this.accept(update, origin).catch(() => undefined)
    }
    if (this.connections.size === 0) this.scheduleIdle()
  }

  private broadcastToEditors(message: Uint8Array): void {
    for (const connection of this.connections) if (!connection.readOnly) connection.send(message)
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
      if (!this.claim(connection, clientId, clock)) continue
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
  private claim(connection: Connection, clientId: number, clock: number): boolean {
    const owner = this.awarenessOwners.get(clientId)
    if (owner === connection) return true
    // y-websocket clients send back every awareness change they receive; an entry no newer than what is
    // known is such an echo, dropped quietly. It must not move an id between one person's tabs, nor, once
    // a person's connection has closed, give their id to whoever echoes its removal: their page, back
    // with a new connection, would then be refused as someone else.
    if (clock <= (this.awareness.meta.get(clientId)?.clock ?? -1)) return false
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
    // A plan that could not be loaded is dropped by the hub, never unloaded (which would compact it).
    if (this.broken || this.doc.isDestroyed) return
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null
      if (this.connections.size === 0 && !this.storageFailed) this.events.idle(this)
    }, this.limits.idleUnloadMs)
    this.idleTimer.unref()
  }

  private cancelIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
  }

  /** The compaction running, if any: unloading waits for it (stopping the server would cut it off). */
  private compaction: Promise<void> | null = null

  private compactIfDue(): void {
    if (this.broken || this.warming || this.compaction || this.storing.length > 0 || this.storageFailed || this.doc.isDestroyed) return
    if (this.store.appendedSinceCompaction(this.planId) < this.limits.compactAfterBytes) return
    void this.compact()
  }

  /**
   * Replaces the plan's stored history with one state. A large plan's state is merged from what is stored,
   * in the checker's thread, up to a mark the store keeps (changes stored meanwhile stay), so encoding
   * megabytes never holds the event loop; a small one is encoded here, which takes a few milliseconds.
   */
  compact(): Promise<void> {
    if (this.broken) return Promise.resolve()
    this.compaction ??= this.compactNow().finally(() => {
      this.compaction = null
    })
    return this.compaction
  }

  private async compactNow(): Promise<void> {
    try {
      if (isLargePlan(this.storedBytes, this.limits)) {
        const { updates, mark } = await this.store.loadMarked(this.planId)
        const merged = await this.checker.merge(updates)
        if (!merged.ok) throw new Error(merged.reason)
        await this.store.compact(this.planId, merged.parts[0], mark)
        this.storedBytes = merged.parts[0].length + this.store.appendedSinceCompaction(this.planId)
      } else {
        const state = Y.encodeStateAsUpdate(this.doc)
        await this.store.compact(this.planId, state)
        this.storedBytes = state.length
      }
    } catch (error) {
      this.log.error('compaction failed; the log is kept as it is', { planId: this.planId, error: (error as Error).message })
    }
  }

  /** Waits for changes being stored, compacts, and releases the document. */
  async unload(): Promise<void> {
    this.cancelIdle()
    await this.ready
    while (this.storing.length > 0) await Promise.allSettled(this.storing.map((group) => group.settled))
    // A compaction started by the last changes stored finishes first (it may need the checker's thread,
    // which a stopping server closes next); then whatever it did not cover is compacted too.
    if (this.compaction) await this.compaction
    if (!this.storageFailed && this.store.appendedSinceCompaction(this.planId) > 0) await this.compact()
    this.destroy()
  }

  destroy(): void {
    this.cancelIdle()
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.awareness.destroy()
    if (this.ackTimer) clearTimeout(this.ackTimer)
    this.ackTimer = null
    for (let i = 0; i < this.acksDueCount; i++) this.acksDue[i]!.ackDue = AckDue.none
    this.acksDue.length = 0
    this.acksDueCount = 0
    this.awaitingSync.clear()
    this.doc.off('update', this.captureUpdate)
    this.doc.destroy()
  }

  closeAll(closeCode: { code: number; reason: string }): void {
    for (const connection of [...this.connections]) connection.close(closeCode)
  }

  /** Everything applied is stored; used by shutdown and tests. */
  async settled(): Promise<void> {
    await this.ready
    while (this.storing.length > 0) await Promise.allSettled(this.storing.map((group) => group.settled))
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

const storageFailedNotice = {
  kind: 'storage-failed' as const,
  message: 'Uplift cannot save this plan at the moment. Your changes are kept and will be saved when it can; until then they are not shared.',
}
