import { describe, expect, it } from 'vitest'
import * as ws from 'ws'
import { Writable } from 'node:stream'
import { corkForRound, frameBinary, writeCorked } from '../../../server/http/collabDoor.ts'

interface FrameReceiver {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void
  on(event: 'error', listener: (error: Error) => void): void
  write(chunk: Buffer): void
}
// ws exports its frame parser, though its type definitions do not declare it.
const { Receiver } = ws as unknown as { Receiver: new (options: { isServer: boolean }) => FrameReceiver }

/** Reads frames as a WebSocket client does (ws's own parser). */
function readAsClient(frame: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false })
    receiver.on('message', (data: Buffer, isBinary: boolean) => (isBinary ? resolve(data) : reject(new Error('not binary'))))
    receiver.on('error', reject)
    receiver.write(frame)
  })
}

describe('relayed frames', () => {
  it.each([0, 1, 125, 126, 65_535, 65_536, 300_000])('frames a %i-byte message so a client reads it back whole', async (length) => {
    const data = Uint8Array.from({ length }, (_, i) => (i * 31) & 0xff)
    expect(new Uint8Array(await readAsClient(frameBinary(data)))).toEqual(data)
  })

  it('frames the same message once for every socket, and a new message afresh', () => {
    const first = new Uint8Array([1, 2, 3])
    expect(frameBinary(first)).toBe(frameBinary(first))
    expect(frameBinary(new Uint8Array([1, 2, 3]))).not.toBe(frameBinary(first))
  })
})

/** A socket that records each write it is given (a writev as one entry). */
function recordingSocket(writes: Buffer[][]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) { writes.push([chunk]); done() },
    writev(chunks, done) { writes.push(chunks.map(({ chunk }) => Buffer.from(chunk as Buffer))); done() },
  })
}

describe('corked writes', () => {
  it('sends everything written to a socket in one turn of the event loop in one write, in order', async () => {
    const writes: Buffer[][] = []
    const socket = recordingSocket(writes)
    const other = new Writable({ write(chunk: Buffer, _encoding, done) { writes.push([chunk]); done() } })
    await Promise.resolve().then(() => {
      writeCorked(socket, Buffer.from('a'))
      writeCorked(other, Buffer.from('x'))
    }).then(() => writeCorked(socket, Buffer.from('b')))
    writeCorked(socket, Buffer.from('c'))
    expect(writes).toEqual([])
    await new Promise((resolve) => setImmediate(resolve))
    expect(writes.map((chunks) => Buffer.concat(chunks).toString())).toEqual(['abc', 'x'])
    writeCorked(socket, Buffer.from('d'))
    await new Promise((resolve) => setImmediate(resolve))
    expect(writes.at(-1)!.map(String)).toEqual(['d'])
  })
  it('joins what separate callbacks of one round of the event loop write (timers due together, reads ready together)', async () => {
    const writes: Buffer[][] = []
    const socket = recordingSocket(writes)
    await new Promise<void>((resolve) => {
      setTimeout(() => writeCorked(socket, Buffer.from('first person ')), 0)
      setTimeout(() => { writeCorked(socket, Buffer.from('second person')); setImmediate(resolve) }, 0)
      // The two timers may be set either side of a millisecond's turn; on a busy machine the loop could then
      // wake when only the first is due. Once both are due, one round's timer phase runs both.
      const bothDue = Date.now() + 5
      while (Date.now() < bothDue);
    })
    expect(writes.map((chunks) => Buffer.concat(chunks).toString())).toEqual(['first person second person'])
  })

  it('holds what is written to a socket corked for the round (a handshake) until the round ends, then sends it with the frames', async () => {
    const writes: Buffer[][] = []
    const socket = recordingSocket(writes)
    corkForRound(socket)
    socket.write(Buffer.from('HTTP/1.1 101 '))
    corkForRound(socket)
    writeCorked(socket, Buffer.from('frame'))
    expect(writes).toEqual([])
    await new Promise((resolve) => setImmediate(resolve))
    expect(writes.map((chunks) => Buffer.concat(chunks).toString())).toEqual(['HTTP/1.1 101 frame'])
  })

  it('sends what waits once a long round is 5 ms old, when another socket is written to, and corks afresh', async () => {
    const writes: Buffer[][] = []
    const first = recordingSocket(writes)
    const second = recordingSocket(writes)
    const third = recordingSocket(writes)
    writeCorked(first, Buffer.from('early '))
    writeCorked(second, Buffer.from('soon'))
    expect(writes).toEqual([])
    const longRound = performance.now() + 6
    while (performance.now() < longRound);
    writeCorked(first, Buffer.from('still held'))
    expect(writes).toEqual([])
    // A socket corked now finds the round too old: the two written to before it go out at once.
    writeCorked(third, Buffer.from('late'))
    expect(writes.map((chunks) => Buffer.concat(chunks).toString())).toEqual(['early still held', 'soon'])
    writeCorked(first, Buffer.from('after'))
    await new Promise((resolve) => setImmediate(resolve))
    expect(writes.map((chunks) => Buffer.concat(chunks).toString())).toEqual(['early still held', 'soon', 'late', 'after'])
  })
})
