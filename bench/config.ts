/**
 * What the bench runs, sized to finish in about ten minutes on a 2-core machine. Environment overrides:
 * BENCH_SCENARIOS=1,3  BENCH_SERVERS=uplift,relay  BENCH_LOAD_SECONDS=15  BENCH_WARMUP_SECONDS=3  BENCH_WORKERS=4
 * BENCH_QUICK=1 (a small smoke run)  BENCH_PROFILE=1 (Uplift under --cpu-prof in scenarios 1-3; =all: every server)
 * BENCH_SOAK_SECONDS=120 (scenario 6's length)  BENCH_SOAK_SERVERS=all (scenario 6 against the peers too; default uplift)
 * BENCH_ROUNDS=3 (scenarios 1-3 that many times, servers in alternating order; medians reported)
 */
import { SERVER_NAMES } from './servers/index.ts'
import type { ServerName } from './servers/types.ts'

export interface BenchConfig {
  scenarios: number[]
  servers: ServerName[]
  workers: number
  loadSeconds: number
  /**
   * Scenarios 1 and 2: seconds of the same typing before the measured window, not counted, so that every
   * server is measured as it runs once it has been up a while (its hot paths compiled), not while starting.
   */
  warmupSeconds: number
  quick: boolean
  /**
   * How many times scenarios 1-3 run, the servers in alternating order each time; each figure is the median
   * of its rounds. One by default, to keep the whole run near ten minutes.
   */
  rounds: number
  /** Servers run under --cpu-prof in scenarios 1, 2 and 3. */
  profile: ServerName[]
  staffRoom: { editors: number; perSecond: number }
  manySchools: { plans: number; editorsPerPlan: number; perSecond: number }
  storm: { clients: number; clientsPerPlan: number; idleMs: number; timeoutMs: number }
  largePlan: { sessions: number; opsPerSession: number }
  pdf: { pages: number }
  soak: SoakConfig
}

export interface SoakConfig {
  /** Servers the soak runs against (a subset of `servers`): it is long, so Uplift alone unless asked. */
  servers: ServerName[]
  /** Length of the soak itself, after the warm-up, in cycles of `cycleSeconds`. */
  seconds: number
  cycleSeconds: number
  plans: number
  editorsPerPlan: number
  perSecond: number
  /** Share of the connections replaced every cycle: half as whole plans left and others opened, half one editor reconnecting. */
  churn: number
  /** Uplift's IDLE_UNLOAD_MS for this scenario, so plans left unload within the run. */
  idleUnloadMs: number
  /** Quiet time after everyone has left (and plans have unloaded) before the closing reading. */
  settleSeconds: number
}

function list(raw: string | undefined): string[] | null {
  return raw ? raw.split(',').map((item) => item.trim()).filter(Boolean) : null
}

function serverList(names: string[], variable: string): ServerName[] {
  for (const name of names) if (!SERVER_NAMES.includes(name as ServerName)) throw new Error(`Unknown server "${name}" in ${variable} (use ${SERVER_NAMES.join(', ')}).`)
  return names as ServerName[]
}

function roundCount(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1
  const rounds = Number(raw)
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 9) throw new Error(`BENCH_ROUNDS must be a whole number from 1 to 9 (got "${raw}").`)
  return rounds
}

export function loadBenchConfig(env = process.env): BenchConfig {
  const quick = env.BENCH_QUICK === '1'
  const servers = serverList(list(env.BENCH_SERVERS) ?? SERVER_NAMES, 'BENCH_SERVERS')
  return {
    scenarios: (list(env.BENCH_SCENARIOS) ?? ['1', '2', '3', '4', '5', '6', '7']).map(Number),
    servers,
    workers: Number(env.BENCH_WORKERS ?? 4),
    loadSeconds: Number(env.BENCH_LOAD_SECONDS ?? (quick ? 4 : 15)),
    warmupSeconds: Number(env.BENCH_WARMUP_SECONDS ?? (quick ? 1 : 3)),
    quick,
    rounds: roundCount(env.BENCH_ROUNDS),
    profile: env.BENCH_PROFILE === 'all' ? [...SERVER_NAMES] : env.BENCH_PROFILE === '1' ? ['uplift'] : [],
    staffRoom: { editors: quick ? 10 : 50, perSecond: 5 },
    manySchools: { plans: quick ? 20 : 500, editorsPerPlan: 4, perSecond: 1 },
    storm: { clients: quick ? 200 : 5000, clientsPerPlan: 5, idleMs: 3000, timeoutMs: 120_000 },
    largePlan: quick ? { sessions: 40, opsPerSession: 400 } : { sessions: 500, opsPerSession: 400 },
    pdf: { pages: 40 },
    soak: {
      servers: env.BENCH_SOAK_SERVERS === 'all' ? servers : serverList(list(env.BENCH_SOAK_SERVERS) ?? ['uplift'], 'BENCH_SOAK_SERVERS'),
      seconds: Number(env.BENCH_SOAK_SECONDS ?? (quick ? 20 : 120)),
      cycleSeconds: quick ? 5 : 10,
      plans: quick ? 15 : 75,
      editorsPerPlan: 4,
      perSecond: 1,
      churn: 0.25,
      idleUnloadMs: 2000,
      settleSeconds: quick ? 3 : 5,
    },
  }
}
