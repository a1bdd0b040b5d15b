// Offline visit mode (issue 8): a visiting leader keeps writing with no network, the page reopens offline
// from this browser's copy, and everything merges when the network returns. Network cut with Playwright's
// offline mode; each person in their own browser context.
import { describe, expect, it } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { createPlan, register, share } from '../helpers/api.ts'
import { browserAndServer, caretSettledIn, contextFor, expectAccessible, screenshot, typeAtEnd } from './harness.ts'

const scope = browserAndServer()

const editor = (page: Page) => page.getByRole('textbox', { name: 'Plan content' })
const status = (page: Page) => page.getByRole('status').filter({ hasText: /Live|Offline —|Connecting|Disconnected/ }).first().innerText()
const saved = (page: Page) => page.getByTestId('saved-indicator').innerText()

/** The text as written: other people's carets and their labels are not part of it. */
const content = (page: Page) => editor(page).evaluate((element) => {
  const copy = element.cloneNode(true) as HTMLElement
  copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove())
  return copy.textContent ?? ''
})


/** Opens the plan online and waits until the app shell is cached by the service worker and the plan is live. */
async function openOnline(context: BrowserContext, planId: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${scope.server().url}/plans/${planId}`)
  await expect.poll(() => status(page), { timeout: 15_000 }).toContain('Live')
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  return page
}

const keptDatabases = (page: Page, userId: string) => page.evaluate(async (prefix) => {
  const databases = await indexedDB.databases()
  return databases.map((database) => database.name ?? '').filter((name) => name.startsWith(prefix)).sort()
}, `uplift:${userId}:`)

/** An owner's plan shared with a visiting editor, and a browser for the visitor. */
async function visitorSharedIn(ownerName: string, visitorName: string, title: string, school: string) {
  const owner = await register(scope.server().url, ownerName)
  const visitor = await register(scope.server().url, visitorName)
  const plan = await createPlan(owner, title, school)
  await share(owner, plan.id, visitor, 'editor')
  return { owner, visitor, plan, context: await contextFor(scope.browser(), scope.server(), visitor) }
}

describe('offline visit mode', () => {
  it('edits offline, survive closing the page, and merge with the host\'s online edits', async () => {
    const visitor = await register(scope.server().url, 'Vera Visiting')
    const host = await register(scope.server().url, 'Tom Teacher')
    const plan = await createPlan(visitor, 'Reading for pleasure', 'Harbourside Primary')
    await share(visitor, plan.id, host, 'editor')

    const visitorContext = await contextFor(scope.browser(), scope.server(), visitor, 'laptop')
    const hostContext = await contextFor(scope.browser(), scope.server(), host, 'tablet')
    let a = await openOnline(visitorContext, plan.id)
    const b = await openOnline(hostContext, plan.id)

    // Online: everything is on the server.
    await typeAtEnd(a, 'Vera online: library audit done.')
    await expect.poll(() => saved(a), { timeout: 10_000 }).toBe('All changes saved')
    await screenshot(a, 'offline-1-online-saved')

    // The network goes: the visitor keeps writing; the host writes online at the same time.
    await visitorContext.setOffline(true)
    await expect.poll(() => status(a), { timeout: 15_000 }).toContain('Offline')
    await typeAtEnd(a, 'Vera offline: reading corners in every class.')
    await typeAtEnd(b, 'Tom online: parents\' reading café on Fridays.')
    await expect.poll(() => saved(a)).toMatch(/^Changes not yet sent · last synced \d\d:\d\d$/)
    await expect.poll(() => a.getByTestId('local-indicator').innerText()).toBe('Saved on this device — will be sent when you’re back online')
    await expect.poll(() => saved(b), { timeout: 10_000 }).toBe('All changes saved')
    await screenshot(a, 'offline-2-offline-waiting')
    await expectAccessible(a, 'plan page offline')
    // Further down the plan, with the status bar out of sight, a reminder stays at the foot of the screen.
    await a.setViewportSize({ width: 1180, height: 420 })
    await a.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
    await expect.poll(() => a.getByTestId('offline-reminder').isVisible()).toBe(true)
    expect(await a.getByTestId('offline-reminder').innerText()).toMatch(/^Offline · Changes not yet sent · last synced \d\d:\d\d$/)
    await screenshot(a, 'offline-2-reminder-scrolled')
    await a.evaluate(() => window.scrollTo(0, 0))
    await expect.poll(() => a.getByTestId('offline-reminder').count()).toBe(0)
    await a.setViewportSize({ width: 1366, height: 900 })

    // Closed and reopened with no network at all: the app and the offline edits are still there.
    await a.close()
    a = await visitorContext.newPage()
    const reopened = await a.goto(`${scope.server().url}/plans/${plan.id}`)
    // The page itself came from the service worker's copy of the app, not the network.
    expect(reopened?.fromServiceWorker()).toBe(true)
    await editor(a).waitFor({ timeout: 15_000 })
    await expect.poll(() => content(a)).toContain('Vera offline: reading corners in every class.')
    expect(await content(a)).not.toContain('Tom online')
    await expect.poll(() => a.locator('h1.page-heading').innerText()).toBe('Reading for pleasure')
    await expect.poll(() => a.getByText(/opened from the copy kept on this device/).count()).toBe(1)
    await expect.poll(() => saved(a)).toMatch(/^Changes not yet sent · last synced \d\d:\d\d$/)
    await expect.poll(() => a.getByTestId('local-indicator').innerText()).toContain('Saved on this device')
    await screenshot(a, 'offline-3-reopened-offline')
    await expectAccessible(a, 'plan page reopened offline')

    // Back online: both see the merged plan, with both sets of edits.
    await visitorContext.setOffline(false)
    for (const page of [a, b]) {
      await expect.poll(() => content(page), { timeout: 20_000 }).toContain('Vera offline: reading corners in every class.')
      await expect.poll(() => content(page), { timeout: 20_000 }).toContain('Tom online: parents\' reading café on Fridays.')
      expect(await content(page)).toContain('Vera online: library audit done.')
    }
    expect(await content(a)).toBe(await content(b))
    await expect.poll(() => saved(a), { timeout: 20_000 }).toBe('All changes saved')
    await expect.poll(() => status(a), { timeout: 20_000 }).toContain('Live')
    await screenshot(a, 'offline-4-back-online-visitor')
    await screenshot(b, 'offline-4-back-online-host')
    await visitorContext.close()
    await hostContext.close()
  })

  it('access removed while offline: the writes are refused and the unsent text can be copied', async () => {
    const { owner, visitor, plan, context } = await visitorSharedIn('Olu Owner', 'Vic Visiting', 'Maths mastery', 'Cliff Top Academy')
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: scope.server().url })
    const page = await openOnline(context, plan.id)
    await context.setOffline(true)
    await expect.poll(() => status(page), { timeout: 15_000 }).toContain('Offline')
    await typeAtEnd(page, 'Number talks every morning.')
    await expect.poll(() => saved(page)).toMatch(/^Changes not yet sent/)

    await owner.json('DELETE', `/api/plans/${plan.id}/members/${visitor.user.id}`)
    await context.setOffline(false)
    // What happened is announced; what was not saved follows it in the same panel.
    await page.getByRole('alert').filter({ hasText: 'Your access to this plan changed while you were offline.' }).waitFor({ timeout: 20_000 })
    const panel = page.getByRole('region', { name: 'Your access to this plan changed while you were offline.' })
    expect(await panel.innerText()).toContain('You no longer have access to it, so the changes you made were not saved.')
    expect(await panel.innerText()).toContain('These changes were not saved:')
    // Nothing on the page goes on saying what the removed access gave.
    expect(await page.locator('.plan-header').innerText()).not.toMatch(/Editor|Viewer/)
    expect(await page.getByRole('tab').count()).toBe(0)
    expect(await page.getByTestId('unsent-text').innerText()).toBe('Number talks every morning.')
    await page.getByRole('button', { name: 'Copy unsaved text' }).click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('Number talks every morning.')
    await expect.poll(() => page.getByText(/^Copied\./).count()).toBe(1)
    await screenshot(page, 'offline-5-access-removed')
    await expectAccessible(page, 'refused changes panel')

    // Kept on this device until the person says they are done with it.
    expect(await keptDatabases(page, visitor.user.id)).toEqual([`uplift:${visitor.user.id}:${plan.id}`])
    await page.getByRole('button', { name: /discard my changes/ }).click()
    await expect.poll(() => page.url()).toBe(`${scope.server().url}/`)
    await expect.poll(() => keptDatabases(page, visitor.user.id), { timeout: 10_000 }).toEqual([])
    await context.close()
  })

  it('reduced to viewer while offline: the server refuses the writes and the person is told', async () => {
    const { owner, visitor, plan, context } = await visitorSharedIn('Ola Owner', 'Val Visiting', 'Phonics', 'Estuary Infants')
    const page = await openOnline(context, plan.id)
    await context.setOffline(true)
    await expect.poll(() => status(page), { timeout: 15_000 }).toContain('Offline')
    await typeAtEnd(page, 'Daily phonics catch-up groups.')

    await owner.json('PATCH', `/api/plans/${plan.id}/members/${visitor.user.id}`, { role: 'viewer' })
    await context.setOffline(false)
    await page.getByRole('alert').filter({ hasText: 'Your access to this plan changed while you were offline.' }).waitFor({ timeout: 20_000 })
    expect(await page.getByRole('alert').filter({ hasText: 'You can now read it but not edit it, so the changes you made were not saved.' }).count()).toBe(1)
    expect(await page.getByTestId('unsent-text').innerText()).toBe('Daily phonics catch-up groups.')
    expect(await saved(page)).toBe('Changes not saved — refused by the server')
    expect(await editor(page).getAttribute('contenteditable')).toBe('false')
    await screenshot(page, 'offline-8-reduced-to-viewer')
    // The server's plan has none of it.
    const other = await contextFor(scope.browser(), scope.server(), owner)
    const ownerPage = await openOnline(other, plan.id)
    expect(await content(ownerPage)).not.toContain('Daily phonics')
    await other.close()
    await context.close()
  })

  it('refused in two tabs: each tab warns that the other holds unsaved changes it does not show', async () => {
    const { owner, visitor, plan, context } = await visitorSharedIn('Oona Owner', 'Vik Visiting', 'Writing', 'Harbour Primary')
    const first = await openOnline(context, plan.id)
    const second = await openOnline(context, plan.id)
    await context.setOffline(true)
    for (const page of [first, second]) await expect.poll(() => status(page), { timeout: 15_000 }).toContain('Offline')
    await typeAtEnd(first, 'Shared writing every Monday.')
    await typeAtEnd(second, 'Spelling tests move to Fridays.')
    for (const page of [first, second]) await expect.poll(() => saved(page)).toMatch(/^Changes not yet sent/)

    await owner.json('PATCH', `/api/plans/${plan.id}/members/${visitor.user.id}`, { role: 'viewer' })
    await context.setOffline(false)
    for (const [page, own] of [[first, 'Shared writing every Monday.'], [second, 'Spelling tests move to Fridays.']] as const) {
      const panel = page.getByRole('region', { name: 'Your access to this plan changed while you were offline.' })
      await panel.waitFor({ timeout: 20_000 })
      expect(await page.getByTestId('unsent-text').innerText()).toBe(own)
      await expect.poll(() => panel.innerText(), { timeout: 10_000 })
        .toContain('Another tab or window of Uplift on this device has unsaved changes to this plan too.')
    }
    // The page learns on reconnecting that the person is now a viewer (no notice could reach it offline).
    await expect.poll(() => first.locator('main .badge').first().textContent(), { timeout: 10_000 }).toBe('Your role: Viewer')
    await first.bringToFront()
    await screenshot(first, 'offline-9-refused-in-two-tabs')
    await expectAccessible(first, 'refused changes panel, another tab too')
    await context.close()
  })

  it('"Make available offline" fetches a plan ahead, and sign-out clears everything kept for that person', async () => {
    const person = await register(scope.server().url, 'Sam Shared')
    const opened = await createPlan(person, 'Attendance', 'Moorland School')
    const ahead = await createPlan(person, 'Behaviour', 'Moorland School')
    const context = await contextFor(scope.browser(), scope.server(), person)
    const page = await openOnline(context, opened.id)
    await page.getByRole('navigation').getByRole('link', { name: 'Plans' }).click()
    await page.getByRole('button', { name: 'Make available offline: Behaviour' }).click()
    await expect.poll(() => page.locator('.plan-card', { hasText: 'Behaviour' }).getByText('Available offline').count(), { timeout: 15_000 }).toBe(1)
    await expect.poll(() => keptDatabases(page, person.user.id)).toEqual([`uplift:${person.user.id}:${opened.id}`, `uplift:${person.user.id}:${ahead.id}`].sort())
    await screenshot(page, 'offline-6-plan-list')
    await expectAccessible(page, 'plan list with offline controls')

    // The fetched plan opens with no network, never having been opened before.
    await context.setOffline(true)
    await page.reload()
    await page.getByText(/This is your list as this device last saw it/).waitFor({ timeout: 15_000 })
    await page.getByRole('link', { name: 'Behaviour' }).click()
    await editor(page).waitFor({ timeout: 15_000 })
    await expect.poll(() => content(page)).not.toBe('')
    await screenshot(page, 'offline-7-fetched-plan-offline')
    await context.setOffline(false)
    await expect.poll(() => status(page), { timeout: 20_000 }).toContain('Live')

    // Finished with it on this device: removed from here, still in Uplift.
    await page.getByRole('navigation').getByRole('link', { name: 'Plans' }).click()
    await page.getByRole('button', { name: 'Remove from this device: Behaviour' }).click()
    await page.getByText('Removed from this device. It is still in Uplift.').waitFor()
    await expect.poll(() => keptDatabases(page, person.user.id)).toEqual([`uplift:${person.user.id}:${opened.id}`])
    // Focus moves to the button that took the pressed one's place, not back to the top of the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Make available offline: Behaviour')
    await screenshot(page, 'offline-8-removed-from-device')
    await expectAccessible(page, 'plan list after removing a plan from the device')

    // Sign out: nothing of this person stays in the browser.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect.poll(() => page.url()).toContain('/signin')
    await expect.poll(() => keptDatabases(page, person.user.id), { timeout: 10_000 }).toEqual([])
    const leftovers = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('uplift:offline:')))
    expect(leftovers).toEqual([])
    await context.close()
  })

  it('the same plan in two tabs: a tab with nothing unsent does not hide the other tab\'s offline changes', async () => {
    const person = await register(scope.server().url, 'Tia Tabs')
    const plan = await createPlan(person, 'Oracy', 'Quayside Primary')
    const context = await contextFor(scope.browser(), scope.server(), person)
    const first = await openOnline(context, plan.id)
    const second = await openOnline(context, plan.id)
    const record = (page: Page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { lastSynced: number | null } | null,
      `uplift:offline:${person.user.id}:sync:${plan.id}`)

    // Only the first tab loses its connection (the browser's offline event, as the session hears it; both
    // tabs of a context share the network, so Playwright's offline mode would take both).
    await first.evaluate(() => window.dispatchEvent(new Event('offline')))
    await expect.poll(() => status(first)).toContain('Offline')
    await typeAtEnd(first, 'Talk partners in every lesson.')
    await expect.poll(() => saved(first)).toMatch(/^Changes not yet sent/)

    // The second tab writes online and is told its change is stored, saving the record after the first tab.
    // (A confirmation sets "last synced" to the time it arrives.)
    const before = await second.evaluate(() => Date.now())
    // In one transaction, so the first confirmation covers all of it (typed key by key, an early one would not).
    const last = editor(second).locator(':scope > *').last()
    await last.click()
    await caretSettledIn(last)
    await second.keyboard.press('End')
    await second.keyboard.insertText(' Debate club on Thursdays.')
    await expect.poll(async () => (await record(second))?.lastSynced ?? 0, { timeout: 10_000 }).toBeGreaterThan(before)
    // It cannot send the first tab's changes itself, and says where they are.
    await expect.poll(() => saved(second)).toMatch(/^Changes waiting in another tab$/)

    // Signing out from the second tab would delete the first tab's changes: it asks first.
    await second.getByRole('button', { name: 'Sign out' }).click()
    const dialog = second.getByRole('dialog', { name: 'Sign out and remove unsent changes?' })
    await dialog.waitFor({ timeout: 5_000 })
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    // The plan list says so too, and offers no "Remove from this device" for a copy holding them.
    const list = await context.newPage()
    await list.goto(`${scope.server().url}/`)
    await list.getByText('On this device · changes not yet sent').waitFor()
    expect(await list.getByRole('button', { name: /^Remove from this device/ }).count()).toBe(0)
    await list.close()

    // Back online: the first tab's changes reach the server, and both tabs then say so.
    await first.evaluate(() => window.dispatchEvent(new Event('online')))
    await expect.poll(() => saved(first), { timeout: 15_000 }).toBe('All changes saved')
    await expect.poll(() => content(second), { timeout: 15_000 }).toContain('Talk partners in every lesson.')
    await expect.poll(() => saved(second), { timeout: 15_000 }).toBe('All changes saved')
    const check = await contextFor(scope.browser(), scope.server(), person)
    const fresh = await openOnline(check, plan.id)
    expect(await content(fresh)).toContain('Talk partners in every lesson.')
    expect(await content(fresh)).toContain('Debate club on Thursdays.')
    await check.close()

    // Nothing is unsent now: signing out goes ahead without asking.
    await second.getByRole('button', { name: 'Sign out' }).click()
    await expect.poll(() => second.url()).toContain('/signin')
    await context.close()
  })
})
