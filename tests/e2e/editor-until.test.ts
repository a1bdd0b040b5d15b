// An editor's end date, changed or passing while their plan is open: the page follows without a reload,
// says so politely, and nobody else's page hears of it (audit: "changing only an editor's end date reaches
// an open page only after a reload").
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createPlan, register, share, type Person } from '../helpers/api.ts'
import { ukLongDate } from '../../shared/plan/dates.ts'
import { endOfDecember, endOfMarchAfter } from '../helpers/endDates.ts'
import { browserAndServer, contextFor, expectAccessible, screenshot, typeAtEnd, writtenText } from './harness.ts'

const scope = browserAndServer()

// The end of 31 December next year and of 31 March after it in London, as the Share dialog sends them.
const DECEMBER = endOfDecember.iso

async function openPlan(person: Person, planId: string): Promise<Page> {
  const page = await (await contextFor(scope.browser(), scope.server(), person)).newPage()
  await page.goto(`${scope.server().url}/plans/${planId}`)
  await page.getByRole('textbox', { name: 'Plan content' }).waitFor()
  await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Live')
  // Gone if the page reloads: what follows must happen on this page as it is.
  await page.evaluate(() => { (window as unknown as { stillThisPage: boolean }).stillThisPage = true })
  return page
}

const stillThisPage = (page: Page) => page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage === true)
const header = (page: Page) => page.locator('.plan-header').innerText()
const notices = (page: Page) => page.locator('.notices').innerText()

describe('an editor\'s end date while their plan is open', () => {
  it('moved by the owner in the Share dialog: the editor\'s page shows the new date at once, and nobody else\'s changes', async () => {
    const url = scope.server().url
    const [owner, harry, erin, val] = await Promise.all([
      register(url, 'Olive Owner'), register(url, 'Harry Head'), register(url, 'Erin English'), register(url, 'Val Viewer'),
    ])
    const plan = await createPlan(owner, 'Post-inspection action plan', 'St Mary’s C of E Primary School')
    await share(owner, plan.id, harry, 'editor', { editorUntil: DECEMBER })
    await share(owner, plan.id, erin, 'editor', { editorUntil: DECEMBER })
    await share(owner, plan.id, val, 'viewer')

    const harryPage = await openPlan(harry, plan.id)
    const erinPage = await openPlan(erin, plan.id)
    const valPage = await openPlan(val, plan.id)
    expect(await header(harryPage)).toContain(`You can edit until the end of ${endOfDecember.long}, then read only.`)
    // Harry has the People dialog open meanwhile: his own row follows too.
    await harryPage.getByRole('button', { name: 'People', exact: true }).click()
    const harryRow = harryPage.getByRole('row', { name: /Harry Head/ })
    await expect.poll(() => harryRow.innerText()).toContain(endOfDecember.long)

    // The owner changes only Harry's end date: he stays an editor.
    const ownerPage = await openPlan(owner, plan.id)
    await ownerPage.getByRole('button', { name: 'Share' }).click()
    await ownerPage.getByRole('heading', { name: 'People with access', exact: true }).waitFor()
    const date = ownerPage.getByLabel('Editing ends for Harry Head (optional)')
    expect(await date.inputValue()).toBe(endOfDecember.typed)
    await date.fill(endOfMarchAfter.typed)
    await ownerPage.getByRole('button', { name: 'Save changes for Harry Head' }).click()
    await expect.poll(() => ownerPage.getByRole('button', { name: 'Save changes for Harry Head' }).isDisabled()).toBe(true)

    // Harry's open page follows, without a reload, and says so in a polite live region.
    await expect.poll(() => header(harryPage), { timeout: 10_000 }).toContain(`You can edit until the end of ${endOfMarchAfter.long}, then read only.`)
    expect(await header(harryPage)).not.toContain(endOfDecember.long)
    await expect.poll(() => harryRow.innerText(), { timeout: 10_000 }).toContain(endOfMarchAfter.long)
    await harryPage.keyboard.press('Escape')
    await harryRow.waitFor({ state: 'detached' })
    expect(await header(harryPage)).toContain('Editor')
    const told = harryPage.locator('.notices .message', { hasText: `You can now edit this plan until the end of ${endOfMarchAfter.long}.` })
    await told.waitFor()
    expect(await told.evaluate((element) => element.closest('[aria-live]')?.getAttribute('aria-live'))).toBe('polite')
    expect(await stillThisPage(harryPage)).toBe(true)
    await screenshot(harryPage, 'editor-until-extended')
    await expectAccessible(harryPage, 'plan page after the end date moved')

    // Still an editor: what he types reaches the others.
    expect(await harryPage.getByRole('textbox', { name: 'Plan content' }).getAttribute('aria-readonly')).not.toBe('true')
    await typeAtEnd(harryPage, 'Governors to review the reading plan in March.')
    const valContent = valPage.getByRole('textbox', { name: 'Plan content' })
    await expect.poll(() => writtenText(valContent), { timeout: 10_000 }).toContain('Governors to review the reading plan in March.')

    // Nobody else's page changed: Erin keeps her own date, and neither she, Val nor the owner was told anything.
    expect(await header(erinPage)).toContain(`You can edit until the end of ${endOfDecember.long}, then read only.`)
    for (const page of [erinPage, valPage, ownerPage]) {
      expect(await notices(page)).toBe('')
      expect(await stillThisPage(page)).toBe(true)
    }
  })

  it('passing while the plan is open: the page becomes read-only, says why, and stops showing the date', async () => {
    const url = scope.server().url
    const [owner, sam] = await Promise.all([register(url, 'Olive Owner'), register(url, 'Sam Seconded')])
    const plan = await createPlan(owner, 'Improving phonics', 'Marsh Lane Primary')
    await share(owner, plan.id, sam, 'editor', { editorUntil: DECEMBER })
    const page = await openPlan(sam, plan.id)
    expect(await header(page)).toContain(`You can edit until the end of ${endOfDecember.long}, then read only.`)
    // The owner brings the end date forward to a few seconds from now: it passes while Sam has the plan open.
    // (Set only once the page is open, so a slow machine's setup cannot use up the time before it; the
    // margin is longer than the page is given to show it.)
    const until = new Date(Date.now() + 8000).toISOString()
    await owner.json('PATCH', `/api/plans/${plan.id}/members/${sam.user.id}`, { role: 'editor', editorUntil: until })
    const day = ukLongDate(until)
    await expect.poll(() => header(page)).toContain(`You can edit until the end of ${day}, then read only.`)
    const content = page.getByRole('textbox', { name: 'Plan content' })
    expect(await content.getAttribute('aria-readonly')).not.toBe('true')

    const message = `Your time as an editor of this plan ended on ${day}: you can now follow the live plan but not change it.`
    await page.locator('.notices .message', { hasText: message }).waitFor({ timeout: 15_000 })
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until))
    await expect.poll(() => content.getAttribute('aria-readonly')).toBe('true')
    await expect.poll(() => header(page)).toContain('Viewer')
    expect(await header(page)).not.toContain('You can edit until')
    expect(await stillThisPage(page)).toBe(true)
    await screenshot(page, 'editor-until-ended')
    await expectAccessible(page, 'plan page after the end date passed')
  })
})
