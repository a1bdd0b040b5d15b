// End-to-end harness: the built client served by a real server, and Debian's Chromium driven by
// playwright-core (never a downloaded browser). Each simulated person gets their own browser context.
import { existsSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type ElementHandle, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import type { PlanSummary } from '../../shared/api.ts'
import { createPlan, register, share, type Person } from '../helpers/api.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
export const clientDir = join(root, 'dist', 'client')
export const screenshotDir = join(root, 'test-results', 'screenshots')

export const CHROMIUM = '/usr/bin/chromium'

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error('Debian chromium is missing: npm test installs it (apt-get install chromium).')
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export async function startAppServer(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  if (!existsSync(join(clientDir, 'index.html'))) throw new Error('The client is not built: run `npx vite build` (npm test does).')
  return startTestServer({ ...options, env: { CLIENT_DIR: clientDir, ...options.env } })
}

/** A browser context signed in as `person` (their session cookie), on a laptop or tablet viewport. */
export async function contextFor(browser: Browser, server: TestServer, person: Person | null, device: 'laptop' | 'tablet' = 'laptop'): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: device === 'laptop' ? { width: 1366, height: 900 } : { width: 820, height: 1180 },
    hasTouch: device === 'tablet',
    locale: 'en-GB',
    // Lets the test inject axe-core; the app's own Content-Security-Policy stays on for everything else.
    bypassCSP: true,
    timezoneId: 'Europe/London',
  })
  if (person) {
    const [name, value] = person.cookie.split('=')
    await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Lax' }])
  }
  return context
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true })
  const path = join(screenshotDir, `${name}.png`)
  // A plan's blocks away from the screen are drawn only as they come near it (content-visibility in
  // styles.css): for a picture of the whole page, every block is drawn.
  const drawAll = await page.addStyleTag({ content: '.plan-content > .react-renderer { content-visibility: visible !important; }' })
  await page.screenshot({ path, fullPage: true })
  await drawAll.evaluate((element) => (element as Element).remove())
  return path
}

let axeSource: string | null = null

/**
 * Runs axe-core (WCAG 2.2 A and AA rules) on the page and fails on any violation. `also` adds rules from
 * outside those tags (axe files `heading-order` under best practice, though it serves 1.3.1 and 2.4.6).
 */
export async function expectAccessible(page: Page, label: string, also: string[] = []): Promise<void> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  await page.addScriptTag({ content: axeSource })
  const violations = await page.evaluate(async (extra) => {
    const result = await (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } })
      .axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        rules: Object.fromEntries(extra.map((rule) => [rule, { enabled: true }])),
      })
    return result.violations.map((violation) => ({
      id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }))
  }, also)
  expect(violations, `accessibility violations on ${label}`).toEqual([])
}

/**
 * The element with focus, as its tag and its text ("h2 Autumn review", "button Open “Autumn review”"), a
 * form control as its tag and id ("select#signoff-head"), or "body" when focus has been dropped: what a keyboard or screen-reader user is left on.
 */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement
    if (!element || element === document.body) return 'body'
    // A form control by its id (a select's text would be all its options).
    if (element.matches('input, select, textarea')) return `${element.tagName.toLowerCase()}#${element.id}`
    const text = (element.getAttribute('aria-label') ?? (element as HTMLElement).innerText ?? '').replace(/\s+/g, ' ').trim()
    return `${element.tagName.toLowerCase()} ${text}`.trim()
  })
}

/** A browser and an app server for a test file, started before its tests and stopped after them. */
export function browserAndServer(options: Parameters<typeof startAppServer>[0] = {}): { browser: () => Browser; server: () => TestServer } {
  let browser: Browser
  let server: TestServer
  beforeAll(async () => {
    browser = await launchBrowser()
    server = await startAppServer(options)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })
  return { browser: () => browser, server: () => server }
}

/**
 * A visiting leader and the host school's head in one post-inspection plan (its structured blocks), each in
 * their own laptop-sized browser window, both live.
 */
export async function visitorAndHeadInBlockPlan(scope: ReturnType<typeof browserAndServer>): Promise<{ plan: PlanSummary; a: Page; b: Page }> {
  const visitor = await register(scope.server().url, 'Vic Visiting')
  const head = await register(scope.server().url, 'Hana Head')
  const { plan } = await visitor.json<{ plan: PlanSummary }>('POST', '/api/plans', {
    title: 'Post-inspection action plan', schoolName: 'Northcliff Academy', templateId: 'post-inspection-ri',
  })
  await share(visitor, plan.id, head, 'editor')
  const a = await (await contextFor(scope.browser(), scope.server(), visitor, 'laptop')).newPage()
  const b = await (await contextFor(scope.browser(), scope.server(), head, 'laptop')).newPage()
  for (const page of [a, b]) {
    await page.goto(`${scope.server().url}/plans/${plan.id}`)
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Live')
  }
  return { plan, a, b }
}

/**
 * Vera, a visiting leader (laptop), and Harry, the host school's head (tablet), both editors of a new plan
 * from the default template, each in their own browser context, both live.
 */
