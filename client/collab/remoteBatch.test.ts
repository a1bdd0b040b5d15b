import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import { MessageType } from '../../shared/protocol.ts'
import { batchRemoteChanges, mergeAwarenessUpdates } from './remoteBatch.ts'
import { CollabSession } from './session.ts'

const WINDOW_MS = 50

/** Stands in for the browser's WebSocket: the test plays the server's part. */
class FakeSocket {
  static latest: FakeSocket | null = null
  readonly OPEN = 1
  readyState = 0
  binaryType = 'blob'
  readonly sent: Uint8Array[] = []
  onopen: (() => void) | null = null
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null
  onclose: ((event: { code: number; reason: string }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null

  constructor(readonly url: string) {
    FakeSocket.latest = this
  }

  send(data: Uint8Array) {
    this.sent.push(data)
  }

  close() {
    this.readyState = 3
  }

  open() {
    this.readyState = 1
    this.onopen?.()
  }

  receive(message: Uint8Array) {
    this.onmessage?.({ data: message.slice().buffer })
  }
}

function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

const updateMessage = (update: Uint8Array) => message(MessageType.sync, (encoder) => syncProtocol.writeUpdate(encoder, update))
const syncStep2Message = (from: Y.Doc) => message(MessageType.sync, (encoder) => syncProtocol.writeSyncStep2(encoder, from))
const storedMessage = (from: Y.Doc) => message(MessageType.stored, (encoder) => encoding.writeVarUint8Array(encoder, Y.encodeStateVector(from)))
const awarenessMessage = (awareness: awarenessProtocol.Awareness) =>
  message(MessageType.awareness, (encoder) => encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])))

/** Someone else in the plan: each keystroke's update is kept to be relayed by the test. */
function someoneElse(name: string) {
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalStateField('user', { name })
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  return {
    doc,
    awareness,
    /** Types one character and returns its update message. */
    key(character: string): Uint8Array {
      const text = doc.getText('t')
      text.insert(text.length, character)
      return updateMessage(updates[updates.length - 1])
    },
    /** Moves the caret and returns the awareness message. */
    caret(at: number): Uint8Array {
      awareness.setLocalStateField('cursor', { at })
      return awarenessMessage(awareness)
    },
  }
}

function connected() {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider('ws://uplift.test/collab', 'plan', doc, {
    connect: false,
    disableBc: true,
    WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
  })
  const textWhenStored: string[] = []
  provider.messageHandlers[MessageType.stored] = (_encoder, decoder) => {
    decoding.readVarUint8Array(decoder)
    textWhenStored.push(doc.getText('t').toString())
  }
  const batch = batchRemoteChanges(provider, { windowMs: WINDOW_MS })
  const transactions: { origin: unknown; text: string }[] = []
  doc.on('afterTransaction', (transaction: Y.Transaction) => transactions.push({ origin: transaction.origin, text: doc.getText('t').toString() }))
  provider.connect()
  const socket = FakeSocket.latest!
  socket.open()
  const sentOnOpen = socket.sent.length
  return {
    doc, provider, batch, socket, transactions, textWhenStored,
    text: () => doc.getText('t').toString(),
    /** What the page sent since it connected (sync step 1 and its awareness). */
    sentSinceOpen: () => socket.sent.slice(sentOnOpen),
  }
}

