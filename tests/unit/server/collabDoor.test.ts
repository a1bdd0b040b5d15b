// The collaboration door keeps nothing of the upgrade request once a connection is open: thousands of
// people stay connected for hours, and a request's headers are a couple of KB each.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import type { AuthService, Principal } from '../../../server/auth/authService.ts'
import type { CollabHub, ConnectionHandle } from '../../../server/collab/hub.ts'
import type { CollabSocket, ConnectionAccess } from '../../../server/collab/types.ts'
import { silentLogger } from '../../../server/log.ts'
import { createCollabDoor } from '../../../server/http/collabDoor.ts'
import type { PlanService } from '../../../server/plans/planService.ts'

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const principal = { user: { id: 'user-0001', name: 'Vera Visitor' }, sessionId: 'session-0001' } as unknown as Principal

async function openDoor(role: string) {
  const opened: { socket: CollabSocket; access: ConnectionAccess }[] = []
  const hub = {
    handleConnection(socket: CollabSocket, access: ConnectionAccess): ConnectionHandle {
      opened.push({ socket, access })
      return { receive: () => undefined, pong: () => undefined, closed: () => undefined }
    },
  } as unknown as CollabHub
  const auth = { fromToken: async () => principal, fromSession: async () => null } as unknown as AuthService
  const plans = { accessOf: async () => ({ role, editorUntil: null }) } as unknown as PlanService
  const door = createCollabDoor({ hub, auth, plans, allowedOrigins: [], maxFrameBytes: 65_536, log: silentLogger })
  const requests: WeakRef<IncomingMessage>[] = []
  const server = createServer()
  server.on('upgrade', (req, socket, head) => {
    requests.push(new WeakRef(req))
    door.handleUpgrade(req, socket, head)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise<void>((resolve) => {
    door.close()
    server.closeAllConnections()
    server.close(() => resolve())
  }))
  const port = (server.address() as AddressInfo).port
  return { port, opened, requests }
}

function connectTo(port: number): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/collab/plan-00000001?token=a-token`)
  cleanups.push(() => ws.terminate())
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

async function collected(ref: WeakRef<object>): Promise<boolean> {
  for (let i = 0; i < 10 && ref.deref() !== undefined; i++) {
    await new Promise((resolve) => setImmediate(resolve))
    collectGarbage()
  }
  return ref.deref() === undefined
}

describe('the collaboration door', () => {
  it('hands an admitted connection to the hub with the person and role it decided', async () => {
    const { port, opened } = await openDoor('editor')
    await connectTo(port)
    expect(opened).toHaveLength(1)
    expect(opened[0].access).toMatchObject({ planId: 'plan-00000001', userId: 'user-0001', userName: 'Vera Visitor', role: 'editor' })
  })

  it('lets go of the upgrade request once the connection is open', async () => {
    const { port, opened, requests } = await openDoor('editor')
    const ws = await connectTo(port)
    expect(opened).toHaveLength(1)
    expect(requests).toHaveLength(1)
    expect(await collected(requests[0])).toBe(true)
    // Still open: what was let go of was the request, not the connection.
    expect(ws.readyState).toBe(WebSocket.OPEN)
    expect(opened[0].socket.isOpen).toBe(true)
  })
})
