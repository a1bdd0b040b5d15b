// Real y-websocket providers in Node, connected to a test server as a given person.
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import { MessageType, type Notice } from '../../shared/protocol.ts'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import type { Person } from './api.ts'

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  closes: { code: number; reason: string }[]
  /** Notices the server sent (refused writes, storage failures). */
  notices: Notice[]
  /** What the server said it had stored, merged over its `stored` messages. */
  stored: Map<number, number> | null
  /** The colour the server said the others in the plan see this person in (message 102). */
  colour: string | null
  /** The access the server said this connection has, on joining (message 102). */
  access: { role: string; editorUntil: string | null } | null
  text(): string
  destroy(): void
}

/** A WebSocket class that sends the person's cookie and the server's Origin, as their browser would. */
function socketFor(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers })
    }
  } as unknown as typeof WebSocket
}

export function connect(baseUrl: string, planId: string, person: Person | null, options: { params?: Record<string, string>; origin?: string } = {}): TestClient {
  const doc = new Y.Doc()
  const headers: Record<string, string> = { origin: options.origin ?? baseUrl }
  if (person) headers.cookie = person.cookie
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/collab', planId, doc, {
    WebSocketPolyfill: socketFor(headers) as never,
    disableBc: true,
    params: options.params ?? {},
    maxBackoffTime: 200,
  })
  const closes: TestClient['closes'] = []
  const client = {
    notices: [] as Notice[], stored: null as Map<number, number> | null, colour: null as string | null,
    access: null as TestClient['access'],
  }
  provider.messageHandlers[MessageType.stored] = (_encoder, decoder) => {
    // As the app does: each message says what is stored of some client ids (a writer's own, or all).
    const stored = (client.stored ??= new Map())
    for (const [id, clock] of Y.decodeStateVector(decoding.readVarUint8Array(decoder))) stored.set(id, Math.max(clock, stored.get(id) ?? 0))
  }
  provider.messageHandlers[MessageType.notice] = (_encoder, decoder) => {
    client.notices.push(JSON.parse(decoding.readVarString(decoder)) as Notice)
  }
  provider.messageHandlers[MessageType.presence] = (_encoder, decoder) => {
    const presence = JSON.parse(decoding.readVarString(decoder)) as { colour: string; role: string; editorUntil: string | null }
    client.colour = presence.colour
    client.access = { role: presence.role, editorUntil: presence.editorUntil }
  }
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  return {
    doc, provider, closes,
    get notices() { return client.notices },
    get stored() { return client.stored },
    get colour() { return client.colour },
    get access() { return client.access },
    text: () => doc.getXmlFragment(PLAN_FRAGMENT).toString(),
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Appends a paragraph of text to the plan, as an editor typing would. */
export function type(client: TestClient, text: string): void {
  const fragment = client.doc.getXmlFragment(PLAN_FRAGMENT)
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  fragment.push([paragraph])
}
