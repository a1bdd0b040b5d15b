/**
 * The door of the collaboration endpoint, `/collab/<planId>`: checks the page's origin, authenticates
 * (session cookie or `token` query parameter) and resolves the role once, before the plan is loaded or
 * anything of it is sent. A refusal is a WebSocket close with a named code, so the page can say why.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex, Writable } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { isValidId } from '../../shared/ids.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { can, type Access } from '../../shared/roles.ts'
import type { AuthService, Principal } from '../auth/authService.ts'
import type { CollabHub } from '../collab/hub.ts'
import type { CollabSocket, Logger } from '../collab/types.ts'
import type { PlanService } from '../plans/planService.ts'
import { parseCookies } from './io.ts'
import { originAllowed } from './origin.ts'
import { SESSION_COOKIE } from './session.ts'
import { TurnShare } from './turnShare.ts'

export interface CollabDoorOptions {
  hub: CollabHub
  auth: AuthService
  plans: PlanService
  allowedOrigins: string[]
  maxFrameBytes: number
  log: Logger
}

export function createCollabDoor(options: CollabDoorOptions) {
  const { hub, auth, plans, log } = options
  // ws refuses frames past this ceiling itself (close 1009); frames between the configured limit and the
  // ceiling are refused by the room with the named frameTooLarge code.
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes * 2 + 1024, perMessageDeflate: false })

  function refuse(socket: Duplex, status: number, text: string): void {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  }

  /**
   * Wires an upgraded socket to the hub. Apart from `handleUpgrade` on purpose: the closures made here live
   * as long as the connection, and closures share their function's scope, so made there they kept the
   * upgrade request (its headers and their strings, a couple of KB) alive with every open connection.
   */
  function admit(ws: WebSocket, socket: Duplex, planId: string, principal: Principal | null, access: Access | null): void {
    ws.on('error', (error) => log.warn('socket error', { planId, error: error.message }))
    if (!principal) return ws.close(CloseCode.unauthenticated.code, CloseCode.unauthenticated.reason)
    // "No such plan" and "not shared with you" look the same.
    if (!access || !can(access.role, 'readLive')) return ws.close(CloseCode.noAccess.code, CloseCode.noAccess.reason)
    const handle = hub.handleConnection(new UpgradedSocket(ws, socket), {
      planId, userId: principal.user.id, userName: principal.user.name, sessionId: principal.sessionId, tokenId: principal.tokenId,
      role: access.role, editorUntil: access.editorUntil,
    })
    const share = new TurnShare(ws)
    ws.on('message', (data: Buffer, isBinary) => {
      if (!isBinary) return ws.close(CloseCode.badFrame.code, CloseCode.badFrame.reason)
      const started = performance.now()
      handle.receive(data)
      share.spent(performance.now() - started)
    })
    ws.on('pong', handle.pong)
    ws.on('close', handle.closed)
  }

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      // (Not a closure: it would keep this scope, and `req` with it, for as long as the socket is open.)
      socket.on('error', destroySocket)
      const url = new URL(req.url ?? '/', 'http://localhost')
      const match = /^\/collab\/([^/]+)$/.exec(url.pathname)
      if (!match) return refuse(socket, 404, 'Not Found')
      // A page on another site must not use a visitor's cookie to open their plans.
      if (!originAllowed(req, options.allowedOrigins)) return refuse(socket, 403, 'Forbidden')
      let planId: string
      try {
        planId = decodeURIComponent(match[1])
      } catch {
        return refuse(socket, 404, 'Not Found')
      }
      const token = url.searchParams.get('token') ?? undefined
      const cookie = parseCookies(req.headers.cookie)[SESSION_COOKIE]
      const decide = async (): Promise<{ principal: Principal | null; access: Access | null }> => {
        const principal = token ? await auth.fromToken(token) : await auth.fromSession(cookie)
        if (!principal || !isValidId(planId)) return { principal, access: null }
        return { principal, access: await plans.accessOf(planId, principal.user.id) }
      }
      decide().then(({ principal, access }) => {
        // The handshake's answer leaves with the first frames (the plan's presence, sync and stored
        // messages when it is loaded), in one write.
        corkForRound(socket)
        wss.handleUpgrade(req, socket, head, (ws) => admit(ws, socket, planId, principal, access))
      }, (error: Error) => {
        log.error('could not decide access to a plan', { planId, error: error.message })
        refuse(socket, 503, 'Service Unavailable')
      })
    },
    close(): void {
      wss.close()
    },
  }
}

function destroySocket(this: Duplex): void {
  this.destroy()
}

