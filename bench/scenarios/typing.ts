/**
 * Scenario 7: typing in a long plan, in Chromium (Uplift only: the peers serve no editor). Two people have
 * a plan of 240 blocks (750 text fields) open, each in their own browser page, each with the caret in a
 * field. One types a sentence at a person's pace while the other watches. Reported: how long the plan
 * takes to open, and the main-thread time each page spends per keystroke (Chrome's own TaskDuration, so no
 * profiler overhead), for the typist and for the watcher. The figure to keep low: an iPad does the same
 * work on a slower core, and with several people typing the watcher's cost adds up per person.
 *
 * Needs the built client (built here when missing) and Debian's Chromium at /usr/bin/chromium (`npm test`
 * installs it); without Chromium it says so and measures nothing. TaskDuration counts everything the page's
 * main thread does: scripts, and the style, layout and painting of a long page.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { contentUpdate } from '../../server/plans/content.ts'
import { now, sleep } from '../clock.ts'
import type { UpliftHandle } from '../servers/uplift.ts'
import { ROOT } from '../servers/spawn.ts'
import type { ProbeResult } from '../workers/protocol.ts'
import { withServerAndPool } from './harness.ts'
import { blockPlan } from './planContent.ts'
import type { Scenario, ServerRun } from './types.ts'

const CHROMIUM = '/usr/bin/chromium'
/** BENCH_CLIENT_DIR=<a build of another version's client> compares two clients on the same server. */
const CLIENT_DIR = process.env.BENCH_CLIENT_DIR || join(ROOT, 'dist', 'client')
export const AREAS = 30
export const SENTENCE = 'and the English lead will check progress each half term '
/** A quick typist: ten keys a second. */
export const KEY_DELAY_MS = 100
const TIMEOUT_MS = 60_000

export const typing: Scenario = {
  id: 7,
  title: 'Typing in a long plan (Chromium)',
  description: 'Two people in a plan of 240 blocks in two Chromium pages: one types, the other watches. Main-thread time per keystroke on each page (Uplift only).',
  servers: ['uplift'],
  metrics: [
    { key: 'openMs', label: 'open the plan: page load to every field shown', unit: 'ms', better: 'lower', chart: true },
    { key: 'typistMsPerKey', label: 'typist\'s page: main-thread time per key', unit: 'ms', better: 'lower', chart: true },
    { key: 'watcherMsPerKey', label: 'watching page: main-thread time per key typed', unit: 'ms', better: 'lower', chart: true },
    { key: 'converged', label: 'the watcher saw every key', unit: 'bool', better: 'higher' },
  ],
  run: async (name, context) => {
    const values: ServerRun['values'] = { openMs: null, typistMsPerKey: null, watcherMsPerKey: null, converged: null }
    if (!existsSync(CHROMIUM)) return { values, notes: [`not measured: ${CHROMIUM} is missing (npm test installs Debian's chromium)`] }
    if (!existsSync(join(CLIENT_DIR, 'index.html'))) {
      context.log('building the client (npx vite build)')
      execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore' })
    }
    return withServerAndPool(name, 1, { env: { CLIENT_DIR } }, async (server, pool): Promise<ServerRun> => {
      const uplift = server as UpliftHandle
      const notes: string[] = []
      const [room] = await uplift.prepareRooms([{ people: [0, 1] }])
      const [worker] = pool.workers
      const target = room.targets.get(0)!
      const loaded = await worker.send<{ sv: string }>({ cmd: 'load', target, updates: [contentUpdate(blockPlan(AREAS))], syncTimeoutMs: 30_000 })
      const stored = await worker.send<ProbeResult>({ cmd: 'probe', target, expectedSv: loaded.sv, timeoutMs: 30_000 })
      if (Number.isNaN(stored.ms)) notes.push('the plan content did not reach the server in time')
      await worker.send({ cmd: 'close' })

      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      })
      try {
        const planUrl = `${uplift.url}/plans/${room.room}`
        const typist = await openPlan(browser, uplift, 0, planUrl)
        const watcher = await openPlan(browser, uplift, 1, planUrl)
        values.openMs = typist.openMs
        const fields = (page: Page) => page.locator('.plan-field__input')
        const count = await fields(typist.page).count()
        notes.push(`${count} text fields; opened in ${typist.openMs.toFixed(0)} ms and ${watcher.openMs.toFixed(0)} ms`)
        // Each with the caret in a field, as people writing together are: the typist mid-plan, the watcher further on.
        for (const [page, index] of [[typist.page, Math.floor(count / 2)], [watcher.page, Math.floor((count * 3) / 4)]] as const) {
          const field = fields(page).nth(index)
          await field.scrollIntoViewIfNeeded({ timeout: TIMEOUT_MS })
          await field.click({ timeout: TIMEOUT_MS })
        }
        await sleep(1000)
        const before = await Promise.all([typist.busyMs(), watcher.busyMs()])
        await typist.page.keyboard.type(SENTENCE, { delay: KEY_DELAY_MS })
        const typed = SENTENCE.trim()
        const started = now()
        let converged = false
        while (now() - started < TIMEOUT_MS) {
          // (textContent, not innerText: innerText lays the whole page out, which is the bench's cost, not the page's.)
          if ((await watcher.page.locator('.plan-content').textContent())?.includes(typed)) {
            converged = true
            break
          }
          await sleep(100)
        }
        // Time for the last key's redraws, which wait for typing to pause.
        await sleep(1500)
        const after = await Promise.all([typist.busyMs(), watcher.busyMs()])
        values.typistMsPerKey = (after[0] - before[0]) / SENTENCE.length
        values.watcherMsPerKey = (after[1] - before[1]) / SENTENCE.length
        values.converged = converged ? 1 : 0
        notes.push(`${SENTENCE.length} keys at ${1000 / KEY_DELAY_MS} a second; the figures include the pause after the last key`)
      } finally {
        await browser.close()
      }
      return { values, notes }
    })
  },
}

/** A person's page with the plan open and every field shown; `busyMs` reads the page's main-thread time so far. */
async function openPlan(browser: Browser, uplift: UpliftHandle, group: number, url: string) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' })
  const [cookieName, cookieValue] = (await uplift.cookie(group)).split('=')
  await context.addCookies([{ name: cookieName, value: cookieValue, url: uplift.url, httpOnly: true, sameSite: 'Lax' }])
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  const started = now()
  await page.goto(url, { timeout: TIMEOUT_MS })
  try {
    await page.getByText('Live', { exact: true }).waitFor({ timeout: TIMEOUT_MS })
    await page.locator('.plan-field__input').nth(700).waitFor({ timeout: TIMEOUT_MS })
  } catch (error) {
    const shown = (await page.locator('body').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 300)
    throw new Error(`the plan did not open at ${page.url()} (${(error as Error).message.split('\n')[0]}); the page said: ${shown}`)
  }
  const openMs = now() - started
  const busyMs = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN) * 1000
  }
  return { page, openMs, busyMs }
}
