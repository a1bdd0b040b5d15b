import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ObservableV2 } from 'lib0/observable'
import type { WebsocketProvider } from 'y-websocket'
import * as decoding from 'lib0/decoding'
import { CloseCode, MessageType } from '../../shared/protocol.ts'
import { CollabSession } from './session.ts'

class FakeProvider extends ObservableV2<Record<string, (...args: any[]) => void>> {
  wsconnected = false
  synced = false
  disconnected = false
  disconnect() {
    this.disconnected = true
  }
  connect() {
    this.disconnected = false
  }
}

function setUp() {
  const doc = new Y.Doc()
  const provider = new FakeProvider()
  const session = new CollabSession(doc, provider as unknown as WebsocketProvider)
  return { doc, provider, session }
}

describe('CollabSession', () => {
  it('is unsaved after a local change until the server reports it stored', () => {
    const { doc, session } = setUp()
    expect(session.getSnapshot().unsaved).toBe(false)
    doc.getText('t').insert(0, 'hello')
    expect(session.getSnapshot().unsaved).toBe(true)
    session.receiveStored(Y.encodeStateVector(doc))
    expect(session.getSnapshot().unsaved).toBe(false)
  })

  it('stays unsaved when the stored state is older than the latest change', () => {
    const { doc, session } = setUp()
    doc.getText('t').insert(0, 'a')
    const early = Y.encodeStateVector(doc)
    doc.getText('t').insert(1, 'b')
    session.receiveStored(early)
    expect(session.getSnapshot().unsaved).toBe(true)
  })

  it('treats changes received from the server as stored', () => {
    const { doc, provider, session } = setUp()
    const other = new Y.Doc()
    other.getText('t').insert(0, 'from someone else')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), provider)
    expect(session.getSnapshot().unsaved).toBe(false)
  })

  it('tells a device without a network from a server out of reach', () => {
    // The browser's window, as far as the session listens to it (Node's global is no event target).
    const window = new EventTarget()
    const global = globalThis as unknown as Record<string, unknown>
    global.addEventListener = window.addEventListener.bind(window)
    global.removeEventListener = window.removeEventListener.bind(window)
    const { provider, session } = setUp()
    provider.emit('sync', [true])
    // The socket drops while the browser still has a network: the server is out of reach.
    provider.emit('connection-close', [{ code: 1006, reason: '' }])
    expect(session.getSnapshot()).toMatchObject({ connection: 'offline', networkDown: false })
    // The browser loses its network: offline, this device's doing.
    window.dispatchEvent(new Event('offline'))
    expect(session.getSnapshot()).toMatchObject({ connection: 'offline', networkDown: true })
    window.dispatchEvent(new Event('online'))
    expect(session.getSnapshot()).toMatchObject({ connection: 'connecting', networkDown: false })
    session.destroy()
    delete global.addEventListener
    delete global.removeEventListener
  })

  it('goes live on sync and offline when the socket drops', () => {
    const { provider, session } = setUp()
    expect(session.getSnapshot().connection).toBe('connecting')
    provider.emit('sync', [true])
    expect(session.getSnapshot().connection).toBe('live')
    provider.emit('connection-close', [{ code: 1006, reason: '' }])
    expect(session.getSnapshot().connection).toBe('offline')
  })

  it('stops for good on a close code that must not be retried', async () => {
    const { provider, session } = setUp()
    provider.emit('connection-close', [{ code: CloseCode.noAccess.code, reason: '' }])
    expect(session.getSnapshot()).toMatchObject({ connection: 'stopped', reason: CloseCode.noAccess.reason, signedOut: false })
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(provider.disconnected).toBe(true)
    provider.emit('sync', [true])
    expect(session.getSnapshot().connection).toBe('stopped')
  })

  it('keeps retrying on a close code marked retry', () => {
    const { provider, session } = setUp()
    provider.emit('connection-close', [{ code: CloseCode.serverRestarting.code, reason: '' }])
    expect(session.getSnapshot()).toMatchObject({ connection: 'offline', reason: CloseCode.serverRestarting.reason })
  })

  it('records a role change and replaces a storage failure with its recovery', () => {
    const { session } = setUp()
    session.receiveNotice({ kind: 'role-changed', message: 'You are now a viewer.', role: 'viewer' })
    session.receiveNotice({ kind: 'storage-failed', message: 'Cannot save.' })
    session.receiveNotice({ kind: 'storage-recovered', message: 'Saving again.' })
    const state = session.getSnapshot()
    expect(state.access).toEqual({ role: 'viewer', editorUntil: null })
    expect(state.notices.map((notice) => notice.kind)).toEqual(['role-changed', 'storage-recovered'])
  })

  it('takes the access the server gives on joining, silently, and only when it is news', () => {
    const { session } = setUp()
    session.receiveAccess('viewer', null)
    const first = session.getSnapshot().access
    expect(first).toEqual({ role: 'viewer', editorUntil: null })
    expect(session.getSnapshot().notices).toEqual([])
    // The same again (a reconnection): nothing new for the page to follow.
    session.receiveAccess('viewer', null)
    expect(session.getSnapshot().access).toBe(first)
    session.receiveAccess('editor', '2027-03-31T22:59:59.999Z')
    expect(session.getSnapshot().access).toEqual({ role: 'editor', editorUntil: '2027-03-31T22:59:59.999Z' })
    // Not a role (an older server says nothing; anything else is ignored).
    session.receiveAccess(undefined, undefined)
    session.receiveAccess('admin', null)
    expect(session.getSnapshot().access).toEqual({ role: 'editor', editorUntil: '2027-03-31T22:59:59.999Z' })
  })

  it('announces a new end date for an editor whose role stays the same', () => {
    const { session } = setUp()
    session.receiveNotice({
      kind: 'role-changed', role: 'editor', editorUntil: '2026-12-31T23:59:59.999Z',
      message: 'Your role in this plan is now Editor: you can edit the live plan until the end of 31 December 2026.',
    })
    const first = session.getSnapshot().access
    expect(first).toEqual({ role: 'editor', editorUntil: '2026-12-31T23:59:59.999Z' })

    session.receiveNotice({
      kind: 'role-changed', role: 'editor', editorUntil: '2027-03-31T22:59:59.999Z',
      message: 'You can now edit this plan until the end of 31 March 2027.',
    })
    const state = session.getSnapshot()
    // A new announcement (the page follows each one), replacing the earlier notice rather than adding to it.
    expect(state.access).toEqual({ role: 'editor', editorUntil: '2027-03-31T22:59:59.999Z' })
    expect(state.access).not.toBe(first)
    expect(state.notices.map((notice) => notice.message)).toEqual(['You can now edit this plan until the end of 31 March 2027.'])

    session.receiveNotice({ kind: 'role-changed', role: 'editor', editorUntil: null, message: 'You can now edit this plan with no end date.' })
    expect(session.getSnapshot().access).toEqual({ role: 'editor', editorUntil: null })
  })

  it('checks what a role-changed notice says before the page shows it', () => {
    const { session } = setUp()
    // An end date that is not a date is left unsaid (the page reads it again), never shown.
    session.receiveNotice({ kind: 'role-changed', role: 'editor', editorUntil: 'next Tuesday', message: 'Changed.' })
    expect(session.getSnapshot().access).toEqual({ role: 'editor', editorUntil: undefined })
    // A notice from a server that did not say the end date: unsaid too.
    session.receiveNotice({ kind: 'role-changed', role: 'editor', message: 'Changed.' })
    expect(session.getSnapshot().access).toEqual({ role: 'editor', editorUntil: undefined })
    // Only an editor has an end date.
    session.receiveNotice({ kind: 'role-changed', role: 'viewer', editorUntil: '2027-03-31T22:59:59.999Z', message: 'Changed.' })
    expect(session.getSnapshot().access).toEqual({ role: 'viewer', editorUntil: null })
    // A role that is not one changes nothing.
    const before = session.getSnapshot().access
    session.receiveNotice({ kind: 'role-changed', role: 'admin', editorUntil: null, message: 'Changed.' })
    expect(session.getSnapshot().access).toBe(before)
  })
})

