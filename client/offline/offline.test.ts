import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ObservableV2 } from 'lib0/observable'
import type { WebsocketProvider } from 'y-websocket'
import { CollabSession } from '../collab/session.ts'
import { recordUnsaved, type SyncRecord } from './keptPlans.ts'
import { unsentText } from './unsent.ts'

class FakeProvider extends ObservableV2<Record<string, (...args: any[]) => void>> {
  wsconnected = true
  /** Past the sync step 2 exchange: a `stored` message now covers what was sent before it. */
  synced = true
  disconnect() {}
}

function paragraph(fragment: Y.XmlFragment, text: string): Y.XmlText {
  const element = new Y.XmlElement('paragraph')
  const xmlText = new Y.XmlText()
  xmlText.insert(0, text)
  element.insert(0, [xmlText])
  fragment.push([element])
  return xmlText
}

describe('offline bookkeeping in the session', () => {
  it('counts waiting changes and remembers them for the next visit', () => {
    const doc = new Y.Doc()
    const saved: SyncRecord[] = []
    const session = new CollabSession(doc, new FakeProvider() as unknown as WebsocketProvider, { saveRecord: (record) => void saved.push(record) })
    doc.getText('t').insert(0, 'hello')
    expect(session.getSnapshot().waiting).toBe(5)
    expect(saved.at(-1)).toMatchObject({ writers: [{ client: doc.clientID, written: 5, stored: 0 }] })
    expect(recordUnsaved(saved.at(-1)!)).toBe(true)
    session.receiveStored(Y.encodeStateVector(doc))
    expect(session.getSnapshot()).toMatchObject({ waiting: 0, unsaved: false })
    expect(session.getSnapshot().lastSynced).not.toBeNull()
    expect(saved.at(-1)).toMatchObject({ writers: [{ client: doc.clientID, written: 5, stored: 5 }] })
    expect(recordUnsaved(saved.at(-1)!)).toBe(false)
  })

  it('after a reload, changes of an earlier visit loaded from this device still count as waiting', () => {
    const earlier = new Y.Doc()
    earlier.getText('t').insert(0, 'stored')
    const storedClock = Y.getState(earlier.store, earlier.clientID)
    earlier.getText('t').insert(6, ' offline')
    const record: SyncRecord = { writers: [{ client: earlier.clientID, written: null, stored: storedClock, deletions: 0, deletionsStored: 0 }], lastSynced: 1 }

    const doc = new Y.Doc()
    const persistence = {}
    const session = new CollabSession(doc, new FakeProvider() as unknown as WebsocketProvider, { record, loadOrigins: [persistence] })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(earlier), persistence)
    expect(session.getSnapshot()).toMatchObject({ waiting: 8, unsaved: true, lastSynced: 1 })
  })

  it('counts a deletion as waiting until the server next confirms', () => {
    const doc = new Y.Doc()
    const session = new CollabSession(doc, new FakeProvider() as unknown as WebsocketProvider)
    doc.getText('t').insert(0, 'abc')
    session.receiveStored(Y.encodeStateVector(doc))
    doc.getText('t').delete(0, 1)
    expect(session.getSnapshot().unsaved).toBe(true)
    session.receiveStored(Y.encodeStateVector(doc))
    expect(session.getSnapshot().unsaved).toBe(false)
  })

  it('extracts only the text the server never stored', () => {
    const server = new Y.Doc()
    paragraph(server.getXmlFragment('content'), 'Agreed priorities.')
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server))
    const session = new CollabSession(doc, new FakeProvider() as unknown as WebsocketProvider)
    const text = doc.getXmlFragment('content').get(0) as Y.XmlElement
    ;(text.get(0) as Y.XmlText).insert(18, ' Typed on the train.')
    paragraph(doc.getXmlFragment('content'), 'A new paragraph offline.')
    expect(session.unsentText()).toEqual(['Typed on the train.', 'A new paragraph offline.'])
    session.receiveStored(Y.encodeStateVector(doc))
    expect(session.unsentText()).toEqual([])
  })

  it('marks a gap between two unsent runs in one paragraph', () => {
    const doc = new Y.Doc()
    const xmlText = paragraph(doc.getXmlFragment('content'), 'middle')
    const stored = new Map([[doc.clientID, Y.getState(doc.store, doc.clientID)]])
    xmlText.insert(0, 'start ')
    xmlText.insert(xmlText.length, ' end')
    expect(unsentText(doc, [doc.clientID], stored)).toEqual(['start … end'])
  })
})
