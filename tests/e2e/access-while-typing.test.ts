// A person's access reduced, removed or restored, or the plan deleted, while they are typing in it (tester's
// report: the page said "while you were offline" to someone who was online, listed a fragment of what was not
// saved, lost everything typed after the editor stopped taking text, kept stale role badges and tabs, and stayed
// read-only after they were made an editor again).
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import type { PlanSummary } from '../../shared/api.ts'
import { register, share, type Person } from '../helpers/api.ts'
import { browserAndServer, caretSettledIn, contextFor, expectAccessible, fieldOf, screenshot, writtenText } from './harness.ts'

const scope = browserAndServer()

const TYPED = 'Harry is typing a long description of the action while his role changes under him'
const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Plan content' })
const header = (page: Page) => page.locator('.plan-header').innerText()
const tabs = (page: Page) => page.getByRole('tab').allInnerTexts()
const without = (text: string) => text.replace(/\s+/g, '')

/** Vera owns a plan of structured blocks and shares it with Harry as an editor; both have it open, live. */
async function veraAndHarry(): Promise<{ vera: Person; harry: Person; plan: PlanSummary; a: Page; b: Page; close(): Promise<void> }> {
  const url = scope.server().url
  const [vera, harry] = await Promise.all([register(url, 'Vera Visiting'), register(url, 'Harry Head')])
  const { plan } = await vera.json<{ plan: PlanSummary }>('POST', '/api/plans', {
    title: 'Post-inspection action plan', schoolName: 'Northcliff Academy', templateId: 'post-inspection-ri',
  })
  await share(vera, plan.id, harry, 'editor')
  const veraContext = await contextFor(scope.browser(), scope.server(), vera)
  const a = await veraContext.newPage()
  const harryContext = await contextFor(scope.browser(), scope.server(), harry)
  await harryContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url })
  const b = await harryContext.newPage()
  for (const page of [a, b]) {
    await page.goto(`${url}/plans/${plan.id}`)
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Live')
  }
  return { vera, harry, plan, a, b, close: async () => { await veraContext.close(); await harryContext.close() } }
}

/** Harry types TYPED steadily into a field; `meanwhile` happens part-way through. */
async function typeWhile(b: Page, field: Locator, meanwhile: () => Promise<unknown>): Promise<void> {
  await field.click()
  await caretSettledIn(field)
  const typing = b.keyboard.type(TYPED, { delay: 50 })
  await new Promise((resolve) => setTimeout(resolve, 1200))
  await meanwhile()
  await typing
}

/** An editor element's text once it has stopped changing (the last changes relayed to this page are shown). */
async function settledText(element: Locator): Promise<string> {
  let last = await writtenText(element)
  await expect.poll(async () => {
    const now = await writtenText(element)
    const same = now === last
    last = now
    return same
  }, { interval: 300 }).toBe(true)
  return last
}

/** What "Copy unsaved text" puts on the clipboard. */
async function copiedUnsaved(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy unsaved text' }).click()
  await expect.poll(() => page.getByText(/^Copied\./).count()).toBe(1)
  return page.evaluate(() => navigator.clipboard.readText())
}

/** Everything typed is either stored (what the server has) or offered as not saved: nothing twice, nothing left out. */
function expectAccountedFor(stored: string, unsaved: string): void {
  expect(TYPED.startsWith(stored), `stored ${JSON.stringify(stored)}`).toBe(true)
  expect(stored.length).toBeGreaterThan(0)
  expect(without(unsaved)).toBe(without(TYPED.slice(stored.length)))
}

