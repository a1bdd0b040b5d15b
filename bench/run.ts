/**
 * `npm run bench`: every scenario against every server, each server started fresh as its own process on
 * 127.0.0.1 for each scenario, clients in separate worker processes. Prints one table per scenario and
 * writes bench/results/latest.json and latest.svg (plus timestamped copies). No assertions: figures only.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { installCleanup, killAll } from './children.ts'
import { sleep } from './clock.ts'
import { machineBusyMs } from './proc.ts'
import { loadBenchConfig } from './config.ts'
import { renderChart } from './report/chart.ts'
import { combineRounds, roundOrder } from './report/rounds.ts'
import { renderTable } from './report/table.ts'
import { largePlan } from './scenarios/largePlan.ts'
import { manySchools } from './scenarios/manySchools.ts'
import { pdfExport } from './scenarios/pdfExport.ts'
import { soak } from './scenarios/soak.ts'
import { staffRoom } from './scenarios/staffRoom.ts'
import { storm } from './scenarios/storm.ts'
import { AREAS, KEY_DELAY_MS, SENTENCE, typing } from './scenarios/typing.ts'
import type { RunContext, Scenario, ScenarioResult, ServerRun } from './scenarios/types.ts'
import type { ServerName } from './servers/types.ts'
import { SERVER_LABELS } from './servers/index.ts'
import { ROOT } from './servers/spawn.ts'

const SCENARIOS: Scenario[] = [staffRoom, manySchools, storm, largePlan, pdfExport, soak, typing]

function version(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    return 'not installed'
  }
}

function describe(config: ReturnType<typeof loadBenchConfig>): Record<number, string> {
  return {
    1: `1 plan, ${config.staffRoom.editors} editors × ${config.staffRoom.perSecond} keystrokes/s, ${config.loadSeconds} s after ${config.warmupSeconds} s unmeasured`,
    2: `${config.manySchools.plans} plans × ${config.manySchools.editorsPerPlan} editors × ${config.manySchools.perSecond} keystroke/s, ${config.loadSeconds} s after ${config.warmupSeconds} s unmeasured`,
    3: `${config.storm.clients} clients, ${config.storm.clientsPerPlan} per plan, all at once`,
    4: `${config.largePlan.sessions * config.largePlan.opsPerSession} edit operations in ${config.largePlan.sessions} sessions`,
    5: `${config.pdf.pages}-page plan`,
    6: `${config.soak.plans} plans × ${config.soak.editorsPerPlan} editors × ${config.soak.perSecond} keystroke/s for ${config.soak.seconds} s after a warm-up, ${Math.round(config.soak.churn * 100)} % of the connections replaced every ${config.soak.cycleSeconds} s`,
    7: `a plan of ${AREAS * 8} blocks, ${SENTENCE.length} keys at ${1000 / KEY_DELAY_MS} a second`,
  }
}

/** Cores the machine is busy with, measured over `ms` (the bench itself is idle meanwhile). */
async function machineLoad(ms: number): Promise<number> {
  const before = machineBusyMs()
  await sleep(ms)
  return (machineBusyMs() - before) / ms
}

/**
 * On a shared machine other programs inflate latencies: before each server's run, wait (a bounded time,
 * BENCH_QUIET_WAIT_SECONDS, default 30) for the machine to be quiet, and say so when it is not.
 */
async function waitForQuiet(context: RunContext): Promise<void> {
  const limit = Number(process.env.BENCH_QUIET_WAIT_SECONDS ?? 30) * 1000
  const started = Date.now()
  let load = await machineLoad(1000)
  while (load > 0.3 && Date.now() - started < limit) load = await machineLoad(2000)
  if (load > 0.3) context.log(`the machine is busy with other work (${load.toFixed(1)} cores): figures will be noisy`)
  else if (Date.now() - started > 1500) context.log(`waited ${((Date.now() - started) / 1000).toFixed(0)} s for other work on the machine to finish`)
}

