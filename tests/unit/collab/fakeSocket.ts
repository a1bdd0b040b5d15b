// An in-process socket for driving the collaboration core without a network.
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { CollabSocket } from '../../../server/collab/types.ts'
import { MessageType, type Notice } from '../../../shared/protocol.ts'

export class FakeSocket implements CollabSocket {
  readonly sent: Uint8Array[] = []
  closedWith: { code: number; reason: string } | null = null
  terminated = false
  pings = 0
  bufferedAmount = 0
  get isOpen() { return this.closedWith === null && !this.terminated }
  send(data: Uint8Array) { this.sent.push(data) }
  close(code: number, reason: string) { this.closedWith ??= { code, reason } }
  terminate() { this.terminated = true }
  ping() { this.pings++ }

  /** Applies every sync message received so far to `doc`, as a client would. */
  applyTo(doc: Y.Doc): void {
    for (const frame of this.sent) {
      const decoder = decoding.createDecoder(frame)
      if (decoding.readVarUint(decoder) !== MessageType.sync) continue
      const kind = decoding.readVarUint(decoder)
      if (kind === 1 || kind === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), 'server')
    }
  }

  notices(): Notice[] {
    return this.sent.flatMap((frame) => {
      const decoder = decoding.createDecoder(frame)
      return decoding.readVarUint(decoder) === MessageType.notice ? [JSON.parse(decoding.readVarString(decoder)) as Notice] : []
    })
  }

  types(): number[] {
    return this.sent.map((frame) => decoding.readVarUint(decoding.createDecoder(frame)))
  }
}