describe('batchRemoteChanges', () => {
  let open: ReturnType<typeof connected>[] = []
  const page = () => {
    const opened = connected()
    open.push(opened)
    return opened
  }

  beforeEach(() => {
    vi.useFakeTimers()
    // Far from the start of the clock: the first change comes after a quiet window.
    vi.advanceTimersByTime(1000)
  })

  afterEach(() => {
    for (const { batch, provider, doc } of open) {
      batch.destroy()
      provider.destroy()
      doc.destroy()
    }
    open = []
    vi.restoreAllMocks()
    vi.useRealTimers()
  })

  it('applies a lone change at once, as a remote change', () => {
    const { socket, text, transactions } = page()
    const harry = someoneElse('Harry')
    socket.receive(harry.key('a'))
    expect(text()).toBe('a')
    expect(transactions).toHaveLength(1)
    expect(transactions[0].origin).toBe(open[0].provider)
  })

  it('applies the changes that follow within the window together, in one transaction, when it ends', () => {
    const { socket, provider, text, transactions, sentSinceOpen } = page()
    const harry = someoneElse('Harry')
    const vera = someoneElse('Vera')
    socket.receive(harry.key('a'))
    vi.advanceTimersByTime(10)
    socket.receive(vera.key('x'))
    socket.receive(harry.key('b'))
    vi.advanceTimersByTime(10)
    socket.receive(vera.key('y'))
    expect(text()).toBe('a')
    vi.advanceTimersByTime(WINDOW_MS)
    expect(text()).toContain('ab')
    expect(text()).toContain('xy')
    expect(transactions).toEqual([
      { origin: provider, text: 'a' },
      { origin: provider, text: text() },
    ])
    // Remote changes are not sent back to the server.
    expect(sentSinceOpen()).toEqual([])
  })

  it('counts the window from the last batch applied', () => {
    const { socket, text } = page()
    const harry = someoneElse('Harry')
    socket.receive(harry.key('a'))
    vi.advanceTimersByTime(WINDOW_MS - 1)
    socket.receive(harry.key('b'))
    expect(text()).toBe('a')
    vi.advanceTimersByTime(1)
    expect(text()).toBe('ab')
    // Straight after that batch: waits again.
    vi.advanceTimersByTime(5)
    socket.receive(harry.key('c'))
    expect(text()).toBe('ab')
    vi.advanceTimersByTime(WINDOW_MS)
    expect(text()).toBe('abc')
    // After a quiet window: at once.
    vi.advanceTimersByTime(WINDOW_MS)
    socket.receive(harry.key('d'))
    expect(text()).toBe('abcd')
  })

  it('applies the queue itself when a change comes after a window whose timer was held back', () => {
    const { socket, text } = page()
    const harry = someoneElse('Harry')
    socket.receive(harry.key('a'))
    socket.receive(harry.key('b'))
    // A background tab may run the timer late: moving the clock without running timers stands for that.
    vi.spyOn(performance, 'now').mockReturnValue(performance.now() + WINDOW_MS * 4)
    expect(text()).toBe('a')
    socket.receive(harry.key('c'))
    expect(text()).toBe('abc')
  })

  it('applies queued changes before a stored message, so it never describes changes not yet applied', () => {
    const { socket, textWhenStored } = page()
    const harry = someoneElse('Harry')
    socket.receive(harry.key('a'))
    socket.receive(harry.key('b'))
    socket.receive(harry.key('c'))
    socket.receive(storedMessage(harry.doc))
    expect(textWhenStored).toEqual(['abc'])
  })

  it('applies queued changes before sync step 2, which still marks the provider synced', () => {
    const { socket, provider, text } = page()
    const harry = someoneElse('Harry')
    const synced: boolean[] = []
    provider.on('sync', (state: boolean) => synced.push(state))
    socket.receive(harry.key('a'))
    socket.receive(harry.key('b'))
    expect(text()).toBe('a')
    socket.receive(syncStep2Message(new Y.Doc()))
    expect(text()).toBe('ab')
    expect(synced).toEqual([true])
    expect(provider.synced).toBe(true)
  })

  it('answers sync step 1 with everything received before it', () => {
    const { socket, sentSinceOpen } = page()
    const harry = someoneElse('Harry')
    socket.receive(harry.key('a'))
    socket.receive(harry.key('b'))
    socket.receive(message(MessageType.sync, (encoder) => syncProtocol.writeSyncStep1(encoder, new Y.Doc())))
    const [reply] = sentSinceOpen()
    const decoder = decoding.createDecoder(reply)
    expect(decoding.readVarUint(decoder)).toBe(MessageType.sync)
    expect(decoding.readVarUint(decoder)).toBe(syncProtocol.messageYjsSyncStep2)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, decoding.readVarUint8Array(decoder))
    expect(copy.getText('t').toString()).toBe('ab')
  })

  it('applies awareness after the changes, as one change of carets, so carets never point at text not yet applied', () => {
    const { socket, provider, doc, text } = page()
    const harry = someoneElse('Harry')
    const vera = someoneElse('Vera')
    socket.receive(harry.key('a'))
    const changes: { text: string; origin: unknown; added: number[] }[] = []
    provider.awareness.on('change', ({ added }: { added: number[] }, origin: unknown) => changes.push({ text: doc.getText('t').toString(), origin, added }))
    socket.receive(harry.caret(1))
    socket.receive(harry.key('b'))
    socket.receive(harry.caret(2))
    socket.receive(vera.key('x'))
    socket.receive(vera.caret(1))
    expect(changes).toEqual([])
    vi.advanceTimersByTime(WINDOW_MS)
    expect(changes).toEqual([{ text: text(), origin: provider, added: [harry.doc.clientID, vera.doc.clientID] }])
    expect(text()).toContain('ab')
    expect(provider.awareness.getStates().get(harry.doc.clientID)).toEqual({ user: { name: 'Harry' }, cursor: { at: 2 } })
    expect(provider.awareness.getStates().get(vera.doc.clientID)).toEqual({ user: { name: 'Vera' }, cursor: { at: 1 } })
  })

  it('applies a lone caret move at once', () => {
    const { socket, provider } = page()
    const harry = someoneElse('Harry')
    socket.receive(harry.caret(0))
    expect(provider.awareness.getStates().get(harry.doc.clientID)).toEqual({ user: { name: 'Harry' }, cursor: { at: 0 } })
  })

  it('applies the queue when the connection drops, before the others are taken out of the awareness', () => {
    const { socket, provider, text } = page()
    const harry = someoneElse('Harry')
    socket.receive(harry.key('a'))
    socket.receive(harry.key('b'))
    socket.receive(harry.caret(2))
    socket.onclose?.({ code: 1006, reason: '' })
    expect(text()).toBe('ab')
    // y-websocket clears the others' carets on close: a caret applied after that would stay on screen.
    expect(provider.awareness.getStates().has(harry.doc.clientID)).toBe(false)
    vi.advanceTimersByTime(WINDOW_MS)
    expect(provider.awareness.getStates().has(harry.doc.clientID)).toBe(false)
  })

  it('applies the queue when destroyed and leaves a destroyed doc alone', () => {
    const first = page()
    const harry = someoneElse('Harry')
    first.socket.receive(harry.key('a'))
    first.socket.receive(harry.key('b'))
    first.batch.destroy()
    expect(first.text()).toBe('ab')

    const second = page()
    second.socket.receive(harry.key('c'))
    second.socket.receive(harry.key('d'))
    const applied = second.transactions.length
    second.doc.destroy()
    vi.advanceTimersByTime(WINDOW_MS)
    expect(second.transactions).toHaveLength(applied)
  })

  it('leaves the session saved and undo with local changes only', () => {
    const { socket, doc, provider, text } = page()
    const session = new CollabSession(doc, provider)
    const undo = new Y.UndoManager(doc.getText('t'))
    doc.getText('t').insert(0, 'mine ')
    session.receiveStored(Y.encodeStateVector(doc))
    undo.stopCapturing()
    const harry = someoneElse('Harry')
    socket.receive(harry.key('a'))
    socket.receive(harry.key('b'))
    vi.advanceTimersByTime(WINDOW_MS)
    expect(session.getSnapshot().unsaved).toBe(false)
    expect(text()).toContain('ab')
    undo.undo()
    expect(text()).toBe('ab')
    session.destroy()
  })
})

