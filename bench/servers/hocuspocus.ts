// Hocuspocus as a peer: its own process, clients are @hocuspocus/provider instances.
import { peerNodeFlags, spawnListening } from './spawn.ts'
import type { ServerHandle, StartOptions } from './types.ts'
import { namedRooms } from './yWebsocket.ts'

export async function startHocuspocus(options: StartOptions = {}): Promise<ServerHandle> {
  const spawned = await spawnListening(
    [...(options.nodeFlags ?? []), ...peerNodeFlags(), 'bench/servers/hocuspocusMain.mjs'],
    {},
    /hocuspocus listening on 127\.0\.0\.1:(\d+)/,
  )
  const url = `http://127.0.0.1:${spawned.port}`
  return {
    name: 'hocuspocus', pid: spawned.pid, url,
    output: spawned.output,
    logSummary: spawned.logSummary,
    stop: spawned.stop,
    prepareRooms: async (specs) => namedRooms('plan', 'hocuspocus', `ws://127.0.0.1:${spawned.port}`, specs),
  }
}
