/**
 * The HTTP glue: the JSON API under /api, the collaboration socket under /collab, and the built client
 * for every other path. Routes are thin; services decide.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { existsSync } from 'node:fs'
import sirv from 'sirv'
import type { AuthService, Principal } from '../auth/authService.ts'
import type { CollabHub } from '../collab/hub.ts'
import type { Logger } from '../collab/types.ts'
import { Failure, notFound } from '../failure.ts'
import type { ExportService } from '../plans/exportService.ts'
import type { PlanService } from '../plans/planService.ts'
import type { SnapshotService } from '../plans/snapshotService.ts'
import { createCollabDoor } from './collabDoor.ts'
import { parseCookies, readBody, sendFailure, sendJson } from './io.ts'
import { originAllowed } from './origin.ts'
import { Router, type RequestContext } from './router.ts'
import { authRoutes } from './routes/auth.ts'
import { exportRoutes } from './routes/export.ts'
import { planRoutes } from './routes/plans.ts'
import { progressRoutes } from './routes/progress.ts'
import { snapshotRoutes } from './routes/snapshots.ts'
import { SESSION_COOKIE, SessionCookie } from './session.ts'

export interface AppOptions {
  auth: AuthService
  plans: PlanService
  snapshots: SnapshotService
  exports: ExportService
  hub: CollabHub
  log: Logger
  clientDir: string | null
  allowedOrigins: string[]
  maxBodyBytes: number
  maxFrameBytes: number
  secureCookies: boolean
  /** Answers /api/health with 200 only once this is true. */
  isReady: () => boolean
}

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
}

export function createApp(options: AppOptions): { server: Server; closeSockets(): void } {
  const router = new Router()
  router.add('GET', '/api/health', async ({ res }) => {
    if (options.isReady()) sendJson(res, 200, { ok: true })
    else sendJson(res, 503, { error: 'Uplift is starting. Try again in a moment.' })
  })
  authRoutes(router, options.auth, new SessionCookie(options.secureCookies))
  planRoutes(router, options.plans)
  progressRoutes(router, options.plans)
  snapshotRoutes(router, options.snapshots, options.exports, options.log)
  exportRoutes(router, options.exports, options.log)

  const serveClient = options.clientDir && existsSync(options.clientDir)
    ? sirv(options.clientDir, { single: true, etag: true, gzip: false, brotli: false, setHeaders: (res, pathname) => {
      // Hashed assets never change; index.html must be fetched fresh to pick up a new build.
      res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
    } })
    : null

  const door = createCollabDoor({
    hub: options.hub, auth: options.auth, plans: options.plans, allowedOrigins: options.allowedOrigins,
    maxFrameBytes: options.maxFrameBytes, log: options.log,
  })

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET'
    const found = router.match(method, url.pathname)
    if (!found) throw new Failure('notFound', 'There is no such address in the Uplift API.')
    if ('malformed' in found) throw malformedId(found.malformed)
    if ('allowed' in found) {
      res.setHeader('allow', found.allowed.join(', '))
      throw new Failure('invalid', `Use ${found.allowed.join(' or ')} for this address.`)
    }
    const unsafe = method !== 'GET' && method !== 'HEAD'
    const bearer = req.headers.authorization?.startsWith('Bearer ') === true
    let cached: Promise<Principal | null> | null = null
    const authenticate = () => {
      cached ??= (async () => {
        if (bearer) return options.auth.fromToken(req.headers.authorization!.slice(7).trim())
        return options.auth.fromSession(parseCookies(req.headers.cookie)[SESSION_COOKIE])
      })()
      return cached
    }
    // Cross-site request forgery: a change made with the cookie must come from our own pages. Only a bearer
    // token (which then is the only credential read) exempts a request; any other Authorization header
    // would leave the cookie in charge.
    if (unsafe && !bearer && !originAllowed(req, options.allowedOrigins)) {
      throw new Failure('forbidden', 'This request came from another website and was refused.')
    }
    const context: RequestContext = {
      req, res, url, params: found.params,
      principal: async () => {
        const principal = await authenticate()
        if (!principal) throw new Failure('unauthenticated', 'You are not signed in. Sign in and try again.')
        return principal
      },
      body: (schema) => readBody(req, schema, options.maxBodyBytes),
    }
    await found.handler(context)
  }

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
    } catch {
      sendFailure(res, new Failure('invalid', 'That address is not valid.'))
      return
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      handleApi(req, res, url).catch((error: unknown) => {
        if (error instanceof Failure) return sendFailure(res, error)
        options.log.error('request failed', { method: req.method, path: url.pathname.replace(/\/invitations\/[^/]+/, '/invitations/…'), error: (error as Error).message })
        if (!res.headersSent) sendJson(res, 500, { error: 'Something went wrong on the server. Try again; if it keeps happening, tell whoever runs Uplift for you.' })
        else res.destroy()
      })
      return
    }
    if (serveClient) {
      serveClient(req, res, () => sendFailure(res, new Failure('notFound', 'Page not found.')))
      return
    }
    sendFailure(res, new Failure('notFound', 'The app has not been built. Run npm run build.'))
  })
  // A client that opens a connection and never finishes its request is dropped.
  server.headersTimeout = 20_000
  server.requestTimeout = 60_000
  server.on('upgrade', (req, socket, head) => door.handleUpgrade(req, socket, head))
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  return { server, closeSockets: () => door.close() }
}

/** A malformed id in an address: what it would name does not exist, as for any id nobody has. */
function malformedId(name: string): Failure {
  const what = ({ planId: 'plan', snapshotId: 'snapshot', versionId: 'version' } as Record<string, string>)[name]
  return what ? notFound(what) : new Failure('notFound', 'There is no such address in the Uplift API.')
}