describe('mergeAwarenessUpdates', () => {
  it('has the effect of applying the updates one by one', () => {
    const people = [1, 2, 3].map(() => new awarenessProtocol.Awareness(new Y.Doc()))
    const updates: Uint8Array[] = []
    const send = (awareness: awarenessProtocol.Awareness) => updates.push(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]))
    people[0].setLocalStateField('cursor', 1)
    send(people[0])
    people[1].setLocalStateField('cursor', 5)
    send(people[1])
    people[0].setLocalStateField('cursor', 2)
    send(people[0])
    // The same clock again, now gone: a removal wins at an equal clock.
    people[2].setLocalStateField('cursor', 9)
    const before = updates.length
    send(people[2])
    updates.push(awarenessProtocol.encodeAwarenessUpdate(people[2], [people[2].clientID], new Map()))
    expect(updates.length).toBe(before + 2)
    // An old update arriving late changes nothing.
    updates.push(updates[0])

    const oneByOne = new awarenessProtocol.Awareness(new Y.Doc())
    for (const update of updates) awarenessProtocol.applyAwarenessUpdate(oneByOne, update, 'test')
    const merged = new awarenessProtocol.Awareness(new Y.Doc())
    awarenessProtocol.applyAwarenessUpdate(merged, mergeAwarenessUpdates(updates), 'test')

    // What each knows of the others (not its own state).
    const others = (awareness: awarenessProtocol.Awareness) => people.map(({ clientID }) => [awareness.getStates().get(clientID), awareness.meta.get(clientID)?.clock])
    expect(others(merged)).toEqual(others(oneByOne))
    expect(others(merged)).toEqual([[{ cursor: 2 }, 2], [{ cursor: 5 }, 1], [undefined, 1]])
    for (const awareness of [...people, oneByOne, merged]) awareness.destroy()
  })
})
