// Property: any interleaving of concurrent edits (inserts, deletes, new paragraphs, dropped connections)
// through the server converges, and the stored plan equals what every client holds.
import * as fc from 'fast-check'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import { createPlan, register, type Person } from '../helpers/api.ts'
import { connect, type TestClient } from '../helpers/collab.ts'
import { storedText } from '../helpers/rawClient.ts'
import { eventually, startTestServer, type TestServer } from '../helpers/server.ts'

let server: TestServer
let owner: Person
beforeAll(async () => {
  server = await startTestServer()
  owner = await register(server.url, 'Pat Property')
})
afterAll(async () => {
  await server.dispose()
})

type Operation =
  | { kind: 'insert'; client: number; at: number; text: string }
  | { kind: 'delete'; client: number; at: number; length: number }
  | { kind: 'paragraph'; client: number; text: string }
  | { kind: 'toggle'; client: number }
  | { kind: 'pause' }

const operation = (clients: number): fc.Arbitrary<Operation> => fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), client: fc.nat(clients - 1), at: fc.nat(200), text: fc.string({ minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), client: fc.nat(clients - 1), at: fc.nat(200), length: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('paragraph' as const), client: fc.nat(clients - 1), text: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('toggle' as const), client: fc.nat(clients - 1) }),
  fc.constant({ kind: 'pause' as const }),
)

/** The last paragraph's text of a client's plan, creating one if the plan has none. */
function lastText(client: TestClient): Y.XmlText {
  const fragment = client.doc.getXmlFragment(PLAN_FRAGMENT)
  for (let i = fragment.length - 1; i >= 0; i--) {
    const node = fragment.get(i)
    if (node instanceof Y.XmlElement && node.nodeName === 'paragraph') {
      const first = node.get(0)
      if (first instanceof Y.XmlText) return first
      const text = new Y.XmlText()
      node.insert(0, [text])
      return text
    }
  }
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  fragment.push([paragraph])
  return text
}

describe('convergence through the server', () => {
  it('holds for generated concurrent edit histories', async () => {
    let runs = 0
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 3 }).chain((count) => fc.tuple(fc.constant(count), fc.array(operation(count), { minLength: 5, maxLength: 40 }))), async ([count, operations]) => {
        runs++
        const plan = await createPlan(owner, `Property ${runs}`, 'Test School')
        const clients = Array.from({ length: count }, () => connect(server.url, plan.id, owner))
        try {
          await eventually(() => expect(clients.every((client) => client.provider.synced)).toBe(true))
          for (const step of operations) {
            if (step.kind === 'pause') {
              await new Promise((resolve) => setTimeout(resolve, 5))
              continue
            }
            const client = clients[step.client]
            if (step.kind === 'toggle') {
              if (client.provider.shouldConnect) client.provider.disconnect()
              else client.provider.connect()
            } else if (step.kind === 'paragraph') {
              const paragraph = new Y.XmlElement('paragraph')
              paragraph.insert(0, [new Y.XmlText(step.text)])
              client.doc.getXmlFragment(PLAN_FRAGMENT).push([paragraph])
            } else if (step.kind === 'insert') {
              const text = lastText(client)
              text.insert(Math.min(step.at, text.length), step.text)
            } else {
              const text = lastText(client)
              const at = Math.min(step.at, text.length)
              text.delete(at, Math.min(step.length, text.length - at))
            }
          }
          for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect()
          await eventually(() => {
            expect(clients.every((client) => client.provider.synced)).toBe(true)
            expect(new Set(clients.map((client) => client.text())).size).toBe(1)
          }, 10_000)
          // What the clients hold is what is stored.
          await eventually(async () => expect(await storedText(server.documents, plan.id)).toBe(clients[0].text()), 10_000)
        } finally {
          for (const client of clients) client.destroy()
        }
      }),
      { numRuns: 25, seed: 20261123, endOnFailure: true },
    )
    console.log(`property: ${runs} generated histories converged and matched the stored plan`)
  })
})
