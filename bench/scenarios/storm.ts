/**
 * Scenario 3: connection storm. 5,000 clients (5 per plan) connect at once from the client workers and
 * sync. Measured: the time until every client has synced (or how many did), the spread of per-client
 * sync times, the server's CPU time per 1,000 connections, and its memory per idle connection
 * (RSS after the storm and a quiet spell, minus RSS before, divided by the connections synced).
 */
import { sleep } from '../clock.ts'
import { Contention, cpuMs, peakRssBytes, resetPeakRss, rssBytes } from '../proc.ts'
import { MB, percentile, sortedCopy } from '../report/stats.ts'
import type { RoomSpec } from '../servers/types.ts'
import type { ConnectResult } from '../workers/protocol.ts'
import { CONNECTIONS_PER_PERSON, layoutClients, peopleOf, withServerAndPool, type Seat } from './harness.ts'
import { monotonicUs, profileDir, profileFlags, saveWindow } from './profile.ts'
import type { Scenario } from './types.ts'

export const storm: Scenario = {
  id: 3,
  title: 'Connection storm',
  description: 'Every client connects at once (several plans, a few clients each) and syncs; then they sit idle.',
  servers: 'all',
  repeatable: true,
  metrics: [
    { key: 'allSyncedMs', label: 'time until all synced', unit: 'ms', better: 'lower', chart: true },
    { key: 'syncP50', label: 'per-client sync p50', unit: 'ms', better: 'lower' },
    { key: 'syncP95', label: 'per-client sync p95', unit: 'ms', better: 'lower', chart: true },
    { key: 'synced', label: 'clients synced', unit: 'count', better: 'higher' },
    { key: 'rssPerConnection', label: 'RSS per idle connection', unit: 'KB', better: 'lower', chart: true },
    { key: 'cpuPer1kConnections', label: 'server CPU per 1,000 connections', unit: 'ms/1k', better: 'lower', chart: true },
    { key: 'peakRss', label: 'server peak RSS', unit: 'MB', better: 'lower', chart: true },
    { key: 'closes', label: 'sockets closed during the storm', unit: 'count', better: 'lower' },
    { key: 'otherCores', label: 'CPU used by other programs meanwhile', unit: 'cores', better: 'none' },
  ],
  run: (name, context) => {
    const { clients, clientsPerPlan, idleMs, timeoutMs } = context.config.storm
    const { workers } = context.config
    const plans = Math.ceil(clients / clientsPerPlan)
    // A plan's clients run in one worker and are one person, who has several plans (at most 40 connections).
    const plansPerPerson = Math.max(1, Math.floor(CONNECTIONS_PER_PERSON / clientsPerPlan))
    const seatsOfPlan = (plan: number): Seat[] => Array.from({ length: clientsPerPlan }, () => ({ worker: plan % workers, person: Math.floor(plan / plansPerPerson) }))
    const profile = profileDir(name, 'storm', context)
    return withServerAndPool(name, workers, { nodeFlags: profileFlags(profile) }, async (server, pool) => {
      const notes: string[] = []
      const specs: RoomSpec[] = Array.from({ length: plans }, (_, plan) => ({ people: peopleOf(seatsOfPlan(plan)) }))
      const rooms = await server.prepareRooms(specs)
      const perWorker = layoutClients(rooms, seatsOfPlan, workers)
      await sleep(1000)
      const rssBefore = rssBytes(server.pid)
      resetPeakRss(server.pid)
      const cpuBefore = cpuMs(server.pid)
      const contention = new Contention([server.pid, ...pool.workers.map((w) => w.child.pid!)])
      const windowStart = monotonicUs()
      context.log(`${plans} plans ready; ${clients} clients connecting`)
      const results = await pool.all<ConnectResult>((worker) => ({ cmd: 'connect', clients: perWorker[worker.index], syncTimeoutMs: timeoutMs, track: false }), timeoutMs + 60_000)
      const { otherCores } = contention.stop()
      if (otherCores > 0.2) notes.push(`other programs on this machine used ${otherCores.toFixed(2)} cores during the storm: times are inflated`)
      const start = Math.min(...results.map((r) => r.startedAt))
      const times: number[] = []
      let last = 0
      for (const result of results) {
        for (const t of result.syncedAt) {
          if (Number.isNaN(t)) continue
          times.push(t - result.startedAt)
          last = Math.max(last, t)
        }
      }
      const synced = times.length
      const closes = results.reduce((sum, r) => sum + r.closes, 0)
      if (synced < clients) notes.push(`only ${synced} of ${clients} clients synced within ${timeoutMs / 1000} s`)
      await sleep(idleMs)
      const cpuAfter = cpuMs(server.pid)
      const rssAfter = rssBytes(server.pid)
      saveWindow(profile, windowStart, monotonicUs())
      const sorted = sortedCopy(times)
      return {
        notes,
        values: {
          allSyncedMs: synced === clients ? last - start : null,
          syncP50: percentile(sorted, 50),
          syncP95: percentile(sorted, 95),
          synced,
          rssPerConnection: synced > 0 ? (rssAfter - rssBefore) / synced / 1024 : null,
          cpuPer1kConnections: synced > 0 ? ((cpuAfter - cpuBefore) / synced) * 1000 : null,
          peakRss: peakRssBytes(server.pid) / MB,
          closes,
          otherCores,
        },
      }
    })
  },
}
