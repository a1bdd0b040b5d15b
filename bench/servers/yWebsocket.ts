/**
 * The reference y-websocket server, @y/websocket-server 0.1.1, run exactly as its `y-websocket` bin
 * runs it (node_modules/@y/websocket-server/src/server.js: in-memory documents, no persistence, no auth).
 * The bin takes HOST and PORT from the environment and cannot listen on port 0, so a free port is found
 * first; another program may take it before the bin listens, and then the bin exits and is started again
 * on another.
 */
import { createServer } from 'node:net'
import { peerNodeFlags, spawnListening, type Spawned } from './spawn.ts'
import type { PreparedRoom, RoomSpec, ServerHandle, StartOptions } from './types.ts'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

const PORT_ATTEMPTS = 3

async function listeningOnFreePort(options: StartOptions): Promise<Spawned> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnListening(
        [...(options.nodeFlags ?? []), ...peerNodeFlags(), 'node_modules/@y/websocket-server/src/server.js'],
        { PORT: String(await freePort()), HOST: '127.0.0.1' },
        /running at '127\.0\.0\.1' on port (\d+)/,
      )
    } catch (error) {
      if (attempt === PORT_ATTEMPTS || !(error as Error).message.includes('EADDRINUSE')) throw error
    }
  }
}

/** Rooms on servers without accounts: a name, the same for every group. */
export function namedRooms(prefix: string, protocol: 'y-websocket' | 'hocuspocus', url: string, specs: RoomSpec[]): PreparedRoom[] {
  return specs.map((spec, index) => {
    const room = `${prefix}-${index}-${Math.random().toString(36).slice(2, 8)}`
    return { room, targets: new Map(spec.people.map((person) => [person, { protocol, url, room, params: {}, upliftMessages: false }])) }
  })
}

export async function startYWebsocket(options: StartOptions = {}): Promise<ServerHandle> {
  const spawned = await listeningOnFreePort(options)
  const url = `http://127.0.0.1:${spawned.port}`
  return {
    name: 'y-websocket', pid: spawned.pid, url,
    output: spawned.output,
    logSummary: spawned.logSummary,
    stop: spawned.stop,
    prepareRooms: async (specs) => namedRooms('plan', 'y-websocket', `ws://127.0.0.1:${spawned.port}`, specs),
  }
}
