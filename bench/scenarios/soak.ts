/**
 * Scenario 6: soak. Several hundred editors (by default 75 plans × 4) stay connected for minutes, typing
 * at a modest rate, while every cycle some leave and others arrive: whole plans are left (Uplift unloads
 * them once idle; IDLE_UNLOAD_MS is short here), and as many are opened, some left earlier and some made
 * during the run (as schools make new plans), and single editors reconnect to their plan. So what a server
 * holds per connection and per plan is made and released again and again. Its memory (RSS, and its heap after a forced collection) and open file descriptors are read
 * when it is idle after a warm-up round (the baseline), at the end of every cycle, and when it is idle
 * again at the end: a server that releases what it made ends as it began ("flat").
 */
import { now, sleep, waitFor } from '../clock.ts'
import { Contention, openFds, peakRssBytes, resetPeakRss, rssBytes } from '../proc.ts'
import { MB, percentile, sortedCopy } from '../report/stats.ts'
import type { ServerHandle } from '../servers/types.ts'
import type { WorkerPool } from '../workers/pool.ts'
import type { ClientSpec, ClientState, Collected, ConnectResult, EditResult } from '../workers/protocol.ts'
import { joinLatencies } from './editing.ts'
import { CONNECTIONS_PER_PERSON, roomsAgree, waitUntilRoomsAgree, withServerAndPool } from './harness.ts'
import type { RunContext, Scenario, ServerRun } from './types.ts'

/** End RSS may exceed the baseline by this share of it, or by FLAT_RSS_BYTES if that is more. */
const FLAT_RSS_SHARE = 0.15
const FLAT_RSS_BYTES = 20 * MB
/** End open file descriptors may differ from the baseline by this many. */
const FLAT_FDS = 3
/** After everyone has left: how much longer to wait, at most, for descriptors to come back down. */
const FDS_SETTLE_LIMIT_MS = 15_000
const SYNC_TIMEOUT_MS = 30_000
const AGREE_TIMEOUT_MS = 20_000

const GC_PROBE_FLAGS = ['--expose-gc', '--import', './bench/servers/gcProbe.mjs']

export const soak: Scenario = {
  id: 6,
  title: 'Soak: hundreds of connections for minutes, with churn',
  description: 'Editors stay connected and type while some leave and others arrive every cycle; memory and open descriptors, idle before and after.',
  servers: (config) => config.soak.servers,
  metrics: [
    { key: 'connections', label: 'connections opened (warm-up too)', unit: 'count', better: 'none' },
    { key: 'cycles', label: 'cycles', unit: 'count', better: 'none' },
    { key: 'delivered', label: 'updates delivered', unit: 'count', better: 'none' },
    { key: 'lost', label: 'deliveries missing', unit: 'count', better: 'lower' },
    { key: 'p95', label: 'latency p95', unit: 'ms', better: 'lower', chart: true },
    { key: 'converged', label: 'every client converged, every cycle', unit: 'bool', better: 'higher' },
    { key: 'rssBaseline', label: 'RSS idle after warm-up (baseline)', unit: 'MB', better: 'lower' },
    { key: 'rssLoadFirst', label: 'RSS under load, first cycle', unit: 'MB', better: 'lower' },
    { key: 'rssLoadLast', label: 'RSS under load, last cycle', unit: 'MB', better: 'lower' },
    { key: 'peakRss', label: 'server peak RSS', unit: 'MB', better: 'lower', chart: true },
    { key: 'rssEnd', label: 'RSS idle at the end', unit: 'MB', better: 'lower', chart: true },
    { key: 'rssGrowth', label: 'RSS growth, end − baseline', unit: 'MB', better: 'lower', chart: true },
    { key: 'heapBaseline', label: 'heap after GC, baseline', unit: 'MB', better: 'lower' },
    { key: 'heapEnd', label: 'heap after GC, end', unit: 'MB', better: 'lower' },
    { key: 'heapGrowth', label: 'heap growth, end − baseline', unit: 'MB', better: 'lower', chart: true },
    { key: 'fdsBaseline', label: 'open descriptors, baseline', unit: 'count', better: 'none' },
    { key: 'fdsLoadLast', label: 'open descriptors under load, last cycle', unit: 'count', better: 'none' },
    { key: 'fdsEnd', label: 'open descriptors at the end', unit: 'count', better: 'none' },
    { key: 'flat', label: 'flat (RSS and descriptors back to baseline)', unit: 'bool', better: 'higher' },
    { key: 'otherCores', label: 'CPU used by other programs meanwhile', unit: 'cores', better: 'none' },
  ],
  run: (name, context) => {
    const env: Record<string, string> = name === 'uplift' ? { IDLE_UNLOAD_MS: String(context.config.soak.idleUnloadMs) } : {}
    return withServerAndPool(name, context.config.workers, { nodeFlags: GC_PROBE_FLAGS, env }, (server, pool) => runSoak(server, pool, context))
  },
}

