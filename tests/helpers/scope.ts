// Per-test resources that are released after each test, in reverse order: servers, clients, anything else.
import { afterEach, expect } from 'vitest'
import { connect, type TestClient } from './collab.ts'
import { eventually, startTestServer, type TestServer } from './server.ts'

export function testScope() {
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const defer = (cleanup: () => Promise<void> | void) => { cleanups.push(cleanup) }
  return {
    defer,
    /** A real server on a loopback port with its own data folder, stopped after the test. */
    async server(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
      const started = await startTestServer(options)
      defer(() => started.dispose())
      return started
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
