// The formatting toolbar on a tablet (one row, the table’s tools only in a table), and links typed as addresses.
import { describe, expect, it } from 'vitest'
import { createPlan, register, share } from '../helpers/api.ts'
import { browserAndServer, contextFor, expectAccessible, screenshot, typeAtEnd } from './harness.ts'

const scope = browserAndServer()

describe('the formatting toolbar', () => {
  it('shows the table tools only in a table, and stays on one row on a tablet', async () => {
    const visitor = await register(scope.server().url, 'Vera Visiting')
    const plan = await createPlan(visitor, 'Reading for pleasure', 'Harbourside Primary')
    const page = await (await contextFor(scope.browser(), scope.server(), visitor, 'tablet')).newPage()
    await page.goto(`${scope.server().url}/plans/${plan.id}`)
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Live')
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' })
    const tableTools = toolbar.getByRole('group', { name: 'Table' }).getByRole('button')
    const editor = page.getByRole('textbox', { name: 'Plan content' })

    await typeAtEnd(page, 'Library visits by class:')
    expect(await tableTools.allInnerTexts()).toHaveLength(1)
    await expect.poll(() => toolbar.getByRole('button', { name: 'Insert table' }).isEnabled()).toBe(true)
    // One row of buttons: the toolbar is no taller than its tallest control and its padding.
    const rowHeight = async () => {
      const bar = await toolbar.boundingBox()
      const button = await toolbar.getByRole('button', { name: 'Insert table' }).boundingBox()
      return bar && button ? bar.height / button.height : Infinity
    }
    await screenshot(page, 'toolbar-no-table')
    expect(await rowHeight()).toBeLessThan(2)
    // Narrower iPads held upright too: 810 (9th generation), 768 (older) and 744 px (mini).
    const tablet = page.viewportSize()!
    for (const width of [810, 768, 744]) {
      await page.setViewportSize({ width, height: 1024 })
      await expect.poll(rowHeight, { message: `one row at ${width} px` }).toBeLessThan(2)
    }
    await page.setViewportSize(tablet)

    await toolbar.getByRole('button', { name: 'Insert table' }).click()
    await expect.poll(() => editor.locator('table').count()).toBe(1)
    // In the table: its tools appear, and they work.
    await expect.poll(() => tableTools.count()).toBe(6)
    await toolbar.getByRole('button', { name: 'Add row' }).click()
    await expect.poll(() => editor.locator('table tr').count()).toBe(4)
    await screenshot(page, 'toolbar-in-table')
    await expectAccessible(page, 'plan with a table')

    // Out of the table, they go.
    await editor.getByText('Library visits by class:').click()
    await expect.poll(() => tableTools.count()).toBe(1)
    expect(await rowHeight()).toBeLessThan(2)

    // Deleting the table from its own tools leaves the caret in the plan, ready to type.
    await editor.locator('table td').first().click()
    await expect.poll(() => tableTools.count()).toBe(6)
    await toolbar.getByRole('button', { name: 'Delete table' }).click()
    await expect.poll(() => editor.locator('table').count()).toBe(0)
    await expect.poll(() => tableTools.count()).toBe(1)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Plan content')
  })

  it('an address typed becomes a link, which the other person sees as it is', async () => {
    const visitor = await register(scope.server().url, 'Vera Visiting')
    const head = await register(scope.server().url, 'Harry Head')
    const plan = await createPlan(visitor, 'Reading for pleasure', 'Harbourside Primary')
    await share(visitor, plan.id, head, 'editor')
    const [a, b] = await Promise.all([visitor, head].map(async (person) => {
      const page = await (await contextFor(scope.browser(), scope.server(), person, 'laptop')).newPage()
      await page.goto(`${scope.server().url}/plans/${plan.id}`)
      await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Live')
      return page
    }))
    // Harry's caret sits in the plan, as when people write together.
    await b.getByRole('textbox', { name: 'Plan content' }).locator('h1').click()
    await typeAtEnd(a, 'Guidance at www.example.org.uk for parents. ')
    for (const page of [a, b]) {
      const links = page.getByRole('textbox', { name: 'Plan content' }).locator('a[href="https://www.example.org.uk"]')
      await expect.poll(() => links.count()).toBe(1)
      expect(await links.innerText()).toBe('www.example.org.uk')
    }
  })
})
