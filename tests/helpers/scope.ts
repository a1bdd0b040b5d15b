// Per-test resources that are released after each test, in reverse order: servers, clients, anything else.
import { afterEach, expect } from 'vitest'
import { createPlan, register, share, type Person } from './api.ts'
import { connect, type TestClient } from './collab.ts'
import { eventually, startTestServer, type TestServer } from './server.ts'

/** A plan with one person in each role, and someone it is not shared with. */
export interface Cast {
  srv: TestServer
  planId: string
  owner: Person
  editor: Person
  viewer: Person
  trustee: Person
  stranger: Person
}

export function testScope() {
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const defer = (cleanup: () => Promise<void> | void) => { cleanups.push(cleanup) }
  const server = async (options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> => {
    const started = await startTestServer(options)
    defer(() => started.dispose())
    return started
  }
  return {
    defer,
    server,
    /** A server with a plan shared with an editor, a viewer and a trustee, and a stranger to it. */
    async cast(options: Parameters<typeof startTestServer>[0] = {}): Promise<Cast> {
      const srv = await server(options)
      const owner = await register(srv.url, 'Olivia Owner')
      const editor = await register(srv.url, 'Eddie Editor')
      const viewer = await register(srv.url, 'Vera Viewer')
      const trustee = await register(srv.url, 'Tariq Trustee')
      const stranger = await register(srv.url, 'Stan Stranger')
      const plan = await createPlan(owner)
      await share(owner, plan.id, editor, 'editor')
      await share(owner, plan.id, viewer, 'viewer')
      await share(owner, plan.id, trustee, 'trustee')
      return { srv, planId: plan.id, owner, editor, viewer, trustee, stranger }
    },
    /** A y-websocket client, destroyed after the test. */
    client(...args: Parameters<typeof connect>): TestClient {
      const made = connect(...args)
      defer(() => made.destroy())
      return made
    },
  }
}

export const synced = (client: TestClient) => eventually(() => expect(client.provider.synced).toBe(true))
