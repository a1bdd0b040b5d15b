// Two people and one block's date, number and text boxes: a person whose cursor only passes through a box
// writes nothing, so what someone else set meanwhile stays; and while their cursor waits in a box they have
// not typed in, what someone else sets there shows in it. What they have typed themselves stays in front of
// them until they leave the box.
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { blockNamed, browserAndServer, caretSettledIn, fieldOf, focused, screenshot, visitorAndHeadInBlockPlan, writtenText } from './harness.ts'

const scope = browserAndServer()

const start = (page: Page) => blockNamed(page, /^Action:/).getByLabel('Start', { exact: true })
const due = (page: Page) => blockNamed(page, /^Action:/).getByLabel('Due', { exact: true })
const baseline = (page: Page) => blockNamed(page, /^Target:/).getByLabel('Baseline value', { exact: true })
const unit = (page: Page) => blockNamed(page, /^Target:/).getByLabel('Unit', { exact: true })

/** Types into a box as a person would: clicks it, types, then Tab on to the next control. */
async function enter(page: Page, box: Locator, text: string): Promise<void> {
  await box.click()
  await page.keyboard.type(text, { delay: 20 })
  await page.keyboard.press('Tab')
}

/**
 * Waits until everything `from` has sent so far has reached `to`: `from` types in a text field and `to` sees
 * it (the server relays each person's changes in order).
 */
async function caughtUp(from: Page, to: Page, text: string): Promise<void> {
  const field = (page: Page) => fieldOf(page, /^Action:/, 'Resources or cost')
  await field(from).click()
  await caretSettledIn(field(from))
  await from.keyboard.press('End')
  await from.keyboard.type(text, { delay: 10 })
  await expect.poll(() => writtenText(field(to)), { timeout: 10_000 }).toContain(text)
}

describe('a block\'s boxes while two people use them', () => {
  it('tabbing through a date box writes nothing: the date someone else set meanwhile stays', async () => {
    const { a: vera, b: harry } = await visitorAndHeadInBlockPlan(scope)
    expect(await start(harry).inputValue()).toBe('')

    // Harry's cursor is in the empty Start box; he types nothing. Vera sets the same Start and tabs on.
    await start(harry).focus()
    await enter(vera, start(vera), '01/09/2026')
    await expect.poll(() => start(vera).inputValue()).toBe('01/09/2026')
    // Her date has reached his page (what she sends next arrives after it).
    await caughtUp(vera, harry, ' (Vera)')

    // Harry's cursor is still in the box; he moves on with Tab.
    expect(await focused(harry)).toBe(`input#${await start(harry).getAttribute('id')}`)
    await harry.keyboard.press('Tab')
    expect(await focused(harry)).toBe(`input#${await due(harry).getAttribute('id')}`)

    // Anything his Tab wrote has reached Vera once what he types next has.
    await caughtUp(harry, vera, ' (Harry)')
    for (const page of [vera, harry]) expect(await start(page).inputValue()).toBe('01/09/2026')
  })

  it('while a person\'s cursor waits in a date box, someone else\'s date shows in it; what they typed themselves stays', async () => {
    const { a: vera, b: harry } = await visitorAndHeadInBlockPlan(scope)

    await start(harry).focus()
    await enter(vera, start(vera), '01/09/2026')
    await expect.poll(() => start(harry).inputValue(), { timeout: 10_000 }).toBe('01/09/2026')
    expect(await focused(harry)).toBe(`input#${await start(harry).getAttribute('id')}`)
    await screenshot(harry, 'block-controls-date-arrives')

    // Harry has begun a due date of his own when Vera sets one: his stays in front of him, and is what is
    // stored when he finishes it and moves on (his is the later change).
    await due(harry).click()
    await harry.keyboard.type('31/0', { delay: 20 })
    await enter(vera, due(vera), '30/06/2027')
    await caughtUp(vera, harry, ' (Vera)')
    expect(await focused(harry)).toBe(`input#${await due(harry).getAttribute('id')}`)
    expect(await due(harry).inputValue()).toBe('31/0')
    await harry.keyboard.press('End')
    await harry.keyboard.type('7/2027', { delay: 20 })
    await harry.keyboard.press('Tab')
    for (const page of [vera, harry]) await expect.poll(() => due(page).inputValue(), { timeout: 10_000 }).toBe('31/07/2027')
  })

  it('a number or text box a person only passes through shows, and keeps, what someone else sets there', async () => {
    const { a: vera, b: harry } = await visitorAndHeadInBlockPlan(scope)

    for (const [box, value] of [[baseline, '92.5'], [unit, 'pupils']] as const) {
      await box(harry).focus()
      const before = await box(harry).inputValue()
      await box(vera).click()
      await vera.keyboard.press('Control+A')
      await vera.keyboard.type(value, { delay: 20 })
      await vera.keyboard.press('Tab')
      await expect.poll(() => box(harry).inputValue(), { timeout: 10_000 }).not.toBe(before)
      expect(await box(harry).inputValue()).toBe(value)
      await harry.keyboard.press('Tab')
      await caughtUp(harry, vera, ` (${value})`)
      for (const page of [vera, harry]) expect(await box(page).inputValue()).toBe(value)
    }
  })
})
