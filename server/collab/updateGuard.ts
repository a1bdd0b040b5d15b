/**
 * Checks an incoming Yjs update before it is stored: a malformed update must never reach the log (where it
 * would break every later load) nor be half-applied to the live document.
 */
import * as Y from 'yjs'

const MAX_CLOCK = 2 ** 32

export type UpdateVerdict = { ok: true } | { ok: false; reason: string }

export function checkUpdate(update: Uint8Array, maxBytes: number): UpdateVerdict {
  if (update.length > maxBytes) return { ok: false, reason: 'update too large' }
  try {
    // Decoding reads every struct and the delete set with the same decoder applyUpdate uses, so a
    // truncated or garbled update fails here, before anything is stored or applied.
    const { structs, ds } = Y.decodeUpdate(update)
    // Clocks and lengths past 2^32 never occur in a real document; loops in Yjs run per clock unit over
    // some of them, so such an update could hold the event loop for minutes.
    for (const struct of structs) {
      if (struct.id.clock + struct.length > MAX_CLOCK) return { ok: false, reason: 'clock out of range' }
    }
    for (const ranges of ds.clients.values()) {
      for (const range of ranges) if (range.clock + range.len > MAX_CLOCK) return { ok: false, reason: 'delete range out of range' }
    }
    return { ok: true }
  } catch (error) {
    return { ok: false, reason: `undecodable update (${(error as Error).name})` }
  }
}

/**
 * Whether `update` holds anything `doc` does not have: new items, or deletions of items not yet deleted.
 * A read-only client's sync step 2 that carries nothing new is normal and not a refused write.
 */
export function hasNewContent(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true
  }
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      for (let clock = range.clock; clock < range.clock + range.len; clock++) {
        const known = clock < Y.getState(doc.store, client)
        if (!known) return true
        const item = Y.getItem(doc.store, Y.createID(client, clock))
        if (!item.deleted) return true
        clock = item.id.clock + item.length - 1
      }
    }
  }
  return false
}