describe('access changing while the plan is open', () => {
  it('made a viewer: the page says so, offers exactly what was not saved, and is editable again once an editor', async () => {
    const { vera, harry, plan, a, b, close } = await veraAndHarry()
    const description = fieldOf(b, /^Action:/, 'Description')
    await typeWhile(b, description, () => vera.json('PATCH', `/api/plans/${plan.id}/members/${harry.user.id}`, { role: 'viewer' }))

    // Said as it happened, not as if Harry had been away.
    const panel = b.getByRole('alert').filter({ has: b.getByRole('heading', { name: 'You can no longer edit this plan' }) })
    await panel.waitFor({ timeout: 10_000 })
    expect(await panel.innerText()).toContain('Your role was changed to viewer while you were typing')
    expect(await panel.innerText()).not.toContain('offline')
    await expect.poll(() => header(b)).toContain('Viewer')
    expect(await editorOf(b).getAttribute('contenteditable')).toBe('false')

    // What the server stored and what the page offers as not saved make up exactly what Harry typed.
    const stored = await settledText(fieldOf(a, /^Action:/, 'Description'))
    expectAccountedFor(stored, await copiedUnsaved(b))
    await screenshot(b, 'typing-made-viewer')
    await expectAccessible(b, 'made a viewer while typing')

    // Made an editor again: the page can be edited at once, with no reload and nothing discarded.
    const held = await writtenText(description)
    const caught = await b.getByTestId('typed-after-lock').innerText()
    expect(without(held) + without(caught)).toBe(without(TYPED))
    await b.evaluate(() => { (window as unknown as { stillThisPage: boolean }).stillThisPage = true })
    await vera.json('PATCH', `/api/plans/${plan.id}/members/${harry.user.id}`, { role: 'editor' })
    await expect.poll(() => editorOf(b).getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true')
    expect(await b.getByText('You can read this plan but not edit it.').count()).toBe(0)
    await expect.poll(() => header(b)).toContain('Editor')
    // What his page held goes to the plan; what he typed after editing stopped is still offered, to paste back.
    await expect.poll(() => writtenText(fieldOf(a, /^Action:/, 'Description')), { timeout: 10_000 }).toBe(held)
    const again = b.getByRole('region', { name: 'You can edit this plan again' })
    await again.waitFor()
    expect(await again.getByTestId('typed-after-lock').innerText()).toBe(caught)
    // He types on, and it reaches Vera.
    await description.click()
    await caretSettledIn(description)
    await b.keyboard.press('End')
    await b.keyboard.type(' Back as an editor.', { delay: 20 })
    await expect.poll(() => writtenText(fieldOf(a, /^Action:/, 'Description')), { timeout: 10_000 }).toBe(`${held} Back as an editor.`)
    await expect.poll(() => b.getByTestId('saved-indicator').innerText(), { timeout: 10_000 }).toBe('All changes saved')
    expect(await b.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true)
    await screenshot(b, 'typing-editor-again')
    await expectAccessible(b, 'an editor again after typing through a demotion')
    await close()
  })

  it('made an editor again after changes were refused: the page is editable at once, and sends what it held', async () => {
    const { vera, harry, plan, a, b, close } = await veraAndHarry()
    const description = fieldOf(b, /^Action:/, 'Description')
    await description.click()
    await caretSettledIn(description)
    // A moment without the network, in which Harry writes and Vera makes him a viewer.
    await b.context().setOffline(true)
    await expect.poll(() => b.getByRole('status').first().innerText(), { timeout: 15_000 }).toContain('Offline')
    await b.keyboard.type('Written on the train.', { delay: 10 })
    await vera.json('PATCH', `/api/plans/${plan.id}/members/${harry.user.id}`, { role: 'viewer' })
    await b.context().setOffline(false)
    const panel = b.getByRole('alert').filter({ hasText: 'Your access to this plan changed while you were offline.' })
    await panel.waitFor({ timeout: 20_000 })
    expect(await b.getByTestId('unsent-text').innerText()).toBe('Written on the train.')

    await vera.json('PATCH', `/api/plans/${plan.id}/members/${harry.user.id}`, { role: 'editor' })
    await expect.poll(() => editorOf(b).getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true')
    expect(await b.getByText('You can read this plan but not edit it.').count()).toBe(0)
    await expect.poll(() => panel.count()).toBe(0)
    // What was refused is in the plan now, for everyone.
    await expect.poll(() => writtenText(fieldOf(a, /^Action:/, 'Description')), { timeout: 10_000 }).toBe('Written on the train.')
    await expect.poll(() => b.getByTestId('saved-indicator').innerText(), { timeout: 10_000 }).toBe('All changes saved')
    await screenshot(b, 'refused-then-editor-again')
    await expectAccessible(b, 'an editor again after a refusal')
    await close()
  })

  it('removed: the page offers exactly what was not saved, says why, and drops the role and its tabs', async () => {
    const { vera, harry, plan, a, b, close } = await veraAndHarry()
    const owner = fieldOf(b, /^Action:/, 'Owner')
    await typeWhile(b, owner, () => vera.call('DELETE', `/api/plans/${plan.id}/members/${harry.user.id}`))

    // What the server stored and what the page offers as not saved make up exactly what Harry typed.
    await b.getByRole('button', { name: 'Copy unsaved text' }).waitFor({ timeout: 10_000 })
    const stored = await settledText(fieldOf(a, /^Action:/, 'Owner'))
    expectAccountedFor(stored, await copiedUnsaved(b))

    const panel = b.getByRole('alert').filter({ has: b.getByRole('heading', { name: 'You no longer have access to this plan' }) })
    await panel.waitFor()
    expect(await panel.innerText()).toContain('Your access was removed while you were typing')
    expect(await panel.innerText()).not.toContain('offline')
    // Nothing on the page says Harry is still an editor, or offers what only an editor has.
    expect(await header(b)).not.toMatch(/Editor|Viewer/)
    expect(await tabs(b)).not.toContain('History')
    expect(await b.getByRole('button', { name: 'People' }).count()).toBe(0)
    expect(await b.getByText('You can read this plan but not edit it.').count()).toBe(0)
    await screenshot(b, 'typing-removed')
    await expectAccessible(b, 'removed while typing')

    await b.getByRole('button', { name: /discard my changes/ }).click()
    await expect.poll(() => b.url()).toBe(`${scope.server().url}/`)
    await close()
  })

  it('made a trustee: the page says the live plan closed to them, offers what was not saved, then shows what trustees see', async () => {
    const { vera, harry, plan, a, b, close } = await veraAndHarry()
    const description = fieldOf(b, /^Action:/, 'Description')
    await typeWhile(b, description, () => vera.json('PATCH', `/api/plans/${plan.id}/members/${harry.user.id}`, { role: 'trustee' }))

    const panel = b.getByRole('alert').filter({ has: b.getByRole('heading', { name: 'You can no longer see the live plan' }) })
    await panel.waitFor({ timeout: 10_000 })
    expect(await panel.innerText()).toContain('You were made a trustee of this plan while you were typing')
    expectAccountedFor(await settledText(fieldOf(a, /^Action:/, 'Description')), await copiedUnsaved(b))
    expect(await header(b)).not.toMatch(/Editor|Viewer|Trustee/)

    await b.getByRole('button', { name: /discard my changes/ }).click()
    await b.getByRole('heading', { name: 'Snapshots for trustees' }).waitFor({ timeout: 10_000 })
    expect(await editorOf(b).count()).toBe(0)
    expect(await header(b)).toContain('Trustee')
    await close()
  })

  it('the plan deleted: the page says it was deleted, and offers what was typed after the last save', async () => {
    const { vera, plan, b, close } = await veraAndHarry()
    const resources = fieldOf(b, /^Action:/, 'Resources or cost')
    await typeWhile(b, resources, () => vera.call('DELETE', `/api/plans/${plan.id}`))

    const panel = b.getByRole('alert').filter({ has: b.getByRole('heading', { name: 'This plan has been deleted' }) })
    await panel.waitFor({ timeout: 10_000 })
    expect(await panel.innerText()).toContain('It was deleted while you were typing')
    expect(await panel.innerText()).not.toContain('offline')
    expect(await panel.innerText()).not.toContain('You no longer have access')
    // The page's own copy of the field holds what it took; what was offered covers the rest of what Harry typed.
    const held = await settledText(resources)
    const copied = await copiedUnsaved(b)
    expect(TYPED.startsWith(held)).toBe(true)
    expect(without(TYPED).endsWith(without(copied))).toBe(true)
    expect(without(copied).length).toBeGreaterThanOrEqual(without(TYPED.slice(held.length)).length)
    expect(await header(b)).not.toMatch(/Editor|Viewer/)
    await screenshot(b, 'typing-plan-deleted')
    await expectAccessible(b, 'plan deleted while typing')
    await close()
  })

  it('the plan deleted while only being read: the page says it was deleted, not that access may have been removed', async () => {
    const { vera, plan, b, close } = await veraAndHarry()
    await vera.call('DELETE', `/api/plans/${plan.id}`)
    await expect.poll(() => b.getByRole('heading', { level: 1 }).first().innerText(), { timeout: 10_000 }).toBe('Plan deleted')
    expect(await b.getByRole('alert').first().innerText()).toBe('This plan was deleted while you had it open, so it can no longer be opened.')
    expect(await editorOf(b).count()).toBe(0)
    await screenshot(b, 'reading-plan-deleted')
    await expectAccessible(b, 'plan deleted while being read')
    await close()
  })
})
