// Two people edit the same target at once, each in their own browser: both edits survive; one person's
// change of an action's status reaches the other's progress overview live.
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { browserAndServer, caretSettledIn, screenshot, visitorAndHeadInBlockPlan, writtenText } from './harness.ts'

const scope = browserAndServer()

const overview = (page: Page) => page.getByRole('complementary', { name: 'Progress' })

/** Clicks into a field and waits until the caret is really in it, then types there. */
async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  // One click, even while the other person's change is being drawn (see field-click-redraw.test.ts).
  await field.click()
  await caretSettledIn(field)
  await page.keyboard.type(text, { delay: 20 })
}

describe('two people in one structured plan', () => {
  it('keeps both people\'s edits to different fields of one target, and the overview follows the other person live', async () => {
    const { a, b } = await visitorAndHeadInBlockPlan(scope)

    // At the same time: one writes what is measured, the other who owns it, in the same target.
    const targetIn = (page: Page) => page.getByRole('group', { name: /^Target:/ }).first()
    await Promise.all([
      typeInto(a, targetIn(a).getByRole('textbox', { name: 'Measure' }), 'Attendance of disadvantaged pupils (%)'),
      typeInto(b, targetIn(b).getByRole('textbox', { name: 'Owner' }), 'Attendance lead'),
    ])
    for (const page of [a, b]) {
      const target = targetIn(page)
      await expect.poll(() => writtenText(target.getByRole('textbox', { name: 'Measure' })), { timeout: 10_000 }).toBe('Attendance of disadvantaged pupils (%)')
      await expect.poll(() => writtenText(target.getByRole('textbox', { name: 'Owner' })), { timeout: 10_000 }).toBe('Attendance lead')
    }

    // One person marks the action done; the other's overview counts it at once.
    const doneCount = async (page: Page) => {
      const text = await overview(page).innerText()
      return Number(/Done\s*(\d+)/.exec(text)?.[1] ?? -1)
    }
    const before = await doneCount(b)
    await a.getByRole('group', { name: /^Action:/ }).first().getByLabel('Status').selectOption('done')
    await expect.poll(() => doneCount(b), { timeout: 10_000 }).toBe(before + 1)
    await screenshot(a, 'blocks-together-visitor')
    await screenshot(b, 'blocks-together-head')
  })

  it('what a person types stays in their block while someone else moves it, or moves another past it', async () => {
    const { a, b } = await visitorAndHeadInBlockPlan(scope)
    const actions = (page: Page) => page.getByRole('group', { name: /^Action:/ })
    const owner = (block: Locator) => block.getByRole('textbox', { name: 'Owner', exact: true })
    const walksIn = (page: Page) => page.getByRole('group', { name: 'Action: Termly SEND learning walks' })

    // The head adds a second action to the first priority.
    await owner(actions(b).first()).click()
    await b.getByRole('button', { name: 'Insert block' }).click()
    await b.getByRole('menuitem', { name: /^Action/ }).click()
    await b.keyboard.type('Termly SEND learning walks')
    await expect.poll(() => walksIn(a).count(), { timeout: 10_000 }).toBe(1)
    const firstOwner = await writtenText(owner(actions(a).first()))

    // The visitor writes who owns the new action; the head moves it above the first one meanwhile. Being the
    // smaller, it is the one deleted and written again.
    await typeInto(a, owner(walksIn(a)), 'Deputy')
    await walksIn(b).getByRole('button', { name: /^Move up:/ }).click()
    await expect.poll(() => actions(a).first().getAttribute('aria-label'), { timeout: 10_000 }).toBe('Action: Termly SEND learning walks')
    await a.keyboard.type(' head', { delay: 20 })

    // Now she adds to the other action's owner while he moves the new one back down past it.
    await typeInto(a, owner(actions(a).nth(1)), ' and SENCo')
    await walksIn(b).getByRole('button', { name: /^Move down:/ }).click()
    await expect.poll(() => actions(a).nth(1).getAttribute('aria-label'), { timeout: 10_000 }).toBe('Action: Termly SEND learning walks')
    await a.keyboard.type(' together', { delay: 20 })
    // A block moved is deleted and written again, in Yjs: she is not told it was deleted.
    expect(await a.getByRole('alert').filter({ hasText: 'Someone else deleted' }).count()).toBe(0)

    for (const page of [a, b]) {
      await expect.poll(() => writtenText(owner(walksIn(page))), { timeout: 10_000 }).toBe('Deputy head')
      await expect.poll(() => writtenText(owner(actions(page).first())), { timeout: 10_000 }).toBe(`${firstOwner} and SENCo together`)
    }
  })

  it('when someone else deletes the block a person is typing in, their typing goes on just before where it was', async () => {
    const { a, b } = await visitorAndHeadInBlockPlan(scope)
    const action = (page: Page) => page.getByRole('group', { name: /^Action:/ }).first()
    const lead = (page: Page) => page.getByRole('group', { name: /^Priority:/ }).first().getByRole('textbox', { name: 'Lead', exact: true })
    const leadBefore = await writtenText(lead(b))
    await typeInto(b, action(b).getByRole('textbox', { name: 'Owner', exact: true }), 'Deputy')
    await expect.poll(() => writtenText(action(a).getByRole('textbox', { name: 'Owner', exact: true }))).toBe('Deputy')
    await action(a).getByRole('button', { name: /^Delete:/ }).click()
    await expect.poll(() => b.getByRole('group', { name: /^Action:/ }).count()).toBe(0)
    // The head's caret is at the end of the text before the action, its priority's lead (it went to the next
    // section's heading).
    await b.keyboard.type(' (deputy)')
    for (const page of [a, b]) await expect.poll(() => writtenText(lead(page))).toBe(`${leadBefore} (deputy)`)
  })

  it('tells a person when someone else deletes the block they are writing in', async () => {
    const { a, b } = await visitorAndHeadInBlockPlan(scope)
    const evidenceIn = (page: Page) => page.getByRole('group', { name: /^Evidence:/ }).first()
    const notice = (page: Page) => page.getByRole('alert').filter({ hasText: 'Someone else deleted' })
    await typeInto(a, evidenceIn(a).getByRole('textbox', { name: 'Source' }), 'Year 4 book scrutiny')
    await expect.poll(() => writtenText(evidenceIn(b).getByRole('textbox', { name: 'Source' })), { timeout: 10_000 }).toBe('Year 4 book scrutiny')

    // Deleted under her: she is told, and where her cursor went.
    await evidenceIn(b).getByRole('button', { name: /^Delete: Evidence/ }).click()
    await expect.poll(() => notice(a).innerText()).toContain('Someone else deleted the evidence you were writing in.')
    await screenshot(a, 'blocks-together-deleted-under-you')
    await a.getByRole('button', { name: 'Dismiss this message' }).click()
    expect(await notice(a).count()).toBe(0)
    // The one who deleted it is not told anything of the kind.
    expect(await notice(b).count()).toBe(0)
  })
})
