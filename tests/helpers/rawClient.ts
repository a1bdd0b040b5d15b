// A hand-built y-protocols client over `ws`: sends arbitrary bytes to /collab/<planId> and decodes every
// frame the server sends. For tests that try what a well-behaved WebsocketProvider never would.
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { MessageType, type Notice } from '../../shared/protocol.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'

export interface AwarenessEntry {
  clientId: number
  clock: number
  state: unknown
}

export type ServerMessage =
  | { type: 'sync'; kind: number; payload: Uint8Array }
  | { type: 'awareness'; entries: AwarenessEntry[] }
  | { type: 'stored'; stateVector: Map<number, number> }
  | { type: 'notice'; notice: Notice }
  | { type: 'presence'; colour: string }
  | { type: 'other'; messageType: number }

export interface RawClient {
  ws: WebSocket
  /** Every message the server sent, decoded, in order. */
  messages: ServerMessage[]
  notices: Notice[]
  /** A mirror of the plan built from the sync messages the server sent (step 2 and updates). */
  doc: Y.Doc
  /** Resolves with the close code and reason once the socket has closed. */
  closed: Promise<{ code: number; reason: string }>
  closeInfo: { code: number; reason: string } | null
  send(bytes: Uint8Array | number[]): void
  /** Asks the server for the whole plan (sync step 1 with an empty state vector) and waits for it. */
  sync(): Promise<void>
  text(): string
  close(): void
}

export interface RawOptions {
  cookie?: string
  /** Defaults to the server's own origin; null sends no Origin header. */
  origin?: string | null
  token?: string
}

function socketUrl(baseUrl: string, planId: string, token?: string): string {
  const url = `${baseUrl.replace(/^http/, 'ws')}/collab/${encodeURIComponent(planId)}`
  return token ? `${url}?token=${encodeURIComponent(token)}` : url
}

function headersFor(baseUrl: string, options: RawOptions): Record<string, string> {
  const headers: Record<string, string> = {}
  const origin = options.origin === undefined ? baseUrl : options.origin
  if (origin !== null) headers.origin = origin
  if (options.cookie) headers.cookie = options.cookie
  return headers
}

/** Opens a raw socket and resolves once it is open (or rejects if the upgrade was refused). */
export async function openRaw(baseUrl: string, planId: string, options: RawOptions = {}): Promise<RawClient> {
  const ws = new WebSocket(socketUrl(baseUrl, planId, options.token), { headers: headersFor(baseUrl, options), perMessageDeflate: false })
  const doc = new Y.Doc()
  const messages: ServerMessage[] = []
  const notices: Notice[] = []
  let closeInfo: { code: number; reason: string } | null = null
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      closeInfo = { code, reason: reason.toString() }
      resolve(closeInfo)
    })
  })
  const syncWaiters: (() => void)[] = []
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    while (decoding.hasContent(decoder)) {
      const message = readServerMessage(decoder)
      messages.push(message)
      if (message.type === 'notice') notices.push(message.notice)
      if (message.type === 'sync' && message.kind !== 0) {
        Y.applyUpdate(doc, message.payload, 'server')
        if (message.kind === 1) syncWaiters.splice(0).forEach((resolve) => resolve())
      }
    }
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
    ws.once('error', reject)
  })
  ws.on('error', () => undefined)
  return {
    ws, messages, notices, doc, closed,
    get closeInfo() { return closeInfo },
    send: (bytes) => ws.send(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), { binary: true }),
    sync: () => {
      const done = new Promise<void>((resolve) => syncWaiters.push(resolve))
      ws.send(syncStep1Frame(new Uint8Array([0])), { binary: true })
      return done
    },
    text: () => doc.getXmlFragment(PLAN_FRAGMENT).toString(),
    close: () => ws.close(),
  }
}

/**
 * Attempts an upgrade and reports how it ended: the HTTP status of a refused upgrade, or the close code
 * of a socket the server accepted and then closed (or 'open' if it stayed open for `waitMs`).
 */
export async function tryUpgrade(baseUrl: string, planId: string, options: RawOptions = {}, waitMs = 3000): Promise<
  { refused: number } | { closed: number } | { open: true }
