/**
 * The editing load shared by scenarios 1 and 2: plans with editors typing at a fixed rate, every
 * keystroke a Yjs update sent by a real provider. Measured: the latency from each keystroke to its arrival
 * at every other editor of the plan, deliveries per second, the server's CPU time per 1,000 deliveries,
 * its peak RSS, and whether every editor of every plan ended with the same document.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { now, sleep } from '../clock.ts'
import { Contention, cpuMs, peakRssBytes, resetPeakRss } from '../proc.ts'
import { MB, percentile, sortedCopy } from '../report/stats.ts'
import type { RoomSpec, ServerName } from '../servers/types.ts'
import type { Collected, ConnectResult, ClientState, EditResult } from '../workers/protocol.ts'
import { CONNECTIONS_PER_PERSON, layoutClients, peopleOf, roomsAgree, waitUntilRoomsAgree, withServerAndPool, type Seat } from './harness.ts'
import { monotonicUs, profileFlags, saveWindow } from './profile.ts'
import type { MetricDef, RunContext, ServerRun } from './types.ts'

export const EDITING_METRICS: MetricDef[] = [
  { key: 'p50', label: 'latency p50', unit: 'ms', better: 'lower', chart: true },
  { key: 'p95', label: 'latency p95', unit: 'ms', better: 'lower', chart: true },
  { key: 'p99', label: 'latency p99', unit: 'ms', better: 'lower', chart: true },
  { key: 'deliveredPerSecond', label: 'delivered updates/s', unit: '/s', better: 'higher', chart: true },
  { key: 'cpuPer1k', label: 'server CPU per 1,000 deliveries', unit: 'ms/1k', better: 'lower', chart: true },
  { key: 'peakRss', label: 'server peak RSS', unit: 'MB', better: 'lower', chart: true },
  { key: 'converged', label: 'every client converged', unit: 'bool', better: 'higher' },
  { key: 'edits', label: 'edits sent', unit: 'count', better: 'none' },
  { key: 'delivered', label: 'deliveries (of expected)', unit: 'count', better: 'none' },
  { key: 'lost', label: 'deliveries missing', unit: 'count', better: 'lower' },
  { key: 'synced', label: 'clients synced', unit: 'count', better: 'none' },
  { key: 'otherCores', label: 'CPU used by other programs meanwhile', unit: 'cores', better: 'none' },
]

export interface EditingLoad {
  plans: number
  editorsPerPlan: number
  perSecond: number
  /** 'across': a plan's editors are spread over every worker; 'within': each plan lives in one worker. */
  spread: 'across' | 'within'
  /** Where Uplift's CPU profile goes (BENCH_PROFILE=1), or null. */
  profileDir?: string | null
}