export async function veraAndHarryLive(scope: ReturnType<typeof browserAndServer>): Promise<{ a: Page; b: Page; visitorContext: BrowserContext; close(): Promise<void> }> {
  const visitor = await register(scope.server().url, 'Vera Visiting')
  const head = await register(scope.server().url, 'Harry Head')
  const plan = await createPlan(visitor, 'Raising standards in writing', 'Cliffside Academy')
  await share(visitor, plan.id, head, 'editor')
  const visitorContext = await contextFor(scope.browser(), scope.server(), visitor, 'laptop')
  const headContext = await contextFor(scope.browser(), scope.server(), head, 'tablet')
  const a = await visitorContext.newPage()
  const b = await headContext.newPage()
  await Promise.all([a.goto(`${scope.server().url}/plans/${plan.id}`), b.goto(`${scope.server().url}/plans/${plan.id}`)])
  for (const page of [a, b]) await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Live')
  return { a, b, visitorContext, close: async () => { await visitorContext.close(); await headContext.close() } }
}

/** One person alone in a new post-inspection plan, on a laptop, its template's text all there. */
export async function planOnLaptop(scope: ReturnType<typeof browserAndServer>, name: string): Promise<{ page: Page; content: Locator; close(): Promise<void> }> {
  const leader = await register(scope.server().url, name)
  const { plan } = await leader.json('POST', '/api/plans', {
    title: 'Post-inspection action plan', schoolName: 'Millbrook Primary', templateId: 'post-inspection-ri',
  })
  const context = await contextFor(scope.browser(), scope.server(), leader, 'laptop')
  const page = await context.newPage()
  await page.goto(`${scope.server().url}/plans/${plan.id}`)
  const content = page.getByRole('textbox', { name: 'Plan content' })
  await expect.poll(() => content.innerText()).toContain('Keeping parents and staff informed')
  return { page, content, close: () => context.close() }
}

/** A plan block by its name ("Target: Persistent absence"), and one of its text fields by its label. */
export const blockNamed = (page: Page, name: RegExp): Locator => page.getByRole('group', { name }).first()
export const fieldOf = (page: Page, name: RegExp, label: string): Locator => blockNamed(page, name).getByRole('textbox', { name: label, exact: true })

/** Clicks into an element and waits for the caret to be there, as a person would before typing. */
export async function clickInto(target: Locator): Promise<void> {
  await target.click()
  await caretSettledIn(target)
}

/** Types a new paragraph at the end of the plan, as a person would: click the last block, End, Enter, type. */
export async function typeAtEnd(page: Page, text: string, delay = 10): Promise<void> {
  // Held once: with others typing, "the last block" may be another one a moment later.
  const last = await page.getByRole('textbox', { name: 'Plan content' }).locator(':scope > *').last().elementHandle()
  if (!last) throw new Error('the plan has no blocks to type after')
  await last.click()
  await caretSettledIn(last)
  await page.keyboard.press('End')
  await caretSettledIn(last)
  await page.keyboard.press('Enter')
  await page.keyboard.type(text, { delay })
}

/**
 * Waits until the caret (moved by a click or a key such as End) is in `element`, in the page's selection and
 * in the editor's own: ProseMirror reads the caret from a later `selectionchange` task, and Playwright sends
 * the next key sooner than any person would (an Enter then splits the text where the caret was before).
 */
export async function caretSettledIn(element: Locator | ElementHandle<Node>): Promise<void> {
  await (element as Locator).evaluate((node: Node) => new Promise<void>((resolve, reject) => {
    type View = { state: { selection: { anchor: number } }; posAtDOM(node: Node, offset: number): number }
    const started = performance.now()
    const inElement = (at: Node | null | undefined): boolean => !!at && node.contains(at)
    const editorHasIt = (): boolean => {
      const root = (node instanceof Element ? node : node.parentElement)?.closest('.ProseMirror') as (Element & { editor?: { view: View } }) | null
      const view = root?.editor?.view
      // (Outside an editor, the page's selection is all there is.)
      if (!view) return true
      const { anchor } = view.state.selection
      try {
        // The editor's caret is between the element's first and last positions, the ends included.
        const end = node.nodeType === Node.TEXT_NODE ? (node as Text).length : node.childNodes.length
        return anchor >= view.posAtDOM(node, 0) && anchor <= view.posAtDOM(node, end)
      } catch {
        return true
      }
    }
    const check = () => {
      // (Then a frame and a moment more, a person's pace.)
      if (inElement(window.getSelection()?.anchorNode) && editorHasIt()) requestAnimationFrame(() => setTimeout(resolve, 30))
      else if (performance.now() - started > 5000) reject(new Error('the caret did not move into the clicked element'))
      else requestAnimationFrame(check)
    }
    check()
  }))
}

/** The text of an editor element as written: other people's carets and name labels are not part of it. */
export function writtenText(element: Locator): Promise<string> {
  return element.evaluate((node) => {
    const copy = node.cloneNode(true) as HTMLElement
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove())
    return copy.textContent ?? ''
  })
}
