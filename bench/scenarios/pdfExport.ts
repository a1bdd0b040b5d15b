/**
 * Scenario 5: PDF export of a 40-page plan (Uplift only). The plan is written through the collaboration
 * socket, then exported with `GET /api/plans/:id/export.pdf` (or POST). While that address answers 404
 * (the feature is not built yet) the scenario reports "not available yet"; once it exists, it measures the
 * time to the whole PDF and the server's peak memory (its process and any helper it starts) during export.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { contentUpdate } from '../../server/plans/content.ts'
import { now, sleep } from '../clock.ts'
import { peakRssBytes, resetPeakRss, treeRssBytes } from '../proc.ts'
import { MB } from '../report/stats.ts'
import type { UpliftHandle } from '../servers/uplift.ts'
import type { ProbeResult } from '../workers/protocol.ts'
import { withServerAndPool } from './harness.ts'
import { longPlan } from './planContent.ts'
import type { Scenario, ServerRun } from './types.ts'

export const pdfExport: Scenario = {
  id: 5,
  title: 'PDF export of a 40-page plan',
  description: 'Export a long plan to PDF: time to the whole file and the server\'s peak memory (Uplift only).',
  servers: ['uplift'],
  metrics: [
    { key: 'available', label: 'export available', unit: 'bool', better: 'higher' },
    { key: 'exportMs', label: 'time to the whole PDF', unit: 'ms', better: 'lower', chart: true },
    { key: 'peakMemoryMB', label: 'peak memory during export (server and helpers)', unit: 'MB', better: 'lower', chart: true },
    { key: 'extraMemoryMB', label: 'memory above the idle server', unit: 'MB', better: 'lower' },
    { key: 'pages', label: 'PDF pages', unit: 'count', better: 'none' },
    { key: 'pdfKB', label: 'PDF size', unit: 'KB', better: 'none' },
  ],
  run: (name, context) => withServerAndPool(name, 1, {}, async (server, pool): Promise<ServerRun> => {
    const uplift = server as UpliftHandle
    const notes: string[] = []
    const [room] = await uplift.prepareRooms([{ people: [0] }])
    const target = room.targets.get(0)!
    const update = contentUpdate(longPlan(context.config.pdf.pages))
    const [worker] = pool.workers
    const loaded = await worker.send<{ sv: string }>({ cmd: 'load', target, updates: [update], syncTimeoutMs: 30_000 })
    const stored = await worker.send<ProbeResult>({ cmd: 'probe', target, expectedSv: loaded.sv, timeoutMs: 30_000 })
    if (Number.isNaN(stored.ms)) notes.push('the plan content did not reach the server in time')
    await worker.send({ cmd: 'close' })
    await sleep(500)
    const values: ServerRun['values'] = { available: 0, exportMs: null, peakMemoryMB: null, extraMemoryMB: null, pages: null, pdfKB: null }

    const path = `/api/plans/${room.room}/export.pdf`
    const baseline = treeRssBytes(uplift.pid)
    resetPeakRss(uplift.pid)
    let peakTree = baseline
    const sampler = setInterval(() => { peakTree = Math.max(peakTree, treeRssBytes(uplift.pid)) }, 20)
    let response: Response | null = null
    let body: Buffer | null = null
    const started = now()
    try {
      for (const method of ['GET', 'POST']) {
        const attempt = await uplift.call(0, method, path)
        if (attempt.status === 404) { await attempt.arrayBuffer(); continue }
        response = attempt
        body = Buffer.from(await attempt.arrayBuffer())
        break
      }
    } finally {
      clearInterval(sampler)
    }
    const elapsed = now() - started
    if (!response || !body) {
      notes.push(`not available yet: GET and POST ${path.replace(room.room, ':id')} answer 404`)
      return { values, notes }
    }
    if (!response.ok || body.subarray(0, 5).toString() !== '%PDF-') {
      notes.push(`export answered ${response.status} ${response.headers.get('content-type') ?? ''}: not a PDF`)
      return { values, notes }
    }
    peakTree = Math.max(peakTree, treeRssBytes(uplift.pid), peakRssBytes(uplift.pid))
    values.available = 1
    values.exportMs = elapsed
    values.peakMemoryMB = peakTree / MB
    values.extraMemoryMB = (peakTree - baseline) / MB
    values.pdfKB = body.length / 1024
    const file = join(context.resultsDir, 'export-40-pages.pdf')
    writeFileSync(file, body)
    try {
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
      values.pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? Number.NaN)
    } catch {
      values.pages = null
    }
    notes.push(`the exported PDF is kept at ${file}`)
    return { values, notes }
  }),
}
