/**
 * Applies the changes other people make to a plan in batches, not one by one.
 *
 * Every Yjs transaction on the plan becomes one ProseMirror update in the editor: in a long plan that is
 * tens of milliseconds of the page's main thread (the changed block is rebuilt, the page is laid out again
 * to keep this person's caret in view, then restyled and repainted). y-websocket applies each relayed
 * change in its own transaction as it arrives, so with several people typing, a page that only watches
 * spends a large part of its time redrawing. Here relayed changes (sync "update" messages) and caret and
 * presence messages (awareness) wait in a queue for a short window and are applied together: all the
 * changes in one transaction, then the awareness, so a caret never points at text not yet in the editor.
 *
 * - A change arriving after a quiet window is applied at once (a lone keystroke shows with no delay); only
 *   what follows within the window waits, until the window ends.
 * - Every other message (sync steps 1 and 2, Uplift's `stored`, `notice` and `presence`, auth, awareness
 *   queries) first applies the queue, so messages still take effect in the order they arrived: a `stored`
 *   message never describes changes this page has not applied yet, and the server's sync step 2 still
 *   marks the provider synced exactly as before.
 * - The queue is applied when the connection closes (the changes were received; applying them before
 *   y-websocket clears the others' carets keeps those cleared) and when the batching is destroyed.
 * - Changes are applied with the provider as transaction origin, as y-websocket does: they are not sent back,
 *   the undo manager does not track them, and the session counts them as the server's, exactly as before.
 *
 * Call `batchRemoteChanges` once every message handler of the provider is in place: it wraps the handlers
 * it finds.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType } from '../../shared/protocol.ts'

/**
 * How long changes that follow an applied batch wait, at most. Measured with five people typing five keys a
 * second each, at random intervals and each key moving their caret, in a 240-block plan (.scratch/crowd.mts
 * with JITTER=1 AWARE=1): the watching page's main thread was busy about 545 ms a second with no batching,
 * 385 with a 25 ms window, 375 with 50 ms and 235 with 100 ms. Longer windows save more but show others'
 * typing later and in bigger, fewer steps; 50 ms still shows it up to twenty times a second, which reads as
 * smooth typing, and the delay it adds is far below what a watcher can notice.
 */
export const REMOTE_BATCH_WINDOW_MS = 50

export interface RemoteBatchOptions {
  /** How long changes after an applied batch wait before the next batch (default REMOTE_BATCH_WINDOW_MS). */
  windowMs?: number
}

export interface RemoteBatch {
  /** Applies everything queued, now. */
  flush(): void
  /** Applies what is queued and stops batching: call it before destroying the provider and the doc. */
  destroy(): void
}

type MessageHandler = WebsocketProvider['messageHandlers'][number]

export function batchRemoteChanges(provider: WebsocketProvider, options: RemoteBatchOptions = {}): RemoteBatch {
  const windowMs = options.windowMs ?? REMOTE_BATCH_WINDOW_MS
  const doc = provider.doc
  let updates: Uint8Array[] = []
  let awareness: Uint8Array[] = []
  // When the last batch finished applying (performance.now()): the window is counted from there.
  let lastApplied = -Infinity
  let timer: ReturnType<typeof setTimeout> | null = null
  let stopped = false

  const flush = (): void => {
    if (timer !== null) {
      clearTimeout(timer)
      timer = null
    }
    if (updates.length === 0 && awareness.length === 0) return
    // Taken off the queue first: applying may close the connection (a listener reacting to a change), which
    // flushes again, and must then find nothing left to apply twice.
    const queuedUpdates = updates
    const queuedAwareness = awareness
    updates = []
    awareness = []
    if (doc.isDestroyed) return
    if (queuedUpdates.length > 0) applyUpdates(doc, queuedUpdates, provider)
    if (queuedAwareness.length > 0) {
      try {
        awarenessProtocol.applyAwarenessUpdate(provider.awareness, mergeAwarenessUpdates(queuedAwareness), provider)
      } catch (error) {
        // Caught, so that a failing caret listener cannot stop the message that asked for this flush.
        console.error('Caught error while applying awareness updates', error)
      }
    }
    lastApplied = performance.now()
  }

  const queued = (): void => {
    const wait = stopped ? 0 : lastApplied + windowMs - performance.now()
    if (wait <= 0) flush()
    // A timer, not requestAnimationFrame, which never fires in a background tab. (A timer may be held back
    // there, but the next message after the window applies the queue itself.)
    else timer ??= setTimeout(flush, wait)
  }

  const handlers = provider.messageHandlers
  const originals: MessageHandler[] = handlers.slice()
  // (forEach skips the array's holes: types with no handler stay unknown to y-websocket.)
  originals.forEach((handler, type) => {
    handlers[type] = (encoder, decoder, ...rest) => {
      if (type === MessageType.sync) {
        const start = decoder.pos
        if (decoding.readVarUint(decoder) === syncProtocol.messageYjsUpdate) {
          updates.push(decoding.readVarUint8Array(decoder))
          queued()
          return
        }
        // Sync step 1 or 2: handled by y-websocket as before, reading the message from its start.
        decoder.pos = start
      } else if (type === MessageType.awareness) {
        awareness.push(decoding.readVarUint8Array(decoder))
        queued()
        return
      }
      flush()
      handler(encoder, decoder, ...rest)
    }
  })
  provider.on('connection-close', flush)

  return {
    flush,
    destroy() {
      flush()
      stopped = true
      provider.off('connection-close', flush)
    },
  }
}

/** Applies relayed changes in one transaction, each caught on its own as y-protocols does for a single one. */
function applyUpdates(doc: Y.Doc, updates: Uint8Array[], origin: unknown): void {
  try {
    doc.transact(() => {
      for (const update of updates) {
        try {
          Y.applyUpdate(doc, update, origin)
        } catch (error) {
          console.error('Caught error while handling a Yjs update', error)
        }
      }
    }, origin)
  } catch (error) {
    // Thrown by an observer at the end of the transaction (the changes themselves are in the doc).
    console.error('Caught error while handling a Yjs update', error)
  }
}

/**
 * One awareness update with the same effect as applying the given ones in order (so one "change" event,
 * one redraw of carets): for each client id the entry with the highest clock, and at an equal clock a
 * removal, which is what y-protocols' applyAwarenessUpdate would keep.
 */
export function mergeAwarenessUpdates(updates: Uint8Array[]): Uint8Array {
  if (updates.length === 1) return updates[0]
  const latest = new Map<number, { clock: number; state: string }>()
  for (const update of updates) {
    const decoder = decoding.createDecoder(update)
    for (let count = decoding.readVarUint(decoder); count > 0; count--) {
      const client = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = decoding.readVarString(decoder)
      const kept = latest.get(client)
      if (!kept || clock > kept.clock || (clock === kept.clock && state === 'null')) latest.set(client, { clock, state })
    }
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, latest.size)
  for (const [client, { clock, state }] of latest) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, state)
  }
  return encoding.toUint8Array(encoder)
}