describe('CollabSession when the server stops taking this person\'s changes', () => {
  /** A provider whose socket is open and records what the page sends. */
  function connected() {
    const set = setUp()
    const sent: Uint8Array[] = []
    Object.assign(set.provider, { ws: { readyState: 1, send: (data: Uint8Array) => sent.push(data) }, synced: true })
    set.provider.emit('sync', [true])
    return { ...set, sent }
  }
  const paragraphOf = (doc: Y.Doc, text: string) => {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(text)])
    doc.getXmlFragment('content').push([paragraph])
  }
  const typeInto = (doc: Y.Doc, text: string) => {
    const last = doc.getXmlFragment('content').get(0) as Y.XmlElement
    const inner = last.get(0) as Y.XmlText
    inner.insert(inner.length, text)
  }

  it('made a viewer as it happens: locked out, and what was not stored is exact once the server says what it stored', () => {
    const { doc, session } = connected()
    paragraphOf(doc, 'Stored before')
    session.receiveStored(Y.encodeStateVector(doc))
    typeInto(doc, ' and sent')
    const sentVector = Y.encodeStateVector(doc)
    typeInto(doc, ' and refused')
    session.receiveNotice({ kind: 'role-changed', role: 'viewer', editorUntil: null, message: 'Your role in this plan is now Viewer.' })
    expect(session.getSnapshot().lockout).toEqual({ cause: 'role', live: true })
    // Before the server's last word, what it has not confirmed is counted as not stored.
    expect(session.getSnapshot().unsent).toEqual(['and sent and refused'])
    session.receiveNotice({ kind: 'write-refused', message: 'Your change was not saved.' })
    expect(session.getSnapshot().lockout).toEqual({ cause: 'role', live: true })
    session.receiveStored(sentVector)
    expect(session.getSnapshot().unsent).toEqual(['and refused'])
  })

  it('learnt on joining: the change happened while the page was away', () => {
    const { session } = setUp()
    session.receiveAccess('viewer', null)
    expect(session.getSnapshot().lockout).toEqual({ cause: 'role', live: false })
    // A refusal after it says nothing new.
    session.receiveNotice({ kind: 'write-refused', message: 'Your change was not saved.' })
    expect(session.getSnapshot().lockout).toEqual({ cause: 'role', live: false })
  })

  it('a refusal with no reason the page was told is a lockout of its own', () => {
    const { session } = connected()
    session.receiveNotice({ kind: 'write-refused', message: 'Your change was not saved.' })
    expect(session.getSnapshot().lockout).toEqual({ cause: 'refused', live: true })
  })

  it.each([
    ['removed', CloseCode.noAccess.code],
    ['deleted', CloseCode.planDeleted.code],
  ] as const)('closed as %s: live when the connection was, not when refused on connecting again', (cause, code) => {
    const live = connected()
    live.provider.emit('connection-close', [{ code, reason: '' }])
    expect(live.session.getSnapshot().lockout).toEqual({ cause, live: true })
    const away = setUp()
    away.provider.emit('connection-close', [{ code, reason: '' }])
    expect(away.session.getSnapshot().lockout).toEqual({ cause, live: false })
    // Signed out is not a lockout: the changes are sent once the person signs in again.
    const signedOut = connected()
    signedOut.provider.emit('connection-close', [{ code: CloseCode.unauthenticated.code, reason: '' }])
    expect(signedOut.session.getSnapshot().lockout).toBeNull()
  })

  it('made an editor again: the lockout ends, the refusal is dropped, and the server is sent what it refused', () => {
    const { doc, session, sent } = connected()
    paragraphOf(doc, 'Stored')
    session.receiveStored(Y.encodeStateVector(doc))
    const serverHas = Y.encodeStateAsUpdate(doc)
    session.receiveNotice({ kind: 'role-changed', role: 'viewer', editorUntil: null, message: 'Viewer.' })
    typeInto(doc, ' refused')
    session.receiveNotice({ kind: 'write-refused', message: 'Your change was not saved.' })
    expect(session.getSnapshot().unsent).toEqual(['refused'])
    const before = sent.length
    session.receiveNotice({ kind: 'role-changed', role: 'editor', editorUntil: null, message: 'Editor.' })
    const state = session.getSnapshot()
    expect(state.lockout).toBeNull()
    expect(state.unsent).toEqual([])
    expect(state.notices.map((notice) => notice.kind)).toEqual(['role-changed'])
    // One sync update holding what the server lacks: applied to what it has, it gives this page's plan.
    expect(sent.length).toBe(before + 1)
    const decoder = decoding.createDecoder(sent.at(-1)!)
    expect(decoding.readVarUint(decoder)).toBe(MessageType.sync)
    expect(decoding.readVarUint(decoder)).toBe(2)
    const server = new Y.Doc()
    Y.applyUpdate(server, serverHas)
    Y.applyUpdate(server, decoding.readVarUint8Array(decoder))
    expect(server.getXmlFragment('content').toString()).toBe(doc.getXmlFragment('content').toString())
    expect(server.getXmlFragment('content').toString()).toContain('Stored refused')
  })
})
