// The servers under test, in the order they are run and reported.
import { startHocuspocus } from './hocuspocus.ts'
import { startRelay } from './relay.ts'
import type { ServerHandle, ServerName, StartOptions } from './types.ts'
import { startUplift } from './uplift.ts'
import { startYWebsocket } from './yWebsocket.ts'

export const SERVER_NAMES: ServerName[] = ['uplift', 'y-websocket', 'hocuspocus', 'relay']

export const SERVER_LABELS: Record<ServerName, string> = {
  uplift: 'Uplift',
  'y-websocket': 'y-websocket',
  hocuspocus: 'Hocuspocus',
  relay: 'raw relay',
}

export function startServer(name: ServerName, options: StartOptions = {}): Promise<ServerHandle> {
  switch (name) {
    case 'uplift': return startUplift(options)
    case 'y-websocket': return startYWebsocket(options)
    case 'hocuspocus': return startHocuspocus(options)
    case 'relay': return startRelay(options)
  }
}
