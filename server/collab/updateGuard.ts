/**
 * Checks an incoming Yjs update before it is applied: a malformed update must never reach the log (where it
 * would break every later load) nor be half-applied to the live document. Small updates are checked here, on
 * the event loop; large ones in a worker thread with a time budget (checking/), which also cuts them into
 * parts small enough to apply without holding the loop.
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'

const MAX_CLOCK = 2 ** 32

export type UpdateVerdict = { ok: true } | { ok: false; reason: string }

type Decoded = ReturnType<typeof Y.decodeUpdate>

/** Decodes an update, or says why it cannot be read or is out of bounds. */
function decodeChecked(update: Uint8Array, maxBytes: number): { ok: true; decoded: Decoded } | { ok: false; reason: string } {
  if (update.length > maxBytes) return { ok: false, reason: 'update too large' }
  let decoded: Decoded
  try {
    // Decoding reads every struct and the delete set with the same decoder applyUpdate uses, so a
    // truncated or garbled update fails here, before anything is applied. A value nested so deeply that
    // reading it overflows the stack fails here too (a RangeError), not inside the live document.
    decoded = Y.decodeUpdate(update)
  } catch (error) {
    return { ok: false, reason: `undecodable update (${(error as Error).name})` }
  }
  // Clocks and lengths past 2^32 never occur in a real document; loops in Yjs run per clock unit over
  // some of them, so such an update could hold the event loop for minutes.
  for (const struct of decoded.structs) {
    if (struct.id.clock + struct.length > MAX_CLOCK) return { ok: false, reason: 'clock out of range' }
  }
  for (const ranges of decoded.ds.clients.values()) {
    for (const range of ranges) if (range.clock + range.len > MAX_CLOCK) return { ok: false, reason: 'delete range out of range' }
  }
  return { ok: true, decoded }
}

export function checkUpdate(update: Uint8Array, maxBytes: number): UpdateVerdict {
  const checked = decodeChecked(update, maxBytes)
  return checked.ok ? { ok: true } : checked
}

/**
 * Checks an update and cuts it into updates of at most `maxStructs` structs each, in the original order,
 * the delete set travelling with the last. Applied one after another they have exactly the effect of the
 * whole (Yjs keeps anything whose dependencies come later pending until they arrive), but each holds the
 * event loop for a bounded time.
 */
export function splitUpdate(update: Uint8Array, maxBytes: number, maxStructs: number): { ok: true; parts: Uint8Array[] } | { ok: false; reason: string } {
  const checked = decodeChecked(update, maxBytes)
  if (!checked.ok) return checked
  const { structs, ds } = checked.decoded
  if (structs.length <= maxStructs) return { ok: true, parts: [update] }
  const parts: Uint8Array[] = []
  for (let start = 0; start < structs.length; start += maxStructs) {
    const last = start + maxStructs >= structs.length
    parts.push(encodeStructs(structs.slice(start, start + maxStructs), last ? ds : null))
  }
  return { ok: true, parts }
}

/** Writes structs (consecutive runs per client, as decoded) and optionally a delete set as a V1 update. */
function encodeStructs(structs: Decoded['structs'], ds: Decoded['ds'] | null): Uint8Array {
  const runs: Decoded['structs'][] = []
  for (const struct of structs) {
    const run = runs.at(-1)
    const previous = run?.at(-1)
    if (run && previous && previous.id.client === struct.id.client && previous.id.clock + previous.length === struct.id.clock) run.push(struct)
    else runs.push([struct])
  }
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, runs.length)
  for (const run of runs) {
    encoding.writeVarUint(encoder.restEncoder, run.length)
    encoder.writeClient(run[0].id.client)
    encoding.writeVarUint(encoder.restEncoder, run[0].id.clock)
    for (const struct of run) struct.write(encoder, 0)
  }
  const clients = ds ? [...ds.clients] : []
  encoding.writeVarUint(encoder.restEncoder, clients.length)
  for (const [client, ranges] of clients) {
    encoding.writeVarUint(encoder.restEncoder, client)
    encoding.writeVarUint(encoder.restEncoder, ranges.length)
    for (const range of ranges) {
      encoding.writeVarUint(encoder.restEncoder, range.clock)
      encoding.writeVarUint(encoder.restEncoder, range.len)
    }
  }
  return encoder.toUint8Array()
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
