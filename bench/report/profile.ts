/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): where the time went, by function and by file.
 * `npx tsx bench/report/profile.ts bench/results/profiles/<file>.cpuprofile [top]`
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

/** Self time by function and by file; with a window (monotonic µs), only samples inside it count. */
export function summariseProfile(file: string, top = 25, window?: { startUs: number; endUs: number }): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map<number, number>()
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0
    if (window && (at < window.startUs || at > window.endUs)) return
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const shortUrl = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'node_modules/').replace(/^.*\/work\/main\//, '')
  const byFunction = new Map<string, number>()
  const byFile = new Map<string, number>()
  for (const [id, time] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '(native)'
    const key = `${functionName || '(anonymous)'}  ${where}`
    byFunction.set(key, (byFunction.get(key) ?? 0) + time)
    const fileKey = url ? shortUrl(url) : functionName.startsWith('(') ? functionName : '(native)'
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + time)
  }
  const pct = (t: number) => `${((t / total) * 100).toFixed(1).padStart(5)} %`
  const lines = [`${file}: ${(total / 1e6).toFixed(1)} s sampled${window ? ' in the load window' : ''}`, '', 'self time by function:']
  for (const [key, time] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(time)}  ${key}`)
  lines.push('', 'self time by file:')
  for (const [key, time] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(time)}  ${key}`)
  return lines.join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, top] = process.argv.slice(2)
  if (!file) {
    console.error('usage: tsx bench/report/profile.ts <file.cpuprofile> [top]  (uses window.json beside it when present)')
    process.exit(2)
  }
  const windowFile = join(dirname(file), 'window.json')
  const window = existsSync(windowFile) ? (JSON.parse(readFileSync(windowFile, 'utf8')) as { startUs: number; endUs: number }) : undefined
  console.log(summariseProfile(file, Number(top ?? 25), window))
}