async function main(): Promise<void> {
  installCleanup()
  const config = loadBenchConfig()
  const resultsDir = join(ROOT, 'bench', 'results')
  mkdirSync(resultsDir, { recursive: true })
  const startedAt = new Date()
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-')
  const context: RunContext = {
    config,
    resultsDir,
    cacheDir: join(resultsDir, 'cache'),
    log: (message) => console.log(`  · ${message}`),
  }
  // A hard ceiling: a stuck run ends (and its children with it) rather than hanging a machine.
  const ceilingMinutes = Number(process.env.BENCH_MAX_MINUTES ?? 30)
  setTimeout(() => {
    console.error(`bench: still running after ${ceilingMinutes} minutes; stopping`)
    killAll()
    process.exit(1)
  }, ceilingMinutes * 60_000).unref()

  const versions = {
    node: process.version,
    yjs: version('yjs'),
    'y-websocket (client)': version('y-websocket'),
    '@y/websocket-server': version('@y/websocket-server'),
    '@hocuspocus/server': version('@hocuspocus/server'),
    '@hocuspocus/provider': version('@hocuspocus/provider'),
    ws: version('ws'),
  }
  console.log(`Uplift benchmarks: ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB, ${process.version}`)
  console.log(`servers: ${config.servers.map((s) => SERVER_LABELS[s]).join(', ')}; ${config.workers} client workers${config.rounds > 1 ? `; ${config.rounds} rounds of scenarios 1-3 (medians)` : ''}${config.quick ? '; QUICK run' : ''}${config.profile.length > 0 ? `; --cpu-prof: ${config.profile.join(', ')}` : ''}`)
  const sizes = describe(config)
  const results: ScenarioResult[] = []
  const save = () => {
    const json = JSON.stringify({ startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryBytes: totalmem() }, versions, config, scenarios: results }, null, 2)
    const svg = renderChart(results, `Uplift benchmarks, ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`)
    writeFileSync(join(resultsDir, `bench-${stamp}.json`), json)
    writeFileSync(join(resultsDir, 'latest.json'), json)
    writeFileSync(join(resultsDir, `bench-${stamp}.svg`), svg)
    writeFileSync(join(resultsDir, 'latest.svg'), svg)
  }

  for (const scenario of SCENARIOS.filter((s) => config.scenarios.includes(s.id))) {
    const applies = scenario.servers === 'all' ? config.servers : typeof scenario.servers === 'function' ? scenario.servers(config) : scenario.servers
    const servers = config.servers.filter((s) => applies.includes(s))
    const result: ScenarioResult = { id: scenario.id, title: scenario.title, description: `${scenario.description} (${sizes[scenario.id]})`, metrics: scenario.metrics, runs: {} }
    results.push(result)
    console.log(`\n▶ Scenario ${scenario.id}. ${scenario.title}: ${sizes[scenario.id]}`)
    const rounds = scenario.repeatable ? config.rounds : 1
    const runs = new Map<ServerName, ServerRun[]>(servers.map((server) => [server, []]))
    for (let round = 0; round < rounds; round++) {
      if (rounds > 1) console.log(` round ${round + 1} of ${rounds}`)
      for (const server of roundOrder(servers, round)) {
        await waitForQuiet(context)
        const began = Date.now()
        console.log(` ${SERVER_LABELS[server]}`)
        let run: ServerRun
        try {
          run = await scenario.run(server, context)
        } catch (error) {
          const message = (error as Error).stack ?? String(error)
          console.error(`  ${SERVER_LABELS[server]} failed: ${message}`)
          run = { values: {}, notes: [], error: message }
        }
        runs.get(server)!.push(run)
        result.runs[server] = combineRounds(runs.get(server)!, scenario.metrics)
        console.log(`  · done in ${((Date.now() - began) / 1000).toFixed(1)} s`)
        save()
      }
    }
    console.log('\n' + renderTable(result, servers))
  }
  save()
  console.log(`\nResults: ${join('bench', 'results', 'latest.json')} and ${join('bench', 'results', 'latest.svg')} (copies: bench-${stamp}.*)`)
  console.log(`Total time: ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s`)
}

main().then(() => {
  killAll()
  process.exit(0)
}, (error: Error) => {
  console.error(error)
  killAll()
  process.exit(1)
})