/**
 * A change is relayed to everyone in a plan as the same message: it is framed once (RFC 6455, a final binary
 * frame, unmasked as a server's are) and that frame written to each socket, rather than framed again for
 * each. Only the most recent message is kept.
 */
let lastMessage: Uint8Array | null = null
let lastFrame: Buffer | null = null

export function frameBinary(data: Uint8Array): Buffer {
  if (data === lastMessage && lastFrame) return lastFrame
  const length = data.length
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10
  const frame = Buffer.allocUnsafe(header + length)
  frame[0] = 0x82
  if (length < 126) {
    frame[1] = length
  } else if (length < 65_536) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2)
    frame.writeUInt32BE(length >>> 0, 6)
  }
  frame.set(data, header)
  lastMessage = data
  lastFrame = frame
  return frame
}

/**
 * Sockets written to in this round of the event loop, corked: everything sent to one socket while the loop
 * handles the input that is ready (several people's changes relayed to the same reader, the four
 * presences and the sync reply a newcomer is sent, the changes one group commit stored with their `stored`
 * message) leaves in one system call when they are uncorked, in the loop's check phase (setImmediate), once
 * the round's reads and their promise reactions are done. A write costs about as much as everything else
 * the server does for a change, so this is most of the cost of a burst. A frame waits for the rest of the
 * round's input to be handled, and for any setImmediate queued before it in the round: at worst one of the
 * 10 ms slices a large plan is loaded or a large change applied in. (Uncorking after each callback instead,
 * with process.nextTick, the connection storm of `npm run bench` made 7 writes per connection; once a
 * round, 2.7, and the server's CPU per connection fell by a tenth, with no rise in latency in the typing
 * scenarios.)
 *
 * A round is usually well under a millisecond, but after a pause (a garbage collection, a burst of joins)
 * one round may handle tens of milliseconds of input, and everything relayed early in it waited for its
 * end. So once a round is MAX_CORKED_MS old, the next socket to be corked first sends what all the others
 * hold. In bench scenario 2 (500 plans of 4 editors), over 8 alternating pairs of runs, that took the
 * 99th-percentile delivery from 16–123 ms (median 60) to 12–52 ms (median 23), and the server's CPU per
 * delivery fell by about 7 %; scenarios 1 and 3 were unchanged.
 */
const MAX_CORKED_MS = 5
const corked: (Writable | null)[] = []
let corkedCount = 0
let roundStarted = 0
/**
 * Marks a socket corked this round. (The list is reused rather than a Set cleared every round: clearing
 * makes a new table, which lived until the next round and was promoted to the old generation to die there.)
 */
const CORKED = Symbol('corked this round')
type Corkable = Writable & { [CORKED]?: boolean }

function uncorkAll(): void {
  const count = corkedCount
  corkedCount = 0
  for (let i = 0; i < count; i++) {
    const socket = corked[i] as Corkable
    corked[i] = null
    socket[CORKED] = false
    socket.uncork()
  }
}

/**
 * Corks a socket until the end of this round of the event loop, or of its first MAX_CORKED_MS (once,
 * however often it is called).
 */
export function corkForRound(socket: Writable): void {
  const target = socket as Corkable
  if (target[CORKED]) return
  if (corkedCount > 0 && performance.now() - roundStarted > MAX_CORKED_MS) uncorkAll()
  if (corkedCount === 0) {
    roundStarted = performance.now()
    setImmediate(uncorkAll)
  }
  socket.cork()
  target[CORKED] = true
  corked[corkedCount++] = socket
}

export function writeCorked(socket: Writable, frame: Buffer): void {
  corkForRound(socket)
  socket.write(frame)
}

const OPEN = 1

/**
 * The socket ws upgraded is written to directly with ready-made frames. That is safe because ws, with
 * compression off, never holds frames back: its own frames (pings, close) go straight to the same socket,
 * whole and in order with ours (a corked socket queues them behind what it holds), so frames never
 * interleave; and what the socket holds is what ws would report as buffered.
 *
 * A class, not an object literal per socket: each literal's getters are closures of their own, which gives
 * every socket its own hidden class, and the property reads made for every message sent (`isOpen`,
 * `bufferedAmount`) then went through V8's slow megamorphic lookup.
 */
class UpgradedSocket implements CollabSocket {
  constructor(private readonly ws: WebSocket, private readonly socket: Duplex) {}

  send(data: Uint8Array): void {
    if (this.ws.readyState === OPEN) writeCorked(this.socket, frameBinary(data))
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason)
  }

  terminate(): void {
    this.ws.terminate()
  }

  ping(): void {
    this.ws.ping()
  }

  get bufferedAmount(): number {
    return this.socket.writableLength
  }

  get isOpen(): boolean {
    return this.ws.readyState === OPEN
  }
}
