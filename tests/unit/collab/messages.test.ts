import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { storedMessage, syncUpdate, varUintSize, writeVarUintAt } from '../../../server/collab/messages.ts'
import { MessageType } from '../../../shared/protocol.ts'

const edges = [0, 1, 127, 128, 255, 16_383, 16_384, 2 ** 21, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 5, Number.MAX_SAFE_INTEGER]

describe('messages written to their exact size', () => {
  it('write whole numbers byte for byte as lib0 does', () => {
    for (const value of edges) {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, value)
      const expected = encoding.toUint8Array(encoder)
      const written = new Uint8Array(varUintSize(value))
      expect(writeVarUintAt(written, 0, value)).toBe(expected.length)
      expect(written).toEqual(expected)
    }
  })

  it('relay an update as the sync protocol encodes it, whatever its length', () => {
    for (const length of [0, 1, 90, 127, 128, 5_000, 70_000]) {
      const update = new Uint8Array(length).map((_, i) => i % 251)
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.sync)
      syncProtocol.writeUpdate(encoder, update)
      expect(syncUpdate(update)).toEqual(encoding.toUint8Array(encoder))
    }
  })

  it('say what is stored as a state vector Yjs reads, whole or for some clients', () => {
    const clocks = new Map(edges.filter((value) => value < 2 ** 32).map((client, i) => [client, edges[edges.length - 1 - i]]))
    const read = (message: Uint8Array) => {
      const decoder = decoding.createDecoder(message)
      expect(decoding.readVarUint(decoder)).toBe(MessageType.stored)
      const vector = Y.decodeStateVector(decoding.readVarUint8Array(decoder))
      expect(decoding.hasContent(decoder)).toBe(false)
      return vector
    }
    expect(read(storedMessage(clocks))).toEqual(clocks)
    expect(read(storedMessage(clocks, new Set([128, 2 ** 31])))).toEqual(new Map([[128, clocks.get(128)], [2 ** 31, clocks.get(2 ** 31)]]))
    // A client the server has no clock for is reported at 0; nothing at all is an empty vector.
    expect(read(storedMessage(clocks, [99]))).toEqual(new Map([[99, 0]]))
    expect(read(storedMessage(new Map()))).toEqual(new Map())
  })
})