interface Plan {
  target: ClientSpec['target']
  worker: number
  /** Keys of its open clients, oldest first. */
  keys: number[]
}

interface Reading {
  rss: number
  fds: Map<string, number>
  /** The V8 heap after a full collection (the gc probe), or null where the probe is not loaded. */
  heap: HeapFigures | null
}

/** process.memoryUsage() in the server, in bytes. */
interface HeapFigures {
  heapUsed: number
  heapTotal: number
  external: number
  arrayBuffers: number
}

const total = (fds: Map<string, number>) => [...fds.values()].reduce((sum, n) => sum + n, 0)

async function runSoak(server: ServerHandle, pool: WorkerPool, context: RunContext): Promise<ServerRun> {
  const settings = context.config.soak
  const { workers } = context.config
  const { editorsPerPlan } = settings
  const notes: string[] = []
  // Every cycle: `rotate` plans are left and as many are opened, `fresh` of them new (made during the
  // run) and the rest left earlier (half the churn); `reconnects` editors of other plans reconnect (the
  // other half).
  const churned = Math.round(settings.plans * editorsPerPlan * settings.churn)
  const rotate = Math.max(1, Math.round(churned / 2 / editorsPerPlan))
  const fresh = Math.ceil(rotate / 2)
  const reconnects = Math.min(settings.plans - rotate, Math.max(0, churned - rotate * editorsPerPlan))
  // Plans left wait their turn to be opened again: at least three cycles, time enough to unload.
  const spare = (rotate - fresh) * 3
  // A plan's editors run in one worker and are one person, who edits several plans (at most 40 connections).
  const plansPerPerson = Math.max(1, Math.floor(CONNECTIONS_PER_PERSON / editorsPerPlan))
  const probe = new GcProbe(server)

  const plans: Plan[] = []
  /** Makes `count` more plans (on Uplift: through its API, each owned by its person). */
  async function makePlans(count: number): Promise<Plan[]> {
    const first = plans.length
    const prepared = await server.prepareRooms(Array.from({ length: count }, (_, i) => ({ people: [Math.floor((first + i) / plansPerPerson)] })))
    const made = prepared.map((room, i) => ({ target: [...room.targets.values()][0], worker: (first + i) % workers, keys: [] }))
    plans.push(...made)
    return made
  }
  let idle = await makePlans(settings.plans + spare)
  let active = idle.splice(0, settings.plans)
  let nextKey = 0
  let opened = 0
  let synced = 0

  /** Opens `count` new clients on each plan given, waits for them to sync, and has each start its paragraph. */
  async function open(entries: { plan: Plan; count: number }[]): Promise<void> {
    const perWorker: ClientSpec[][] = Array.from({ length: workers }, () => [])
    for (const { plan, count } of entries) {
      for (let i = 0; i < count; i++) {
        plan.keys.push(nextKey)
        perWorker[plan.worker].push({ key: nextKey++, target: plan.target })
      }
    }
    const results = await pool.all<ConnectResult>((worker) => ({ cmd: 'connect', clients: perWorker[worker.index], syncTimeoutMs: SYNC_TIMEOUT_MS, track: true }), SYNC_TIMEOUT_MS + 60_000)
    opened += perWorker.reduce((sum, specs) => sum + specs.length, 0)
    synced += results.reduce((sum, r) => sum + r.syncedAt.filter((t) => !Number.isNaN(t)).length, 0)
    await pool.all({ cmd: 'prepare' })
  }

  async function disconnect(keysOfPlan: { plan: Plan; keys: number[] }[]): Promise<void> {
    const perWorker: number[][] = Array.from({ length: workers }, () => [])
    for (const { plan, keys } of keysOfPlan) {
      perWorker[plan.worker].push(...keys)
      plan.keys = plan.keys.filter((key) => !keys.includes(key))
    }
    await pool.all((worker) => ({ cmd: 'disconnect', keys: perWorker[worker.index] }), 60_000)
  }

  /** Plans left and opened, and single editors reconnected (disconnect first: a person's limit holds). */
  let reconnectCursor = 0
  async function churn(): Promise<void> {
    const leaving = active.slice(0, rotate)
    const joining = [...idle.splice(0, rotate - fresh), ...(await makePlans(fresh))]
    const staying = active.slice(rotate)
    const reconnecting = Array.from({ length: reconnects }, (_, i) => staying[(reconnectCursor + i) % staying.length])
    reconnectCursor += reconnects
    await disconnect([
      ...leaving.map((plan) => ({ plan, keys: [...plan.keys] })),
      ...reconnecting.map((plan) => ({ plan, keys: plan.keys.slice(0, 1) })),
    ])
    active = [...staying, ...joining]
    idle = [...idle, ...leaving]
    await open([...joining.map((plan) => ({ plan, count: editorsPerPlan })), ...reconnecting.map((plan) => ({ plan, count: 1 }))])
    if (!(await waitUntilRoomsAgree(pool, AGREE_TIMEOUT_MS))) notes.push('after a churn, some plans\' editors did not agree before typing resumed')
  }

  /** Everyone leaves; after the idle unload and a quiet spell the server is read (with a forced collection). */
  async function idleReading(untilFds: number | null): Promise<Reading> {
    await pool.all({ cmd: 'close' })
    for (const plan of plans) plan.keys = []
    await sleep(settings.idleUnloadMs + settings.settleSeconds * 1000)
    if (untilFds !== null) {
      const started = Date.now()
      const settled = await waitFor(() => Math.abs(total(openFds(server.pid)) - untilFds) <= FLAT_FDS, FDS_SETTLE_LIMIT_MS, 500)
      const waited = ((Date.now() - started) / 1000).toFixed(1)
      if (!settled) notes.push(`open descriptors were not back to the baseline after waiting ${waited} s more`)
      else if (Date.now() - started > 600) notes.push(`open descriptors took ${waited} s more to come back to the baseline`)
    }
    const heap = await probe.collect()
    await sleep(1000)
    return { rss: rssBytes(server.pid), fds: openFds(server.pid), heap }
  }

  const cycleMs = settings.cycleSeconds * 1000
  /** One cycle's typing, then (when every plan agrees) what was delivered. */
  async function typeFor(durationMs: number): Promise<{ agreed: boolean; delivered: number; expected: number; latencies: Float64Array; typed: EditResult[] }> {
    const typed = await pool.all<EditResult>({ cmd: 'edit', startAt: now() + 200, durationMs, perSecond: settings.perSecond }, durationMs + 60_000)
    const agreed = await waitUntilRoomsAgree(pool, AGREE_TIMEOUT_MS)
    const collected = await pool.all<Collected>({ cmd: 'collect', reset: true })
    const { values } = joinLatencies(collected)
    let expected = 0
    for (const { sends } of collected) for (const send of sends) expected += send.times.length * (editorsPerPlan - 1)
    return { agreed, delivered: values.length, expected, latencies: values, typed }
  }

  // Warm-up: one round as the soak does it, then everyone leaves; the idle server is the baseline.
  context.log(`${plans.length} plans ready (${settings.plans} open at a time); warm-up with ${settings.plans * editorsPerPlan} editors (server pid ${server.pid})`)
  await open(active.map((plan) => ({ plan, count: editorsPerPlan })))
  await typeFor(cycleMs)
  await churn()
  const baseline = await idleReading(null)
  const plansBeforeSoak = plans.length
  resetPeakRss(server.pid)
  context.log(`baseline: RSS ${(baseline.rss / MB).toFixed(0)} MB, ${total(baseline.fds)} open descriptors; soak for ${settings.seconds} s, every cycle ${rotate} plans left and opened (${fresh} new) and ${reconnects} single editors reconnected`)

  const contention = new Contention([server.pid, ...pool.workers.map((w) => w.child.pid!)])
  await open(active.map((plan) => ({ plan, count: editorsPerPlan })))
  if (!(await waitUntilRoomsAgree(pool, AGREE_TIMEOUT_MS))) notes.push('editors did not agree before the soak started')
  const soakEnd = Date.now() + settings.seconds * 1000
  const maxCycles = Math.max(1, Math.ceil(settings.seconds / settings.cycleSeconds))
  const underLoad: { rss: number; fds: number }[] = []
  const latencies: number[] = []
  let delivered = 0
  let expected = 0
  let everyCycleAgreed = true
  let workerCoresMax = 0
  for (let cycle = 0; cycle < maxCycles; cycle++) {
    const remaining = soakEnd - Date.now()
    if (cycle > 0 && remaining < 1000) break
    const durationMs = Math.max(1000, Math.min(cycleMs, remaining))
    const round = await typeFor(durationMs)
    everyCycleAgreed &&= round.agreed
    delivered += round.delivered
    expected += round.expected
    for (const latency of round.latencies) latencies.push(latency)
    workerCoresMax = Math.max(workerCoresMax, ...round.typed.map((r) => r.cpuMs / durationMs))
    underLoad.push({ rss: rssBytes(server.pid), fds: total(openFds(server.pid)) })
    if (Date.now() < soakEnd - 1000 && cycle < maxCycles - 1) await churn()
  }
  const states = (await pool.all<ClientState[]>({ cmd: 'states', content: true })).flat()
  const finalAgreement = roomsAgree(states, true)
  const { otherCores } = contention.stop()
  const peak = peakRssBytes(server.pid)
  const end = await idleReading(total(baseline.fds))

  const sorted = sortedCopy(latencies)
  const rssGrowth = end.rss - baseline.rss
  const fdsBaseline = total(baseline.fds)
  const fdsEnd = total(end.fds)
  const rssFlat = rssGrowth <= Math.max(FLAT_RSS_SHARE * baseline.rss, FLAT_RSS_BYTES)
  const fdsFlat = Math.abs(fdsEnd - fdsBaseline) <= FLAT_FDS
  const heapGrowth = end.heap !== null && baseline.heap !== null ? end.heap.heapUsed - baseline.heap.heapUsed : null

  notes.push(`under load, at the end of each cycle: RSS ${underLoad.map((s) => (s.rss / MB).toFixed(0)).join(', ')} MB; open descriptors ${underLoad.map((s) => s.fds).join(', ')}`)
  notes.push(`idle, baseline → end: RSS ${(baseline.rss / MB).toFixed(1)} → ${(end.rss / MB).toFixed(1)} MB; after GC, ${describeHeap(baseline.heap, end.heap)}; open descriptors ${describeFds(baseline.fds)} → ${describeFds(end.fds)}`)
  if (!rssFlat) notes.push(`RSS grew by ${(rssGrowth / MB).toFixed(1)} MB, more than ${Math.round(FLAT_RSS_SHARE * 100)} % or ${FLAT_RSS_BYTES / MB} MB of the baseline`)
  notes.push(`${plans.length - plansBeforeSoak} plans were made during the soak (${plans.length} in all, none open at the end)`)
  if (!fdsFlat) notes.push(`open descriptors changed by ${fdsEnd - fdsBaseline}: ${fdsChange(baseline.fds, end.fds)}`)
  if (workerCoresMax > 0.8) notes.push(`a client worker used up to ${workerCoresMax.toFixed(2)} cores while typing: latencies include client-side delay`)
  if (otherCores > 0.2) notes.push(`other programs on this machine used ${otherCores.toFixed(2)} cores during the soak: latencies are inflated`)
  if (synced < opened) notes.push(`${opened - synced} of ${opened} connections did not sync within ${SYNC_TIMEOUT_MS / 1000} s`)
  if (!everyCycleAgreed) notes.push(`in some cycles the plans had not converged ${AGREE_TIMEOUT_MS / 1000} s after typing stopped`)
  if (!finalAgreement.agree) notes.push(`${finalAgreement.disagreeing} of ${finalAgreement.rooms} plans ended with editors disagreeing`)
  if (!probe.ready) notes.push('heap not read: the gc probe was not loaded into the server')
  context.log(`end: RSS ${(end.rss / MB).toFixed(0)} MB (baseline ${(baseline.rss / MB).toFixed(0)}), ${fdsEnd} open descriptors (baseline ${fdsBaseline}): ${rssFlat && fdsFlat ? 'flat' : 'NOT flat'}`)
  return {
    notes,
    values: {
      connections: opened,
      cycles: underLoad.length,
      delivered,
      lost: expected - delivered,
      p95: percentile(sorted, 95),
      converged: everyCycleAgreed && finalAgreement.agree && delivered === expected && synced === opened ? 1 : 0,
      rssBaseline: baseline.rss / MB,
      rssLoadFirst: underLoad[0].rss / MB,
      rssLoadLast: underLoad[underLoad.length - 1].rss / MB,
      peakRss: peak / MB,
      rssEnd: end.rss / MB,
      rssGrowth: rssGrowth / MB,
      heapBaseline: baseline.heap === null ? null : baseline.heap.heapUsed / MB,
      heapEnd: end.heap === null ? null : end.heap.heapUsed / MB,
      heapGrowth: heapGrowth === null ? null : heapGrowth / MB,
      fdsBaseline,
      fdsLoadLast: underLoad[underLoad.length - 1].fds,
      fdsEnd,
      flat: rssFlat && fdsFlat ? 1 : 0,
      otherCores,
    },
  }
}

