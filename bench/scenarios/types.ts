// The shape every scenario shares: metric definitions, and what one server's run produced.
import type { BenchConfig } from '../config.ts'
import type { ServerName } from '../servers/types.ts'

export interface MetricDef {
  key: string
  label: string
  unit: 'ms' | 'ms/1k' | 'MB' | 'KB' | '/s' | 'count' | 'bool' | 's' | 'cores'
  /** Which way is better, for reading ratios; 'none' for descriptive figures. */
  better: 'lower' | 'higher' | 'none'
  /** Drawn in the chart. */
  chart?: boolean
}

export interface ServerRun {
  values: Record<string, number | null>
  notes: string[]
  /** Metrics whose value is only a lower bound (the measurement was cut off at that limit). */
  atLeast?: string[]
  /** The run failed; values may be partial. */
  error?: string
  /** With BENCH_ROUNDS above 1: each round's figures (`values` are their medians). */
  rounds?: Record<string, number | null>[]
}

export interface RunContext {
  config: BenchConfig
  resultsDir: string
  cacheDir: string
  log(message: string): void
}

export interface Scenario {
  id: number
  title: string
  description: string
  /** Servers this scenario applies to (others are reported as not applicable), or as the config says. */
  servers: ServerName[] | 'all' | ((config: BenchConfig) => ServerName[])
  metrics: MetricDef[]
  /** Run BENCH_ROUNDS times (the comparative load scenarios); the others run once. */
  repeatable?: boolean
  run(server: ServerName, context: RunContext): Promise<ServerRun>
}

export interface ScenarioResult {
  id: number
  title: string
  description: string
  metrics: MetricDef[]
  runs: Partial<Record<ServerName, ServerRun>>
}
