/**
 * BENCH_PROFILE=1: Uplift runs under `node --cpu-prof` in scenarios 1 to 3 (=all: every server); Node writes one profile
 * per thread (the tsx loader has its own) when the server stops. The load window is saved beside them
 * (CLOCK_MONOTONIC microseconds, the clock V8 stamps samples with) so the summary can leave out start-up.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ServerName } from '../servers/types.ts'
import type { RunContext } from './types.ts'

export function profileDir(server: ServerName, scenario: string, context: RunContext): string | null {
  if (!context.config.profile.includes(server)) return null
  return join(context.resultsDir, 'profiles', `${server}-${scenario}-${Date.now()}`)
}

export function profileFlags(dir: string | null): string[] {
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir, '--import', './bench/servers/exitOnSigterm.mjs'] : []
}

/** Microseconds on the monotonic clock. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n)
}

export function saveWindow(dir: string | null, startUs: number, endUs: number): void {
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'window.json'), JSON.stringify({ startUs, endUs }))
}