function describeHeap(before: HeapFigures | null, after: HeapFigures | null): string {
  if (!before || !after) return 'heap not read'
  const keys = ['heapUsed', 'heapTotal', 'external', 'arrayBuffers'] as const
  return keys.map((key) => `${key} ${(before[key] / MB).toFixed(1)} → ${(after[key] / MB).toFixed(1)} MB`).join(', ')
}

function describeFds(fds: Map<string, number>): string {
  return `${total(fds)} (${[...fds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${n} ${kind}`).join(', ')})`
}

/** What kinds of descriptor there are more or fewer of. */
function fdsChange(before: Map<string, number>, after: Map<string, number>): string {
  const kinds = new Set([...before.keys(), ...after.keys()])
  return [...kinds].map((kind) => [kind, (after.get(kind) ?? 0) - (before.get(kind) ?? 0)] as const)
    .filter(([, change]) => change !== 0)
    .map(([kind, change]) => `${change > 0 ? '+' : ''}${change} ${kind}`).join(', ')
}

/**
 * Asks the server (run with bench/servers/gcProbe.mjs) for a full garbage collection and reads the heap it
 * reports. Only when the probe said it is there: without it, SIGUSR2 would end the process.
 */
class GcProbe {
  readonly ready: boolean
  private count = 0

  constructor(private readonly server: ServerHandle) {
    this.ready = server.output().includes('gc-probe ready')
  }

  async collect(): Promise<HeapFigures | null> {
    if (!this.ready) return null
    const wanted = ++this.count
    process.kill(this.server.pid, 'SIGUSR2')
    let heap: HeapFigures | null = null
    await waitFor(() => {
      const match = new RegExp(`gc-probe #${wanted} heapUsed=(\\d+) heapTotal=(\\d+) external=(\\d+) arrayBuffers=(\\d+)`).exec(this.server.output())
      if (match) heap = { heapUsed: Number(match[1]), heapTotal: Number(match[2]), external: Number(match[3]), arrayBuffers: Number(match[4]) }
      return match !== null
    }, 10_000, 50)
    return heap
  }
}
