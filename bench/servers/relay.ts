// The raw relay as a peer (the floor): plain y-websocket clients, one room per URL path.
import { peerNodeFlags, spawnListening } from './spawn.ts'
import type { ServerHandle, StartOptions } from './types.ts'
import { namedRooms } from './yWebsocket.ts'

export async function startRelay(options: StartOptions = {}): Promise<ServerHandle> {
  const spawned = await spawnListening(
    [...(options.nodeFlags ?? []), ...peerNodeFlags(), 'bench/servers/relayMain.mjs'],
    {},
    /relay listening on 127\.0\.0\.1:(\d+)/,
  )
  const url = `http://127.0.0.1:${spawned.port}`
  return {
    name: 'relay', pid: spawned.pid, url,
    output: spawned.output,
    logSummary: spawned.logSummary,
    stop: spawned.stop,
    prepareRooms: async (specs) => namedRooms('plan', 'y-websocket', `ws://127.0.0.1:${spawned.port}`, specs),
  }
}
