// Tab and Shift+Tab in an editable plan go through everything on screen in page order, the blocks' text
// fields and their controls alike (WCAG 2.1.1, 2.4.3): from a control, the browser's own order would only
// ever reach other controls, as the fields are all inside the one editable element. A field reached by Tab
// has the caret at the start of its text, by Shift+Tab at its end; what is typed next proves where it is.
// Each stop is in sight, not under the sticky toolbar (2.4.11), and only it shows focus (2.4.7).
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { register, share } from '../helpers/api.ts'
import { blockNamed, browserAndServer, clickInto, contextFor, fieldOf, planOnLaptop, screenshotDir, writtenText } from './harness.ts'

const scope = browserAndServer()

/**
 * Where focus is, in words: "Owner|" for the caret at the end of the field labelled Owner, "|Title" at the
 * start of Title, "|Lead|" in an empty Lead; a control's name; "after the plan" or "before the plan" for
 * anything outside the editor.
 */
function focusIn(page: Page): Promise<string> {
  return page.evaluate(() => {
    const editor = document.querySelector('.plan-content')!
    const active = document.activeElement as HTMLElement
    if (active === editor) {
      const selection = window.getSelection()!
      const anchor = selection.anchorNode
      const input = (anchor instanceof Element ? anchor : anchor?.parentElement)?.closest('.plan-field__input')
      if (!anchor || !input) return 'the plan, outside its fields'
      const before = document.createRange()
      before.setStart(input, 0)
      before.setEnd(anchor, selection.anchorOffset)
      const offset = before.toString().length
      const label = input.parentElement!.querySelector('.plan-field__label')!.textContent
      const length = input.textContent!.length
      if (length === 0) return `|${label}|`
      return offset === 0 ? `|${label}` : offset === length ? `${label}|` : `${label} at ${offset}`
    }
    if (!editor.contains(active)) return editor.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING ? 'after the plan' : 'before the plan'
    const labels = (active as HTMLInputElement).labels
    if (labels?.length) return labels[0].textContent!
    const named = active.cloneNode(true) as HTMLElement
    named.querySelectorAll('[aria-hidden="true"]').forEach((element) => element.remove())
    return active.getAttribute('aria-label') ?? named.textContent!.trim()
  })
}

/** The fields drawn as having focus (their box ringed), by label. */
function ringedFields(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('.plan-field')]
    .filter((field) => getComputedStyle(field.querySelector('.plan-field__input')!).boxShadow !== 'none')
    .map((field) => field.querySelector('.plan-field__label')!.textContent!))
}

/** Whether what has focus in the plan (a control, or the field with the caret) is partly under the sticky toolbar. */
function underToolbar(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const toolbar = document.querySelector('.toolbar')
    const active = document.activeElement!
    if (!active.closest('.plan-content')) return false
    const anchor = window.getSelection()?.anchorNode
    const shown = active.classList.contains('plan-content') ? (anchor instanceof Element ? anchor : anchor?.parentElement)?.closest('.plan-field') : active
    return Boolean(toolbar && shown && shown.getBoundingClientRect().top < toolbar.getBoundingClientRect().bottom)
  })
}

/**
 * What follows the plan in the page: the overview's links to its blocks. The overview reads the plan once
 * changes pause (settle.ts), so on a busy machine it may not have read the plan yet just after it opens.
 */
async function overviewLinksShown(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('complementary', { name: 'Progress' }).getByRole('button', { name: /^Go to/ }).count()).toBeGreaterThan(0)
}

/** Presses `key` once for each stop expected, checking each one in turn, and that it is in sight. */
async function tabThrough(page: Page, key: 'Tab' | 'Shift+Tab', stops: string[]): Promise<void> {
  for (const stop of stops) {
    await page.keyboard.press(key)
    await expect.poll(() => focusIn(page), { message: `${key} to ${stop}` }).toBe(stop)
    // (Polled: the page may still be scrolling the stop into view on a busy machine.)
    await expect.poll(() => underToolbar(page), { message: `${stop} under the toolbar` }).toBe(false)
  }
}

