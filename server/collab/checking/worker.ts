/**
 * A thread that checks large incoming updates and cuts them into parts (updateGuard.splitUpdate), so that
 * neither decoding a crafted update nor applying a large one holds the server's event loop; and that merges
 * a plan's stored updates into one compacted state, so that encoding a large plan does not hold it either.
 */
import { parentPort } from 'node:worker_threads'
import * as Y from 'yjs'
import { serverDoc } from '../serverDoc.ts'
import { splitUpdate } from '../updateGuard.ts'

export type ToChecker =
  | { kind: 'split'; id: number; update: Uint8Array; maxBytes: number; maxStructs: number }
  | { kind: 'merge'; id: number; updates: Uint8Array[] }
export type FromChecker = { ready: true } | ({ id: number } & ({ ok: true; parts: Uint8Array[] } | { ok: false; reason: string }))

const port = parentPort!
port.on('message', (message: ToChecker) => {
  const result = message.kind === 'split' ? splitUpdate(message.update, message.maxBytes, message.maxStructs) : merge(message.updates)
  const reply: FromChecker = { id: message.id, ...result }
  port.postMessage(reply, result.ok ? result.parts.map((part) => part.buffer as ArrayBuffer).filter(unique) : [])
})

/** The state a document made of these updates has, as Room.compact would encode it (with garbage collected). */
function merge(updates: Uint8Array[]): { ok: true; parts: Uint8Array[] } | { ok: false; reason: string } {
  try {
    const doc = serverDoc()
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update)
    })
    const state = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    return { ok: true, parts: [state] }
  } catch (error) {
    return { ok: false, reason: `the stored updates could not be merged (${(error as Error).message})` }
  }
}

// Loaded and listening: from now on the time budget counts.
port.postMessage({ ready: true } satisfies FromChecker)

function unique(buffer: ArrayBuffer, index: number, all: ArrayBuffer[]): boolean {
  return all.indexOf(buffer) === index
}
