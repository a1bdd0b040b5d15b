// A block's fields behave like a form's: Ctrl+A (Cmd+A on a Mac) in a field selects that field's text only,
// never the whole plan; Enter in a block's last field goes on to the next field in the plan; a date typed
// the wrong way stays in its box with an error saying how to write it, and nothing is stored until it is right.
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import {
  blockNamed, browserAndServer, clickInto, expectAccessible, fieldOf, planOnLaptop, screenshotDir, visitorAndHeadInBlockPlan, writtenText,
} from './harness.ts'

const scope = browserAndServer()

const selectedText = (page: Page) => page.evaluate(() => window.getSelection()?.toString() ?? '')

describe('a block\'s fields behave like a form', () => {
  it('Ctrl+A in a field selects only its text, so typing replaces that field and nothing else', async () => {
    const { page, content, close } = await planOnLaptop(scope, 'Fran Fields')
    const statement = fieldOf(page, /^Finding:/, 'Statement')
    await clickInto(statement)
    await page.keyboard.type('Reading is weak in Key Stage 2.')
    await page.keyboard.press('ControlOrMeta+a')
    await expect.poll(() => selectedText(page)).toBe('Reading is weak in Key Stage 2.')
    await page.keyboard.type('Writing is weak')
    await expect.poll(() => writtenText(statement)).toBe('Writing is weak')

    // An empty field: nothing to select, and what is typed goes into it.
    const rootCause = fieldOf(page, /^Finding:/, 'Root cause')
    await clickInto(rootCause)
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('Staffing')
    await expect.poll(() => writtenText(rootCause)).toBe('Staffing')

    // The rest of the plan is all still there.
    await expect.poll(() => writtenText(statement)).toBe('Writing is weak')
    await expect.poll(() => content.innerText()).toContain('What the inspection found')
    await expect.poll(() => content.innerText()).toContain('Keeping parents and staff informed')
    await expect.poll(() => page.getByRole('group', { name: /^(Priority|Target|Review point):/ }).count()).toBe(3)

    // Outside the fields, Ctrl+A still selects the whole plan.
    await clickInto(content.locator(':scope > p').first())
    await page.keyboard.press('ControlOrMeta+a')
    await expect.poll(() => selectedText(page)).toContain('Post-inspection action plan')
    await expect.poll(() => selectedText(page)).toContain('Keeping parents and staff informed')
    await close()
  })

  it('Enter in a block\'s last field goes on to the next field in the plan, and after the last one does nothing', async () => {
    const { page, content, close } = await planOnLaptop(scope, 'Fran Fields')

    // A priority's lead, then its first action's description.
    await clickInto(fieldOf(page, /^Priority:/, 'Title'))
    await page.keyboard.type('Reading fluency')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Pupils read too slowly to understand.')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Harry Head')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Daily repeated reading')
    await expect.poll(() => writtenText(fieldOf(page, /^Priority:/, 'Lead'))).toBe('Harry Head')
    await expect.poll(() => writtenText(fieldOf(page, /^Action:/, 'Description'))).toBe('Daily repeated reading')

    // An action's success criteria (the last field of the priority too), then the next block's first field.
    await clickInto(fieldOf(page, /^Action:/, 'Success criteria'))
    await page.keyboard.type('90 words a minute')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Chair of governors')
    await expect.poll(() => writtenText(fieldOf(page, /^Action:/, 'Success criteria'))).toBe('90 words a minute')
    await expect.poll(() => writtenText(fieldOf(page, /^Review point:/, 'Reviewer'))).toBe('Chair of governors')

    // A finding's root cause: its hidden reason for being left out is passed over, for its evidence.
    await clickInto(fieldOf(page, /^Finding:/, 'Root cause'))
    await page.keyboard.type('No phonics training')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Year 3')
    await expect.poll(() => writtenText(fieldOf(page, /^Evidence:/, 'Source'))).toBe('Year 3')
    await expect.poll(() => writtenText(fieldOf(page, /^Finding:/, 'Root cause'))).toBe('No phonics training')

    // The plan's last field: Enter neither splits it nor starts a new line.
    const nextSteps = fieldOf(page, /^Review point:/, 'Next steps')
    await clickInto(nextSteps)
    await page.keyboard.type('Extend to Year 8')
    await page.keyboard.press('Enter')
    await page.keyboard.type('.')
    await expect.poll(() => writtenText(nextSteps)).toBe('Extend to Year 8.')
    await expect(nextSteps.locator('br:not(.ProseMirror-trailingBreak)').count()).resolves.toBe(0)
    await expect.poll(() => page.getByRole('group', { name: /^Review point:/ }).count()).toBe(1)
    await expect.poll(() => writtenText(content.locator(':scope > p').last())).toBe('')
    await close()
  })

  it('a date typed the wrong way stays, with an error saying how to write it; only a real date is stored', async () => {
    const { a, b } = await visitorAndHeadInBlockPlan(scope)
    const date = (page: Page) => blockNamed(page, /^Evidence:/).getByLabel('Date', { exact: true })
    const errorOf = async (input: Locator) => {
      const described = await input.getAttribute('aria-describedby')
      return described ? a.locator(`[id="${described}"]`).evaluate((element) => element.textContent ?? '') : ''
    }

    await date(a).fill('31/12/2026')
    await date(a).blur()
    await expect.poll(() => date(b).inputValue(), { timeout: 10_000 }).toBe('31/12/2026')

    // Month first, as in the United States: kept as typed, marked invalid, and explained.
    await date(a).fill('12/31/2026')
    await date(a).blur()
    await expect.poll(() => date(a).getAttribute('aria-invalid')).toBe('true')
    await expect(date(a).inputValue()).resolves.toBe('12/31/2026')
    await expect.poll(() => errorOf(date(a))).toBe('Error: Enter the date as day/month/year, for example 31/07/2027.')
    // Said as well, as focus has gone on from the box.
    await expect.poll(() => a.getByRole('status').filter({ hasText: 'not saved' }).first().textContent())
      .toBe('Date not saved. Enter the date as day/month/year, for example 31/07/2027.')
    // Going back to it, the error is still read out with it.
    await date(a).focus()
    await expect.poll(() => errorOf(date(a))).toContain('day/month/year')

    // In words, month first: the same. (Day first, "31 Dec 2026", is read.)
    await date(a).fill('Dec 31 2026')
    await date(a).blur()
    await expect.poll(() => errorOf(date(a))).toBe('Error: Enter the date as day/month/year, for example 31/07/2027.')
    await expect(date(a).inputValue()).resolves.toBe('Dec 31 2026')

    // Nothing was stored: once a later edit of the visitor's has reached the head, the head's date is unchanged.
    await fieldOf(a, /^Evidence:/, 'Source').click()
    await a.keyboard.type('Year 5 books')
    await expect.poll(() => writtenText(fieldOf(b, /^Evidence:/, 'Source')), { timeout: 10_000 }).toBe('Year 5 books')
    await expect(date(b).inputValue()).resolves.toBe('31/12/2026')
    await expect(date(a).getAttribute('aria-invalid')).resolves.toBe('true')

    // How it looks on an iPad held upright, and that it is accessible.
    await a.setViewportSize({ width: 820, height: 1180 })
    await date(a).scrollIntoViewIfNeeded()
    await blockNamed(a, /^Finding:/).screenshot({ path: `${screenshotDir}/block-date-error-tablet.png` })
    await expectAccessible(a, 'a date field with an error')

    // A real date clears the error and is stored; clearing the box clears the date.
    await date(a).fill('1/1/2027')
    await date(a).blur()
    await expect.poll(() => date(a).inputValue()).toBe('01/01/2027')
    await expect(date(a).getAttribute('aria-invalid')).resolves.toBe(null)
    await expect.poll(() => date(b).inputValue(), { timeout: 10_000 }).toBe('01/01/2027')
    await date(a).fill('')
    await date(a).blur()
    await expect.poll(() => date(b).inputValue(), { timeout: 10_000 }).toBe('')
    await expect(date(a).getAttribute('aria-invalid')).resolves.toBe(null)
    // What was said of the wrong date is gone from the page a little after, not left there to be come upon.
    await expect.poll(() => a.getByRole('status').filter({ hasText: 'not saved' }).count(), { timeout: 15_000 }).toBe(0)

    // A number that cannot be read is kept and explained the same way.
    const baseline = blockNamed(a, /^Target:/).getByLabel('Baseline value')
    await baseline.fill('about 40')
    await baseline.blur()
    await expect.poll(() => baseline.getAttribute('aria-invalid')).toBe('true')
    await expect(baseline.inputValue()).resolves.toBe('about 40')
    await expect.poll(() => errorOf(baseline)).toBe('Error: Enter a number, for example 92.5.')
    await baseline.fill('40')
    await baseline.blur()
    await expect.poll(() => blockNamed(b, /^Target:/).getByLabel('Baseline value').inputValue(), { timeout: 10_000 }).toBe('40')
    await expect(baseline.getAttribute('aria-invalid')).resolves.toBe(null)

    // An action that starts after it is due is stored as typed, and questioned in words.
    const action = blockNamed(a, /^Action:/)
    await action.getByLabel('Due', { exact: true }).fill('30/11/2026')
    await action.getByLabel('Start', { exact: true }).fill('01/12/2026')
    await action.getByLabel('Start', { exact: true }).blur()
    await expect.poll(() => action.innerText()).toContain('It starts after it is due (01/12/2026, due 30/11/2026). Check the dates.')
    // (On screen, as a person reads it: the text of blocks away from the screen is not laid out.)
    await blockNamed(b, /^Action:/).scrollIntoViewIfNeeded()
    await expect.poll(() => blockNamed(b, /^Action:/).innerText(), { timeout: 10_000 }).toContain('It starts after it is due')
  })
})