> {
  const ws = new WebSocket(socketUrl(baseUrl, planId, options.token), { headers: headersFor(baseUrl, options) })
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | null = null
    ws.on('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 })
      res.resume()
      ws.terminate()
    })
    ws.on('error', () => undefined)
    ws.on('open', () => {
      timer = setTimeout(() => {
        resolve({ open: true })
        ws.terminate()
      }, waitMs)
    })
    ws.on('close', (code) => {
      if (timer) clearTimeout(timer)
      resolve({ closed: code })
    })
  })
}

function readServerMessage(decoder: decoding.Decoder): ServerMessage {
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case MessageType.sync: {
      const kind = decoding.readVarUint(decoder)
      return { type: 'sync', kind, payload: decoding.readVarUint8Array(decoder) }
    }
    case MessageType.awareness:
      return { type: 'awareness', entries: readAwarenessPayload(decoding.readVarUint8Array(decoder)) }
    case MessageType.stored:
      return { type: 'stored', stateVector: Y.decodeStateVector(decoding.readVarUint8Array(decoder)) }
    case MessageType.notice:
      return { type: 'notice', notice: JSON.parse(decoding.readVarString(decoder)) as Notice }
    case MessageType.presence:
      return { type: 'presence', colour: (JSON.parse(decoding.readVarString(decoder)) as { colour: string }).colour }
    default:
      // Nothing else is expected; stop reading this frame.
      decoder.pos = decoder.arr.length
      return { type: 'other', messageType: type }
  }
}

export function readAwarenessPayload(payload: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(payload)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) })
  }
  return entries
}

// ---- Frames a client may send ----

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

export function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync)
    encoding.writeVarUint(encoder, 0)
    encoding.writeVarUint8Array(encoder, stateVector)
  })
}

/**
 * A sync message (kind 0 = step 1, carrying a state vector; 1 = step 2 and 2 = update, carrying an update).
 * `prefix` replaces the bytes of the message type and kind, to send them in over-long varint encodings.
 */
export function syncFrame(kind: 0 | 1 | 2, update: Uint8Array, prefix?: number[]): Uint8Array {
  return frame((encoder) => {
    if (prefix) encoding.writeUint8Array(encoder, new Uint8Array(prefix))
    else {
      encoding.writeVarUint(encoder, MessageType.sync)
      encoding.writeVarUint(encoder, kind)
    }
    encoding.writeVarUint8Array(encoder, update)
  })
}

export function awarenessFrame(entries: AwarenessEntry[]): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.awareness)
    const inner = encoding.createEncoder()
    encoding.writeVarUint(inner, entries.length)
    for (const entry of entries) {
      encoding.writeVarUint(inner, entry.clientId)
      encoding.writeVarUint(inner, entry.clock)
      encoding.writeVarString(inner, JSON.stringify(entry.state))
    }
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
  })
}

export function concatFrames(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/**
 * An update that appends a paragraph with `text` to a copy of `base` (the plan as the attacker last saw
 * it): only what is new relative to `base`.
 */
export function paragraphUpdate(base: Y.Doc, text: string): Uint8Array {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(copy)
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  copy.getXmlFragment(PLAN_FRAGMENT).push([paragraph])
  const update = Y.encodeStateAsUpdate(copy, before)
  copy.destroy()
  return update
}

/** An update that deletes everything in the plan's body of `base`. */
export function deleteAllUpdate(base: Y.Doc): Uint8Array {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(copy)
  const fragment = copy.getXmlFragment(PLAN_FRAGMENT)
  fragment.delete(0, fragment.length)
  const update = Y.encodeStateAsUpdate(copy, before)
  copy.destroy()
  return update
}

/** The plan's body as stored: every update in the document store applied to a fresh Y.Doc. */
export async function storedText(documents: { load(id: string): Promise<{ updates: Uint8Array[] }> }, planId: string): Promise<string> {
  const { updates } = await documents.load(planId)
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  const text = doc.getXmlFragment(PLAN_FRAGMENT).toString()
  doc.destroy()
  return text
}
