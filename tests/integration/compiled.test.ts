// The server as `npm start` runs it: compiled JavaScript (dist/server) under plain node, no TypeScript loader.
// Every other test runs the TypeScript sources, so this one covers what only the build can break, such as the
// PDF worker thread's entry (worker.js beside the compiled pool, not the tsx boot file beside the sources).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createPlan, register } from '../helpers/api.ts'
import { pdfText, savePdf } from '../helpers/pdf.ts'
import { spawnServer, type ServerProcess } from '../helpers/process.ts'
import { COMPILED_SERVER } from '../../scripts/serverBuild.ts'
import { LISTEN_BACKLOG } from '../../server/server.ts'

/** How many handshaken connections the kernel holds for the socket listening on `port` (`ss`: its Send-Q). */
function listenBacklog(port: string): number {
  const [line = ''] = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim().split('\n')
  return Number(line.split(/\s+/)[2])
}

let server: ServerProcess | undefined
let dataDir: string | undefined
afterAll(async () => {
  await server?.kill('SIGTERM')
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

describe('the compiled server', () => {
  it('starts under plain node, answers the API and exports a PDF through its worker thread', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'uplift-compiled-'))
    server = await spawnServer(dataDir, {}, { compiled: true })
    expect(server.child.spawnargs.slice(1)).toEqual([COMPILED_SERVER])

    const health = await fetch(`${server.url}/api/health`)
    expect(health.status).toBe(200)
    // A storm of reconnections (after a restart) waits in the kernel's queue rather than being dropped
    // and retried a second later: the queue is as long as the system allows, not Node's 511.
    const systemMax = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'))
    expect(listenBacklog(new URL(server.url).port)).toBe(Math.min(LISTEN_BACKLOG, systemMax))

    const owner = await register(server.url, 'Ada Lovelace')
    const plan = await createPlan(owner, 'Compiled export', 'Seaview Primary')
    const response = await owner.call('GET', `/api/plans/${plan.id}/export.pdf`)
    if (response.status !== 200) throw new Error(`the export answered ${response.status}: ${await response.text()}\n${server.output()}`)
    expect(response.headers.get('content-type')).toMatch(/^application\/pdf/)
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdfText(savePdf('compiled-server', bytes), 1, 1)).toContain('Compiled export')
  })
})
