/**
 * A thread that checks large incoming updates and cuts them into parts (updateGuard.splitUpdate), so that
 * neither decoding a crafted update nor applying a large one holds the server's event loop.
 */
import { parentPort } from 'node:worker_threads'
import { splitUpdate } from '../updateGuard.ts'

export type ToChecker = { id: number; update: Uint8Array; maxBytes: number; maxStructs: number }
export type FromChecker = { ready: true } | ({ id: number } & ({ ok: true; parts: Uint8Array[] } | { ok: false; reason: string }))

const port = parentPort!
port.on('message', ({ id, update, maxBytes, maxStructs }: ToChecker) => {
  const result = splitUpdate(update, maxBytes, maxStructs)
  const reply: FromChecker = { id, ...result }
  port.postMessage(reply, result.ok ? result.parts.map((part) => part.buffer as ArrayBuffer).filter(unique) : [])
})

// Loaded and listening: from now on the time budget counts.
port.postMessage({ ready: true } satisfies FromChecker)

function unique(buffer: ArrayBuffer, index: number, all: ArrayBuffer[]): boolean {
  return all.indexOf(buffer) === index
}
