// Starting a server and a pool of client workers together, and always stopping both.
import { startServer } from '../servers/index.ts'
import type { ClientTarget, PreparedRoom, ServerHandle, ServerName, StartOptions } from '../servers/types.ts'
import type { ClientSpec, ClientState } from '../workers/protocol.ts'
import { WorkerPool } from '../workers/pool.ts'
import { waitFor } from '../clock.ts'
import type { ServerRun } from './types.ts'

/** Runs `run` with a fresh server and worker pool; what the server logged is added to the run's notes. */
export async function withServerAndPool(
  name: ServerName,
  workers: number,
  options: StartOptions,
  run: (server: ServerHandle, pool: WorkerPool) => Promise<ServerRun>,
): Promise<ServerRun> {
  const [server, pool] = await Promise.allSettled([startServer(name, options), WorkerPool.start(workers)])
  try {
    if (server.status === 'rejected') throw server.reason
    if (pool.status === 'rejected') throw pool.reason
    const result = await run(server.value, pool.value)
    result.notes.push(...server.value.logSummary())
    return result
  } finally {
    if (pool.status === 'fulfilled') await pool.value.stop()
    if (server.status === 'fulfilled') await server.value.stop()
  }
}

/** One client of a room: whose it is, and which worker process runs it. */
export interface Seat {
  person: number
  worker: number
}

/**
 * Uplift lets one person hold at most 50 connections at once (MAX_CONNECTIONS_PER_PERSON, left at its
 * default): the bench gives each person at most this many.
 */
export const CONNECTIONS_PER_PERSON = 40

/** Client specs per worker, from each room's seats. */
export function layoutClients(rooms: PreparedRoom[], seatsOfRoom: (index: number) => Seat[], workers: number): ClientSpec[][] {
  const perWorker: ClientSpec[][] = Array.from({ length: workers }, () => [])
  let key = 0
  rooms.forEach((room, index) => {
    for (const { person, worker } of seatsOfRoom(index)) {
      const target = room.targets.get(person) as ClientTarget
      perWorker[worker].push({ key: key++, target })
    }
  })
  return perWorker
}

/** The distinct people of a list of seats, in order. */
export function peopleOf(seats: Seat[]): number[] {
  return [...new Set(seats.map((seat) => seat.person))]
}

/** Whether every room's clients hold the same state (and content, when asked). */
export function roomsAgree(states: ClientState[], withContent: boolean): { agree: boolean; rooms: number; disagreeing: number } {
  const byRoom = new Map<string, ClientState[]>()
  for (const state of states) {
    let list = byRoom.get(state.room)
    if (!list) byRoom.set(state.room, (list = []))
    list.push(state)
  }
  let disagreeing = 0
  for (const list of byRoom.values()) {
    const first = list[0]
    if (list.some((s) => s.sv !== first.sv || (withContent && s.content !== first.content))) disagreeing++
  }
  return { agree: disagreeing === 0, rooms: byRoom.size, disagreeing }
}

/** Waits until every room's clients hold the same state vector. */
export async function waitUntilRoomsAgree(pool: WorkerPool, timeoutMs: number): Promise<boolean> {
  return waitFor(async () => roomsAgree((await pool.all<ClientState[]>({ cmd: 'states', content: false })).flat(), false).agree, timeoutMs, 250)
}
