import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { serverDoc } from '../../../server/collab/serverDoc.ts'

describe('the server’s documents', () => {
  it('share a fixed name but each writes with a client id of its own', () => {
    const docs = Array.from({ length: 50 }, () => serverDoc())
    expect(new Set(docs.map((doc) => doc.guid)).size).toBe(1)
    expect(new Set(docs.map((doc) => doc.clientID)).size).toBe(50)
    expect(docs[0].gc).toBe(true)
    expect(serverDoc({ gc: false }).gc).toBe(false)
  })

  it('exchange content with documents named by Yjs, as a browser’s are', () => {
    const server = serverDoc()
    server.getXmlFragment('plan').insert(0, [new Y.XmlText('Attendance')])
    const browser = new Y.Doc()
    Y.applyUpdate(browser, Y.encodeStateAsUpdate(server))
    browser.getXmlFragment('plan').insert(1, [new Y.XmlText(' by Easter')])
    Y.applyUpdate(server, Y.encodeStateAsUpdate(browser, Y.encodeStateVector(server)))
    expect(server.getXmlFragment('plan').toString()).toBe('Attendance by Easter')
  })
})
