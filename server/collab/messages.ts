// Encoders for the messages the server sends. Each is built once and sent to every recipient. The two sent
// for every change (the change relayed, and its sender's confirmation) are written straight into a buffer of
// their exact size: lib0's encoder starts every message with a 100-byte buffer and copies it out at the end,
// and at thousands of changes a second that garbage was a measurable part of the server's collection work.
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { MessageType, type Notice } from '../../shared/protocol.ts'

export function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

export function syncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  syncProtocol.writeSyncStep2(encoder, doc, stateVector)
  return encoding.toUint8Array(encoder)
}

/** A sync step 2 carrying a stored update as it is (a plan still loading answers newcomers from storage). */
export function syncStep2Of(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function syncUpdate(update: Uint8Array): Uint8Array {
  const head = varUintSize(MessageType.sync) + varUintSize(syncProtocol.messageYjsUpdate) + varUintSize(update.length)
  const message = new Uint8Array(head + update.length)
  let at = writeVarUintAt(message, 0, MessageType.sync)
  at = writeVarUintAt(message, at, syncProtocol.messageYjsUpdate)
  writeVarUintAt(message, at, update.length)
  message.set(update, head)
  return message
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}

/**
 * What the server has stored, as a state vector (client id → clock) in a `stored` message: the clocks of
 * `clients` only, or all of `clocks` when it is null. A client without a clock is given 0.
 */
export function storedMessage(clocks: ReadonlyMap<number, number>, clients: Iterable<number> | null = null): Uint8Array {
  const entries = clients ?? clocks.keys()
  let count = 0
  let vectorSize = 0
  for (const client of entries) {
    count++
    vectorSize += varUintSize(client) + varUintSize(clocks.get(client) ?? 0)
  }
  vectorSize += varUintSize(count)
  const message = new Uint8Array(varUintSize(MessageType.stored) + varUintSize(vectorSize) + vectorSize)
  let at = writeVarUintAt(message, 0, MessageType.stored)
  at = writeVarUintAt(message, at, vectorSize)
  at = writeVarUintAt(message, at, count)
  for (const client of clients ?? clocks.keys()) {
    at = writeVarUintAt(message, at, client)
    at = writeVarUintAt(message, at, clocks.get(client) ?? 0)
  }
  return message
}

export function noticeMessage(notice: Notice): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.notice)
  encoding.writeVarString(encoder, JSON.stringify(notice))
  return encoding.toUint8Array(encoder)
}

/**
 * Tells a person joining a plan the colour the others there see them in, and the access this connection has
 * (their role, and an editor's end date): a page opened before a change made while it was offline learns it.
 */
export function presenceMessage(colour: string, access: { role: string; editorUntil: string | null }): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.presence)
  encoding.writeVarString(encoder, JSON.stringify({ colour, role: access.role, editorUntil: access.editorUntil }))
  return encoding.toUint8Array(encoder)
}

/** Bytes lib0's `writeVarUint` takes for `value` (a whole number below 2^53). */
export function varUintSize(value: number): number {
  let size = 1
  while (value > 127) {
    value = Math.floor(value / 128)
    size++
  }
  return size
}

/** Writes `value` as lib0's `writeVarUint` does, at `at`; returns where the next byte goes. */
export function writeVarUintAt(target: Uint8Array, at: number, value: number): number {
  while (value > 127) {
    target[at++] = 128 | (value % 128)
    value = Math.floor(value / 128)
  }
  target[at++] = value
  return at
}