const TARGET_CONTROLS = [
  'Which way is better', 'Unit', 'Baseline value', 'Baseline date', 'Target value', 'Target date',
  'Autumn milestone', 'Spring milestone', 'Summer milestone', 'Current value', 'Set status by hand', 'Link findings…',
]

describe('Tab order in an editable plan', () => {
  it('Tab goes from a target\'s last field through its controls into the next block\'s fields, and Shift+Tab comes back', async () => {
    const { page, close } = await planOnLaptop(scope, 'Tess Tabs')
    await clickInto(fieldOf(page, /^Priority:/, 'Title'))
    await page.keyboard.type('Reading fluency')
    await clickInto(fieldOf(page, /^Target:/, 'Owner'))
    await page.keyboard.type('Ann Owner')

    const priority = 'Priority: Reading fluency'
    await tabThrough(page, 'Tab', [...TARGET_CONTROLS, `Move up: ${priority}`, `Move down: ${priority}`, `Delete: ${priority}`, '|Title'])
    await page.keyboard.type('Year 6 ')
    await expect.poll(() => writtenText(fieldOf(page, /^Priority:/, 'Title'))).toBe('Year 6 Reading fluency')
    // The field still shows focus once typed in.
    await expect.poll(() => ringedFields(page)).toEqual(['Title'])
    await page.screenshot({ path: `${screenshotDir}/block-tab-order-field.png` })
    // On through the priority's fields, into its action's.
    await tabThrough(page, 'Tab', ['|Rationale|', '|Lead|', 'Move up: Action: untitled', 'Move down: Action: untitled', 'Delete: Action: untitled', '|Description|'])

    // And back, each field with the caret at its end.
    const renamed = 'Priority: Year 6 Reading fluency'
    await tabThrough(page, 'Shift+Tab', ['Delete: Action: untitled', 'Move down: Action: untitled', 'Move up: Action: untitled', '|Lead|', '|Rationale|', 'Title|'])
    await page.keyboard.type('.')
    await expect.poll(() => writtenText(fieldOf(page, /^Priority:/, 'Title'))).toBe('Year 6 Reading fluency.')
    await tabThrough(page, 'Shift+Tab', [`Delete: ${renamed}.`, `Move down: ${renamed}.`, `Move up: ${renamed}.`, ...[...TARGET_CONTROLS].reverse()])
    // Focus is on a select: no field shows it as well.
    await expect.poll(() => ringedFields(page)).toEqual([])
    await page.screenshot({ path: `${screenshotDir}/block-tab-order-control.png` })
    await tabThrough(page, 'Shift+Tab', ['Owner|'])
    await page.keyboard.type('!')
    await expect.poll(() => writtenText(fieldOf(page, /^Target:/, 'Owner'))).toBe('Ann Owner!')
    await tabThrough(page, 'Shift+Tab', ['|Data source|', '|Measure|', 'Delete: Target: untitled'])

    // Escape in a control still goes back to the block's first field.
    await page.keyboard.press('Escape')
    await expect.poll(() => focusIn(page)).toBe('|Measure|')
    await close()
  })

  it('Escape closes a link checklist from its Done button or a checkbox, and focus goes back to the button that opened it', async () => {
    const { page, close } = await planOnLaptop(scope, 'Lina Links')
    const target = page.getByRole('group', { name: /^Target:/ }).first()
    const opener = target.getByRole('button', { name: 'Link findings…' })
    await opener.scrollIntoViewIfNeeded()
    await opener.focus()
    await page.keyboard.press('Enter')
    expect(await focusIn(page)).toBe('Done')
    // On the button itself (before, the editor took Escape and focus, and the list stayed open).
    await page.keyboard.press('Escape')
    await expect.poll(() => focusIn(page)).toBe('Link findings…')
    expect(await opener.getAttribute('aria-expanded')).toBe('false')
    // From a checkbox, after ticking it.
    await page.keyboard.press('Enter')
    await expect.poll(() => focusIn(page)).toBe('Done')
    // (The plan's findings are listed once the page has read the plan through, just after it opens.)
    await expect.poll(() => target.getByRole('checkbox').count()).toBe(1)
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('checkbox')
    await page.keyboard.press('Space')
    await expect.poll(() => target.locator('.link-list .link-chip').count()).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => focusIn(page)).toBe('Link findings…')
    // Closed, Escape is the block's own again: back to its first field.
    await page.keyboard.press('Escape')
    await expect.poll(() => focusIn(page)).toBe('|Measure|')
    await close()
  })

  it('a finding\'s controls come before its fields; a hidden field is passed over until it shows', async () => {
    const { page, close } = await planOnLaptop(scope, 'Tess Tabs')
    await page.getByRole('button', { name: 'Move up: Finding: untitled', exact: true }).focus()
    const evidence = ['Move up: Evidence: untitled', 'Move down: Evidence: untitled', 'Delete: Evidence: untitled', 'Kind of evidence', 'Date', '|Source|', '|What it showed|']
    await tabThrough(page, 'Tab', [
      'Move down: Finding: untitled', 'Delete: Finding: untitled', 'Evaluation area', 'Kind of finding', 'Confidence', 'Goes into the plan',
      '|Statement|', '|Root cause|', ...evidence, 'Add evidence to this finding',
    ])
    await tabThrough(page, 'Shift+Tab', ['|What it showed|', '|Source|', 'Date'])
    // A date typed, then Tab: the date is kept as it leaves its box, and the typing goes on in the field.
    await page.keyboard.type('31/12/2026')
    await tabThrough(page, 'Tab', ['|Source|'])
    await page.keyboard.type('Year 5 books')
    await expect.poll(() => writtenText(fieldOf(page, /^Evidence:/, 'Source'))).toBe('Year 5 books')
    await expect(blockNamed(page, /^Evidence:/).getByLabel('Date', { exact: true }).inputValue()).resolves.toBe('31/12/2026')
    await tabThrough(page, 'Shift+Tab', ['Date', 'Kind of evidence'])

    // Left out of the plan, the finding asks why: that field shows, and Tab stops in it.
    await blockNamed(page, /^Finding:/).getByLabel('Goes into the plan').uncheck()
    await expect.poll(() => fieldOf(page, /^Finding:/, 'Reason it is not in the plan').isVisible()).toBe(true)
    await clickInto(fieldOf(page, /^Finding:/, 'Root cause'))
    await tabThrough(page, 'Tab', ['|Reason it is not in the plan|', 'Move up: Evidence: Year 5 books'])
    await tabThrough(page, 'Shift+Tab', ['|Reason it is not in the plan|', '|Root cause|'])
    await close()
  })

  it('focus leaves the plan after its last stop and before its first, and Shift+Tab comes back to its last field', async () => {
    const { page, close } = await planOnLaptop(scope, 'Tess Tabs')
    await overviewLinksShown(page)
    const nextSteps = fieldOf(page, /^Review point:/, 'Next steps')
    await clickInto(nextSteps)
    await page.keyboard.type('Extend to Year 8')
    await tabThrough(page, 'Tab', ['after the plan'])
    await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('aside')))).toBe(true)
    await tabThrough(page, 'Shift+Tab', ['Next steps|'])
    await page.keyboard.type('.')
    await expect.poll(() => writtenText(nextSteps)).toBe('Extend to Year 8.')

    // The plan's first stop is its details' first button; before it, the formatting toolbar.
    await page.getByRole('button', { name: 'Move up: Plan details: Millbrook Primary', exact: true }).focus()
    await tabThrough(page, 'Shift+Tab', ['before the plan'])
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[role="toolbar"]')?.getAttribute('aria-label'))).toBe('Formatting')
    await close()
  })

  it('from the plan\'s own paragraphs too, Tab goes on to what follows and Shift+Tab back to what comes before', async () => {
    const { page, close } = await planOnLaptop(scope, 'Tess Tabs')
    // The guidance just above the first target: Tab goes to that target, not to the plan's first block.
    const guidance = page.getByRole('textbox', { name: 'Plan content' }).getByText(/^For each area for improvement, what will show/)
    await clickInto(guidance)
    await tabThrough(page, 'Tab', ['Move up: Target: untitled'])
    await clickInto(guidance)
    // Back: the last stop of the finding above, its button to add evidence.
    await tabThrough(page, 'Shift+Tab', ['Add evidence to this finding'])
    // A list keeps Tab for itself: it makes the item a level deeper.
    await clickInto(guidance)
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('- First step')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Second step')
    await page.keyboard.press('Tab')
    await expect.poll(() => page.getByRole('textbox', { name: 'Plan content' }).locator('li li').innerText()).toBe('Second step')
    await close()
  })

  it('in a plan that can only be read, Tab is the browser\'s own and passes through', async () => {
    const owner = await register(scope.server().url, 'Owen Owner')
    const reader = await register(scope.server().url, 'Rita Reader')
    const { plan } = await owner.json('POST', '/api/plans', {
      title: 'Post-inspection action plan', schoolName: 'Millbrook Primary', templateId: 'post-inspection-ri',
    })
    await share(owner, plan.id, reader, 'viewer')
    const context = await contextFor(scope.browser(), scope.server(), reader, 'laptop')
    const page = await context.newPage()
    await page.goto(`${scope.server().url}/plans/${plan.id}`)
    await expect.poll(() => page.getByRole('textbox', { name: 'Plan content' }).getAttribute('aria-readonly')).toBe('true')
    await expect.poll(() => page.getByRole('textbox', { name: 'Plan content' }).innerText()).toContain('Keeping parents and staff informed')
    await overviewLinksShown(page)
    // From the page's top, Tab comes out after the plan within a few presses: no field or control holds it.
    const seen: string[] = []
    for (let press = 0; press < 40 && seen.at(-1) !== 'after the plan'; press++) {
      await page.keyboard.press('Tab')
      seen.push(await focusIn(page))
    }
    expect(seen.at(-1)).toBe('after the plan')
    expect(seen.filter((stop) => stop.includes('|'))).toEqual([])
    await context.close()
  })

  it('with nothing after the plan, Tab from its last field leaves the page rather than going back to its first control, and Shift+Tab comes back to that field', async () => {
    // A plan with one review point: the overview beside it has no links, so nothing in the page follows the plan.
    const leader = await register(scope.server().url, 'Tess Tabs')
    const { plan } = await leader.json<{ plan: { id: string } }>('POST', '/api/plans', { title: 'Reading', schoolName: 'Millbrook Primary', templateId: 'blank' })
    const page = await (await contextFor(scope.browser(), scope.server(), leader, 'laptop')).newPage()
    await page.goto(`${scope.server().url}/plans/${plan.id}`)
    const content = page.getByRole('textbox', { name: 'Plan content' })
    await clickInto(content.locator(':scope > p').last())
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('/rev')
    await page.getByRole('listbox', { name: 'Insert' }).waitFor()
    await page.keyboard.press('Enter')
    const nextSteps = fieldOf(page, /^Review point:/, 'Next steps')
    await clickInto(nextSteps)
    await page.keyboard.type('Share with governors')
    const inPlan = () => page.evaluate(() => document.querySelector('.plan-content')!.contains(document.activeElement))
    expect(await inPlan()).toBe(true)
    await page.keyboard.press('Tab')
    await expect.poll(inPlan).toBe(false)
    // Back from the browser's toolbar: the browser would stop on the plan's last control, the review's date.
    await page.keyboard.press('Shift+Tab')
    await expect.poll(() => focusIn(page)).toBe('Next steps|')
    await page.keyboard.type('.')
    await expect.poll(() => nextSteps.innerText()).toBe('Share with governors.')
    await page.context().close()
  })
})
