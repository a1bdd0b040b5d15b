// One person clicks into the text fields of a plan's blocks while another keeps typing in one of them, so
// the first person's page is redrawn many times a second: what they type after each click lands in the
// field they clicked, not where their caret was before (the click is read before the redraw).
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { browserAndServer, screenshot, visitorAndHeadInBlockPlan, writtenText } from './harness.ts'

const scope = browserAndServer()

const field = (page: Page, block: RegExp, name: string): Locator =>
  page.getByRole('group', { name: block }).first().getByRole('textbox', { name, exact: true })

// Fields of every kind of block, the one being typed in among them; each is clicked three times.
const FIELDS: [RegExp, string][] = [
  [/^Target:/, 'Owner'], [/^Action:/, 'Owner'], [/^Finding:/, 'Root cause'], [/^Priority:/, 'Lead'],
  [/^Target:/, 'Data source'], [/^Review point:/, 'Reviewer'], [/^Action:/, 'Resources or cost'], [/^Plan details:/, 'URN'],
]
const ROUNDS = FIELDS.length * 3

describe('clicking into a block field while the plan is redrawn', () => {
  it('puts what is typed after the click in the clicked field', async () => {
    const { a, b } = await visitorAndHeadInBlockPlan(scope)

    // The visitor types on and on in the target's measure: the head's page is redrawn with every key.
    await field(a, /^Target:/, 'Measure').click()
    let typing = true
    let measure = ''
    const typist = (async () => {
      for (let n = 0; typing; n++) {
        await a.keyboard.type(`w${n} `, { delay: 5 })
        measure += `w${n} `
      }
    })()

    const misplaced: string[] = []
    const written = new Map<number, string>()
    let lastClick = 0
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const [block, name] = FIELDS[round % FIELDS.length]
        const box = field(b, block, name)
        const before = await writtenText(box)
        // Clicks at one spot within half a second are a double or triple click to ProseMirror (a triple
        // click selects the field's text); each field is scrolled to the same spot, so wait as a person would.
        // (Counted from when the last click was done: Playwright may take a while to deliver one.)
        await b.waitForTimeout(Math.max(0, lastClick + 600 - Date.now()))
        await box.click()
        lastClick = Date.now()
        // A person's pause between the click and the first key; no waiting for the caret to settle.
        await b.waitForTimeout(150)
        const word = `r${round}.`
        await b.keyboard.type(word, { delay: 10 })
        const after = await writtenText(box)
        if (after !== before + word) misplaced.push(`round ${round}: ${name} in ${block.source} went from ${JSON.stringify(before)} to ${JSON.stringify(after)}`)
        written.set(round % FIELDS.length, after)
      }
    } finally {
      typing = false
      await typist
    }
    expect(misplaced).toEqual([])

    // Nothing was lost on either side: the visitor's measure and the head's words, on both pages.
    for (const page of [a, b]) {
      await expect.poll(() => writtenText(field(page, /^Target:/, 'Measure')), { timeout: 10_000 }).toBe(measure)
    }
    for (const [index, text] of written) {
      const [block, name] = FIELDS[index]
      await expect.poll(() => writtenText(field(a, block, name)), { timeout: 10_000 }).toBe(text)
    }
    await screenshot(b, 'field-click-redraw-head')
  })
})