export async function runEditing(name: ServerName, load: EditingLoad, context: RunContext): Promise<ServerRun> {
  const { workers, loadSeconds, warmupSeconds } = context.config
  const notes: string[] = []
  const seatsOfPlan = (plan: number): Seat[] => Array.from({ length: load.editorsPerPlan }, (_, j) => load.spread === 'across'
    // Spread: editor j runs in worker j mod W; people are shared round-robin, at most 40 connections each.
    ? { worker: j % workers, person: j % Math.max(workers, Math.ceil(load.editorsPerPlan / CONNECTIONS_PER_PERSON)) }
    // Within: a plan's editors run in one worker and are one person, who edits several plans.
    : { worker: plan % workers, person: Math.floor(plan / Math.max(1, Math.floor(CONNECTIONS_PER_PERSON / load.editorsPerPlan))) })
  return withServerAndPool(name, workers, { nodeFlags: profileFlags(load.profileDir ?? null) }, async (server, pool) => {
    const specs: RoomSpec[] = Array.from({ length: load.plans }, (_, plan) => ({ people: peopleOf(seatsOfPlan(plan)) }))
    const rooms = await server.prepareRooms(specs)
    const perWorker = layoutClients(rooms, seatsOfPlan, workers)
    const roomSize = new Map(rooms.map((room) => [room.room, load.editorsPerPlan]))
    context.log(`${rooms.length} plan(s) ready; connecting ${load.plans * load.editorsPerPlan} editors (server pid ${server.pid})`)

    resetPeakRss(server.pid)
    const connected = await pool.all<ConnectResult>((worker) => ({ cmd: 'connect', clients: perWorker[worker.index], syncTimeoutMs: 60_000, track: true }), 120_000)
    const synced = connected.reduce((sum, r) => sum + r.syncedAt.filter((t) => !Number.isNaN(t)).length, 0)
    if (synced < load.plans * load.editorsPerPlan) notes.push(`${synced} of ${load.plans * load.editorsPerPlan} editors synced within 60 s`)
    await pool.all({ cmd: 'prepare' })
    if (!(await waitUntilRoomsAgree(pool, 20_000))) notes.push('editors did not agree before the load started')
    await sleep(500)
    if (warmupSeconds > 0) {
      // The same typing, not measured: a server is judged as it runs once it has been up a while, with its
      // hot paths compiled, rather than on its first seconds (the same for every server).
      context.log(`warming up: typing for ${warmupSeconds} s, not measured`)
      await pool.all<EditResult>({ cmd: 'edit', startAt: now() + 300, durationMs: warmupSeconds * 1000, perSecond: load.perSecond }, warmupSeconds * 1000 + 60_000)
      if (!(await waitUntilRoomsAgree(pool, 20_000))) notes.push('editors did not agree after the warm-up')
      await pool.all<Collected>({ cmd: 'collect', reset: true })
      await sleep(500)
    }

    const contention = new Contention([server.pid, ...pool.workers.map((w) => w.child.pid!)])
    const cpuBefore = cpuMs(server.pid)
    const startAt = now() + 300
    const windowStart = monotonicUs() + 300_000
    const durationMs = loadSeconds * 1000
    context.log(`typing for ${loadSeconds} s`)
    const typed = await pool.all<EditResult>({ cmd: 'edit', startAt, durationMs, perSecond: load.perSecond }, durationMs + 60_000)
    const edits = typed.reduce((sum, r) => sum + r.edits, 0)
    const workerCores = typed.reduce((sum, r) => sum + r.cpuMs, 0) / durationMs
    notes.push(`while typing: client workers used ${workerCores.toFixed(2)} cores in all, event-loop delay p99 ${Math.max(...typed.map((r) => r.lagP99Ms)).toFixed(0)} ms, max ${Math.max(...typed.map((r) => r.lagMaxMs)).toFixed(0)} ms (worst worker)`)
    const endAt = startAt + durationMs
    const drained = await waitUntilRoomsAgree(pool, 20_000)
    const cpuAfter = cpuMs(server.pid)
    const { otherCores } = contention.stop()
    if (otherCores > 0.2) notes.push(`other programs on this machine used ${otherCores.toFixed(2)} cores during the measurement: latencies are inflated`)
    saveWindow(load.profileDir ?? null, windowStart, monotonicUs())
    if (!drained) notes.push('some plans had not converged 20 s after typing stopped')
    notes.push(`server used ${((cpuAfter - cpuBefore) / (now() - startAt)).toFixed(2)} cores from the start of typing until every plan had converged`)

    const collected = await pool.all<Collected>({ cmd: 'collect' })
    const states = (await pool.all<ClientState[]>({ cmd: 'states', content: true })).flat()
    const agreement = roomsAgree(states, true)
    const latencies = joinLatencies(collected)
    let expected = 0
    for (const { sends } of collected) for (const send of sends) expected += send.times.length * ((roomSize.get(send.room) ?? 1) - 1)
    const inWindow = latencies.arrivedAt.filter((t) => t <= endAt).length
    if (process.env.BENCH_RAW === '1') {
      const rows = Array.from(latencies.values, (latency, i) => `${(latencies.arrivedAt[i] - startAt).toFixed(1)},${latency.toFixed(2)}`)
      writeFileSync(join(context.resultsDir, `raw-latency-${name}-${load.plans}x${load.editorsPerPlan}.csv`), 'arrivedAfterStartMs,latencyMs\n' + rows.join('\n'))
    }
    const sorted = sortedCopy(latencies.values)
    const delivered = sorted.length
    if (!agreement.agree) notes.push(`${agreement.disagreeing} of ${agreement.rooms} plans ended with editors disagreeing`)
    return {
      notes,
      values: {
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        deliveredPerSecond: inWindow / loadSeconds,
        cpuPer1k: delivered > 0 ? ((cpuAfter - cpuBefore) / delivered) * 1000 : null,
        peakRss: peakRssBytes(server.pid) / MB,
        converged: agreement.agree && delivered === expected && synced === load.plans * load.editorsPerPlan ? 1 : 0,
        edits,
        delivered,
        lost: expected - delivered,
        synced,
        otherCores,
      },
    }
  })
}

/** Joins each receiver's arrivals with each sender's keystrokes: one latency per (keystroke, receiver). */
export function joinLatencies(collected: Collected[]): { values: Float64Array; arrivedAt: Float64Array } {
  const sends = new Map<number, { lastClocks: Float64Array; times: Float64Array }>()
  for (const part of collected) for (const send of part.sends) sends.set(send.clientID, send)
  const values: number[] = []
  const arrivedAt: number[] = []
  for (const { arrivals } of collected) {
    for (let i = 0; i < arrivals.length; i += 4) {
      const send = sends.get(arrivals[i])
      if (!send) continue
      const from = arrivals[i + 1]
      const to = arrivals[i + 2]
      const at = arrivals[i + 3]
      // First keystroke whose last clock is at or after `from`.
      let lo = 0
      let hi = send.lastClocks.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (send.lastClocks[mid] < from) lo = mid + 1
        else hi = mid
      }
      for (let k = lo; k < send.lastClocks.length && send.lastClocks[k] < to; k++) {
        values.push(at - send.times[k])
        arrivedAt.push(at)
      }
    }
  }
  return { values: Float64Array.from(values), arrivedAt: Float64Array.from(arrivedAt) }
}
