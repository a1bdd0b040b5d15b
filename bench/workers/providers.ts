/**
 * One simulated editor: a real Y.Doc and a real provider (y-websocket's WebsocketProvider, or
 * @hocuspocus/provider for Hocuspocus), as an editor's browser tab would have.
 */
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import type { ClientTarget } from '../servers/types.ts'

export interface BenchClient {
  doc: Y.Doc
  readonly synced: boolean
  onSynced(callback: () => void): void
  onClose(callback: () => void): void
  /** Uplift only: the state vector the server says it has durably stored (message type 100). */
  onStored(callback: (stored: Map<number, number>) => void): void
  /** Bytes queued on the socket and not yet sent. */
  bufferedAmount(): number
  destroy(): void
}

// Uplift's extra server-to-client messages (100 stored, 101 notice, 102 presence): a standard client logs
// them as unknown and drops them; the bench's clients drop them quietly.
const UPLIFT_STORED = 100
const UPLIFT_NOTICE = 101
const UPLIFT_PRESENCE = 102

export function openClient(target: ClientTarget, doc: Y.Doc, name: string): BenchClient {
  return target.protocol === 'hocuspocus' ? hocuspocusClient(target, doc, name) : yWebsocketClient(target, doc, name)
}

function yWebsocketClient(target: ClientTarget, doc: Y.Doc, name: string): BenchClient {
  const provider = new WebsocketProvider(target.url, target.room, doc, {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    params: target.params,
    maxBackoffTime: 1000,
  })
  const storedListeners: ((stored: Map<number, number>) => void)[] = []
  if (target.upliftMessages) {
    provider.messageHandlers[UPLIFT_STORED] = (_encoder, decoder) => {
      if (storedListeners.length === 0) return
      const stored = Y.decodeStateVector(decoding.readVarUint8Array(decoder))
      for (const listener of storedListeners) listener(stored)
    }
    provider.messageHandlers[UPLIFT_NOTICE] = () => {}
    provider.messageHandlers[UPLIFT_PRESENCE] = () => {}
  }
  provider.awareness.setLocalStateField('user', { name })
  return {
    doc,
    get synced() { return provider.synced },
    onSynced: (callback) => provider.on('sync', (synced: boolean) => { if (synced) callback() }),
    onClose: (callback) => provider.on('connection-close', () => callback()),
    onStored: (callback) => { storedListeners.push(callback) },
    bufferedAmount: () => (provider.ws as unknown as { bufferedAmount?: number } | null)?.bufferedAmount ?? 0,
    destroy: () => provider.destroy(),
  }
}

function hocuspocusClient(target: ClientTarget, doc: Y.Doc, name: string): BenchClient {
  const websocketProvider = new HocuspocusProviderWebsocket({ url: target.url, WebSocketPolyfill: WebSocket, maxDelay: 1000 })
  const provider = new HocuspocusProvider({ websocketProvider, name: target.room, document: doc })
  provider.attach()
  provider.awareness?.setLocalStateField('user', { name })
  return {
    doc,
    get synced() { return provider.isSynced },
    onSynced: (callback) => provider.on('synced', () => callback()),
    onClose: (callback) => provider.on('close', () => callback()),
    onStored: () => {},
    bufferedAmount: () => (websocketProvider.webSocket as unknown as { bufferedAmount?: number } | null)?.bufferedAmount ?? 0,
    destroy: () => {
      provider.destroy()
      websocketProvider.destroy()
    },
  }
}
