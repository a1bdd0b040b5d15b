// Two people start typing in the same empty field of a block at the same moment, each in their own browser:
// each person's characters appear once, on both pages. "At the same moment" is made exact: what the server
// relays to each page is held back while both type, so neither page has the other's keystrokes before typing
// its own, and again while both go on typing after drawing the other's first ones.
import { describe, expect, it } from 'vitest'
import type { Locator, Page, WebSocketRoute } from 'playwright-core'
import type { PlanSummary } from '../../shared/api.ts'
import { register, share } from '../helpers/api.ts'
import { blockNamed, browserAndServer, caretSettledIn, contextFor, fieldOf, screenshotDir, writtenText } from './harness.ts'

const scope = browserAndServer()

/** What the server sends a page passes through here, and can be held back and let go. */
interface Relay {
  /** Changes to the plan held so far (sync protocol updates; carets and the server's own messages not counted). */
  held(): number
  hold(): void
  /** Sends on what was held; with `keepHolding`, what arrives next is held again. */
  release(keepHolding?: boolean): void
}

async function relayed(page: Page): Promise<Relay> {
  let holding = false
  let queue: (string | Buffer)[] = []
  const sockets: WebSocketRoute[] = []
  await page.routeWebSocket(/\/collab\//, (socket) => {
    const server = socket.connectToServer()
    sockets.push(socket)
    server.onMessage((message) => (holding ? queue.push(message) : socket.send(message)))
  })
  return {
    // (A y-websocket sync message is 0, then 2 for an update.)
    held: () => queue.filter((message) => typeof message !== 'string' && message[0] === 0 && message[1] === 2).length,
    hold: () => { holding = true },
    release(keepHolding = false) {
      const waiting = queue
      queue = []
      holding = keepHolding
      for (const message of waiting) sockets[sockets.length - 1].send(message)
    },
  }
}

async function openTogether(): Promise<{ vera: Page; harry: Page; toVera: Relay; toHarry: Relay }> {
  const url = scope.server().url
  const visitor = await register(url, 'Vera Visiting')
  const head = await register(url, 'Harry Head')
  const { plan } = await visitor.json<{ plan: PlanSummary }>('POST', '/api/plans', {
    title: 'Post-inspection action plan', schoolName: 'Northcliff Academy', templateId: 'post-inspection-ri',
  })
  await share(visitor, plan.id, head, 'editor')
  const vera = await (await contextFor(scope.browser(), scope.server(), visitor, 'laptop')).newPage()
  const harry = await (await contextFor(scope.browser(), scope.server(), head, 'laptop')).newPage()
  const toVera = await relayed(vera)
  const toHarry = await relayed(harry)
  for (const page of [vera, harry]) {
    await page.goto(`${url}/plans/${plan.id}`)
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Live')
  }
  return { vera, harry, toVera, toHarry }
}

/**
 * Both click into the field, then type at the same moment: a first character each, held back from the
 * other page until both are typed; then, once each page has drawn the other's, a second each, before anything
 * more from the other arrives. Returns the field's text, once it reads the same on both pages.
 */
async function typeAtOnce(opened: Awaited<ReturnType<typeof openTogether>>, field: (page: Page) => Locator): Promise<string> {
  const { vera, harry, toVera, toHarry } = opened
  for (const page of [vera, harry]) {
    await field(page).click()
    await caretSettledIn(field(page))
  }
  // Each page has only its own first character until the other's has reached the server.
  toVera.hold()
  toHarry.hold()
  await vera.keyboard.type('v')
  await harry.keyboard.type('h')
  await expect.poll(() => Math.min(toVera.held(), toHarry.held()), { timeout: 10_000 }).toBeGreaterThan(0)
  // Each page draws the other's (what that makes it write is held); both type on, then all is let through.
  toVera.release(true)
  toHarry.release(true)
  for (const page of [vera, harry]) await expect.poll(() => writtenText(field(page)).then((text) => text.length), { timeout: 10_000 }).toBe(2)
  await vera.keyboard.type('w')
  await harry.keyboard.type('i')
  toVera.release()
  toHarry.release()
  await expect.poll(async () => (await writtenText(field(harry))) === (await writtenText(field(vera))), { timeout: 10_000 }).toBe(true)
  return writtenText(field(vera))
}

/** A text's characters in order, to compare without caring whose came first. */
const sorted = (text: string) => [...text].sort().join('')

describe('two people typing in the same empty field at the same moment', () => {
  it('each person\'s characters appear once, on both pages', async () => {
    const opened = await openTogether()
    for (const [block, label] of [[/^Action:/, 'Description'], [/^Action:/, 'Owner'], [/^Target:/, 'Measure']] as const) {
      const field = (page: Page) => fieldOf(page, block, label)
      expect(await writtenText(field(opened.vera))).toBe('')
      const text = await typeAtOnce(opened, field)
      expect(sorted(text), `${label}: "${text}"`).toBe('hivw')
    }
    await blockNamed(opened.harry, /^Action:/).screenshot({ path: `${screenshotDir}/empty-field-together.png` })
  })

  it('also in a block one of them has just added', async () => {
    const opened = await openTogether()
    const { vera, harry } = opened
    const walks = (page: Page) => page.getByRole('group', { name: 'Action: Termly SEND learning walks' })
    await fieldOf(harry, /^Action:/, 'Owner').click()
    await harry.getByRole('button', { name: 'Insert block' }).click()
    await harry.getByRole('menuitem', { name: /^Action/ }).click()
    await harry.keyboard.type('Termly SEND learning walks')
    await expect.poll(() => walks(vera).count(), { timeout: 10_000 }).toBe(1)
    const text = await typeAtOnce(opened, (page) => walks(page).getByRole('textbox', { name: 'Owner', exact: true }))
    expect(sorted(text), `Owner: "${text}"`).toBe('hivw')
  })

  it('a caret waiting in an empty field stays before what someone else types there, as everywhere else', async () => {
    const { vera, harry } = await openTogether()
    const owner = (page: Page) => fieldOf(page, /^Action:/, 'Owner')
    await owner(harry).click()
    await caretSettledIn(owner(harry))
    await owner(vera).click()
    await caretSettledIn(owner(vera))
    await vera.keyboard.type('English lead', { delay: 20 })
    await expect.poll(() => writtenText(owner(harry)), { timeout: 10_000 }).toBe('English lead')
    await harry.keyboard.type('Deputy head and ', { delay: 20 })
    for (const page of [vera, harry]) await expect.poll(() => writtenText(owner(page)), { timeout: 10_000 }).toBe('Deputy head and English lead')
  })
})
