/**
 * Uplift as people run it: compiled, `node dist/server/main.js` (built once per bench run when dist/server is
 * missing or older than its sources), authentication on (every client connects
 * with a personal token in `?token=`), durable logging on (FSYNC=true: each change is flushed to disk before
 * its writer is told it is stored).
 * Only the rate limits are raised, so the load is measured rather than refused.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { COMPILED_SERVER, ensureServerBuilt } from '../../scripts/serverBuild.ts'
import { trackFolder } from '../children.ts'
import { spawnListening } from './spawn.ts'
import type { PreparedRoom, RoomSpec, ServerHandle, StartOptions } from './types.ts'

export interface UpliftHandle extends ServerHandle {
  dataDir: string
  /** Calls the API as one of the bench's people, with their personal token. */
  call(group: number, method: string, path: string, body?: unknown): Promise<Response>
  /** One of the bench's people's session cookie (`name=value`), for a browser. */
  cookie(group: number): Promise<string>
}

interface Person {
  cookie: string
  token: string
}

/** Node flags `npm start` (scripts/start.sh) runs the server with: none (see the note there). */
export const UPLIFT_NODE_FLAGS: string[] = []

export const UPLIFT_ENV = {
  FSYNC: 'true',
  // As npm start (scripts/start.sh) sets it.
  MALLOC_MMAP_THRESHOLD_: '1048576',
  SCRYPT_LOG2N: '14',
  // The default (100/s, burst 400) is per connection and generous for people; a loader replaying an
  // editing history sends thousands of updates at once.
  MESSAGES_PER_SECOND: '10000',
  MESSAGE_BURST: '100000',
}

/**
 * Diagnostics and what-if runs only (the default run is Uplift as people run it):
 * BENCH_UPLIFT_ENV="FSYNC=false,UV_THREADPOOL_SIZE=16" adds to Uplift's environment;
 * BENCH_UPLIFT_NODE_FLAGS="--import ./some-probe.mjs" adds node flags to the Uplift process;
 * BENCH_UPLIFT_ENTRY=.scratch/before/server/main.js runs another build of the server (a copy of dist/server
 * and dist/shared made at an earlier commit, kept inside the repository so that it finds node_modules),
 * for runs that alternate two versions of Uplift on a noisy machine.
 */
function extraEnv(): Record<string, string> {
  const raw = process.env.BENCH_UPLIFT_ENV ?? ''
  return Object.fromEntries(raw.split(',').map((pair) => pair.trim()).filter(Boolean).map((pair) => {
    const at = pair.indexOf('=')
    return [pair.slice(0, at), pair.slice(at + 1)]
  }))
}

let built = false

/** The first start builds the server if it must; later starts (restarts, other scenarios) run that same build. */
function compiledServer(): string {
  if (!built) {
    ensureServerBuilt((line) => console.error(`bench: ${line}`))
    built = true
  }
  return COMPILED_SERVER
}

export async function startUplift(options: StartOptions = {}): Promise<UpliftHandle> {
  const entry = process.env.BENCH_UPLIFT_ENTRY || compiledServer()
  const dataDir = options.dataDir ?? trackFolder(mkdtempSync(join(tmpdir(), 'uplift-bench-')))
  const spawned = await spawnListening(
    [...UPLIFT_NODE_FLAGS, ...(options.nodeFlags ?? []), ...(process.env.BENCH_UPLIFT_NODE_FLAGS ?? '').split(' ').filter(Boolean), entry],
    // (No client unless a scenario serves one: the peers serve none.)
    { ...UPLIFT_ENV, ...extraEnv(), ...options.env, PORT: '0', DATA_DIR: dataDir, CLIENT_DIR: options.env?.CLIENT_DIR ?? join(dataDir, 'no-client') },
    /ready at http:\/\/127\.0\.0\.1:(\d+)/,
  )
  const url = `http://127.0.0.1:${spawned.port}`
  const people = new Map<number, Promise<Person>>()

  async function request(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
    return fetch(url + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
  }

  async function json<T>(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<T> {
    const response = await request(method, path, body, headers)
    if (!response.ok) throw new Error(`Uplift ${method} ${path} answered ${response.status}: ${await response.text()}`)
    return (await response.json()) as T
  }

  /** Each person registers through the API once and makes one personal token. */
  function person(group: number): Promise<Person> {
    let found = people.get(group)
    if (!found) {
      found = (async () => {
        const email = `bench-${group}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`
        const response = await request('POST', '/api/auth/register', { email, name: `Bench editor ${group}`, password: 'correct horse battery staple' }, { origin: url })
        if (response.status !== 201) throw new Error(`register failed: ${response.status} ${await response.text()}`)
        const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]
        const { token } = await json<{ token: { token: string } }>('POST', '/api/tokens', { name: 'bench' }, { cookie, origin: url })
        return { cookie, token: token.token }
      })()
      people.set(group, found)
    }
    return found
  }

  async function prepareOne(spec: RoomSpec, index: number): Promise<PreparedRoom> {
    const owner = await person(spec.people[0])
    const { plan } = await json<{ plan: { id: string } }>('POST', '/api/plans', {
      title: `Bench plan ${index}`, schoolName: `School ${index}`, templateId: spec.templateId ?? 'blank',
    }, { cookie: owner.cookie, origin: url })
    const targets: PreparedRoom['targets'] = new Map()
    const invited = new Set([spec.people[0]])
    for (const group of spec.people) {
      const guest = await person(group)
      if (!invited.has(group)) {
        invited.add(group)
        const { invitation } = await json<{ invitation: { token: string } }>('POST', `/api/plans/${plan.id}/invitations`, { role: 'editor' }, { cookie: owner.cookie, origin: url })
        await json('POST', `/api/invitations/${invitation.token}/accept`, undefined, { cookie: guest.cookie, origin: url })
      }
      targets.set(group, { protocol: 'y-websocket', url: `ws://127.0.0.1:${spawned.port}/collab`, room: plan.id, params: { token: guest.token }, upliftMessages: true })
    }
    return { room: plan.id, targets }
  }

  return {
    name: 'uplift',
    pid: spawned.pid,
    url,
    dataDir,
    output: spawned.output,
    logSummary: spawned.logSummary,
    stop: spawned.stop,
    async prepareRooms(specs) {
      // People first (password hashing is the slow part), then plans a few at a time.
      await Promise.all([...new Set(specs.flatMap((spec) => spec.people))].map(person))
      const rooms: PreparedRoom[] = new Array(specs.length)
      let next = 0
      await Promise.all(Array.from({ length: Math.min(8, specs.length) }, async () => {
        while (next < specs.length) {
          const index = next++
          rooms[index] = await prepareOne(specs[index], index)
        }
      }))
      return rooms
    },
    async call(group, method, path, body) {
      const { token } = await person(group)
      return request(method, path, body, { authorization: `Bearer ${token}` })
    },
    async cookie(group) {
      return (await person(group)).cookie
    },
  }
}
