// Structured plans in the browser, one person: a plan from a template, typed blocks filled in with UK
// dates, links between blocks, the "/" and Insert menus, moving and deleting, and the progress overview
// beside the document following every edit. (Two people editing one block: see the lead's co-editing tests.)
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { register } from '../helpers/api.ts'
import { browserAndServer, contextFor, expectAccessible, screenshot } from './harness.ts'

const scope = browserAndServer()

const overview = (page: Page) => page.getByRole('complementary', { name: 'Progress' })

describe('structured plan blocks', () => {
  it('a leader builds a post-inspection plan from its template and the overview follows', async () => {
    const leader = await register(scope.server().url, 'Nadia Leader')
    const context = await contextFor(scope.browser(), scope.server(), leader, 'laptop')
    const page = await context.newPage()
    await page.goto(scope.server().url)
    await page.getByLabel('Plan title').fill('Post-inspection action plan')
    await page.getByLabel('School name').fill('Harbourside Academy')
    await page.getByLabel('Start from').selectOption({ label: 'Post-inspection action plan (requires improvement)' })
    await page.getByRole('button', { name: /create plan/i }).click()
    const content = page.getByRole('textbox', { name: 'Plan content' })
    await content.waitFor()
    await expect.poll(() => content.innerText()).toContain('What the inspection found')

    // The template's blocks, empty, each a named group with labelled fields.
    await expect.poll(() => page.getByRole('group', { name: 'Plan details: Harbourside Academy' }).count()).toBe(1)
    const finding = page.getByRole('group', { name: /^Finding:/ })
    await finding.getByRole('textbox', { name: 'Statement' }).click()
    await page.keyboard.type('Pupils with SEND do not get the help they need in lessons.')
    await finding.getByLabel('Evaluation area').selectOption({ label: 'Inclusion' })

    const target = page.getByRole('group', { name: /^Target:/ })
    await target.getByRole('textbox', { name: 'Measure' }).click()
    await page.keyboard.type('Lessons where SEND adaptations are seen (%)')
    const named = page.getByRole('group', { name: 'Target: Lessons where SEND adaptations are seen (%)' })
    await named.getByLabel('Baseline value').fill('40')
    await named.getByLabel('Baseline date').fill('1/9/2025')
    await named.getByLabel('Target value').fill('90')
    await named.getByLabel('Target date').fill('31/07/2026')
    await named.getByLabel('Current value').fill('42')
    await named.getByLabel('Current value').blur()
    // Well behind a straight line from September 2025 to July 2026: red, in words.
    await expect.poll(() => named.locator('.plan-block__badges').innerText()).toBe('Red')
    await expect(named.getByLabel('Baseline date').inputValue()).resolves.toBe('01/09/2025')

    await named.getByRole('button', { name: 'Link findings…' }).click()
    await named.getByLabel('Pupils with SEND do not get the help they need in lessons.').check()
    await named.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => finding.innerText()).toContain('Addressed by targets')

    const action = page.getByRole('group', { name: /^Action:/ })
    await action.getByRole('textbox', { name: 'Description' }).click()
    await page.keyboard.type('Train teaching assistants in adaptive teaching')
    await page.keyboard.press('Enter')
    await page.keyboard.type('SENCo')
    const training = page.getByRole('group', { name: 'Action: Train teaching assistants in adaptive teaching' })
    await training.getByLabel('Status').selectOption('in-progress')
    await training.getByLabel('Due').fill('31/10/2025')
    await training.getByLabel('Due').blur()
    await expect.poll(() => training.locator('.plan-block__badges').innerText()).toContain('Overdue')

    // The overview: overdue with its owner, the red target, nothing unaddressed; one missing link left.
    const panel = overview(page)
    await expect.poll(() => panel.innerText()).toContain('Due 31/10/2025 · Owner: SENCo')
    await expect.poll(() => panel.getByRole('button', { name: /^Go to target: Red Lessons where SEND/ }).count()).toBe(1)
    await expect.poll(() => panel.innerText()).toContain('Every finding in the plan has a target')
    await expect.poll(() => panel.getByRole('button', { name: /^Go to action: Train teaching/ }).count()).toBe(1)
    await training.getByRole('button', { name: 'Link targets…' }).click()
    await training.getByLabel('Lessons where SEND adaptations are seen (%)').check()
    await training.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => panel.getByRole('heading', { name: /Missing links/ }).count()).toBe(0)

    // Done: no longer overdue, anywhere.
    await training.getByLabel('Status').selectOption('done')
    await expect.poll(() => panel.innerText()).toContain('Nothing overdue.')

    // The "/" menu, by keyboard only: a review point at the end of the plan.
    await content.locator(':scope > p').last().click()
    await expect.poll(() => page.getByLabel('Text style').isEnabled()).toBe(true)
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('/rev')
    await page.getByRole('listbox', { name: 'Insert' }).waitFor()
    await expect(page.getByRole('option', { name: /Review point/ }).getAttribute('aria-selected')).resolves.toBe('true')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('group', { name: /^Review point:/ }).count()).toBe(2)
    // Escape closes the menu and keeps what was typed (in the empty line kept after the last block).
    await expect.poll(() => content.locator(':scope > :last-child').evaluate((element) => element.tagName)).toBe('P')
    await content.locator(':scope > p').last().click()
    // Out of the block's fields: the text style list is back (it is off inside a field).
    await expect.poll(() => page.getByLabel('Text style').isEnabled()).toBe(true)
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('/')
    await page.getByRole('listbox', { name: 'Insert' }).waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('listbox', { name: 'Insert' }).count()).toBe(0)
    await expect.poll(() => content.locator(':scope > p').last().innerText()).toBe('/')
    await page.keyboard.press('Backspace')

    // The Insert menu: another action in the priority the cursor is in.
    await training.getByRole('textbox', { name: 'Owner' }).click()
    await page.getByRole('button', { name: 'Insert block' }).click()
    await page.getByRole('menuitem', { name: /^Action/ }).click()
    await expect.poll(() => page.getByRole('group', { name: /^Action:/ }).count()).toBe(2)
    await page.keyboard.type('Termly SEND learning walks')

    // Move the new action above the first, then delete it.
    const walks = page.getByRole('group', { name: 'Action: Termly SEND learning walks' })
    await walks.getByRole('button', { name: /^Move up:/ }).click()
    await expect.poll(() => page.getByRole('group', { name: /^Action:/ }).first().getAttribute('aria-label')).toBe('Action: Termly SEND learning walks')
    await walks.getByRole('button', { name: /^Delete:/ }).click()
    await expect.poll(() => page.getByRole('group', { name: /^Action:/ }).count()).toBe(1)

    // Following a link jumps to the block.
    await panel.getByRole('button', { name: /^Go to target:/ }).click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true)

    await expect.poll(() => page.getByTestId('saved-indicator').innerText()).toBe('All changes saved')
    await screenshot(page, 'blocks-laptop')
    await expectAccessible(page, 'plan page with blocks')

    // The plan list's headline figures.
    await page.getByRole('navigation').getByRole('link', { name: 'Plans' }).click()
    const card = page.getByRole('listitem').filter({ hasText: 'Post-inspection action plan' })
    await expect.poll(() => card.getByRole('list', { name: 'Progress' }).innerText()).toContain('1 of 1 action done')
    await expect.poll(() => card.getByRole('list', { name: 'Progress' }).innerText()).toContain('1 red')
    await screenshot(page, 'plan-list-headline')
    await context.close()
  })

  it('on a tablet the overview folds above the document and opens', async () => {
    const head = await register(scope.server().url, 'Hugo Head')
    const { plan } = await head.json('POST', '/api/plans', { title: 'Support plan', schoolName: 'Hillside Primary', templateId: 'nle-support' })
    const context = await contextFor(scope.browser(), scope.server(), head, 'tablet')
    const page = await context.newPage()
    await page.goto(`${scope.server().url}/plans/${plan.id}`)
    await page.getByRole('textbox', { name: 'Plan content' }).waitFor()
    const panel = overview(page)
    await expect.poll(() => panel.innerText()).toContain('1 action, 0 done · 0 overdue')
    await panel.getByRole('button', { name: 'Show details' }).click()
    await expect.poll(() => panel.getByRole('heading', { name: /Findings not yet addressed/ }).count()).toBe(1)
    await screenshot(page, 'blocks-tablet')
    await expectAccessible(page, 'plan page on a tablet')
    await context.close()
  })
})
