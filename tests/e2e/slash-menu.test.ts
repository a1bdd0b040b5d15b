// The "/" menu on a tablet: it opens where there is room (above the caret on the last line of the screen),
// stays on the screen, fits its list to the space, follows the caret as the page scrolls, passes axe
// (scrollable-region-focusable included) and works from the keyboard, from the text or from the list itself.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { createPlan, register } from '../helpers/api.ts'
import { browserAndServer, caretSettledIn, contextFor, expectAccessible, screenshotDir, typeAtEnd } from './harness.ts'

const scope = browserAndServer()

interface Rect { top: number; bottom: number; left: number; right: number }
/** The line being typed on, the menu, the list's scrolled view, the highlighted option and the toolbar, in the window; and the window's size. */
interface Geometry { line: Rect; menu: Rect; list: Rect; selected: Rect; toolbar: Rect; width: number; height: number; listScrolls: boolean }

function geometry(page: Page): Promise<Geometry> {
  return page.evaluate(() => {
    const rect = (element: Element | null | undefined): Rect => {
      if (!element) throw new Error('missing element')
      const { top, bottom, left, right } = element.getBoundingClientRect()
      return { top, bottom, left, right }
    }
    const anchor = window.getSelection()?.anchorNode
    const line = (anchor instanceof Element ? anchor : anchor?.parentElement)?.closest('.ProseMirror > p')
    const list = document.querySelector('[role="listbox"][aria-label="Insert"]')
    return {
      line: rect(line),
      menu: rect(list?.closest('.slash-menu')),
      list: rect(list),
      selected: rect(list?.querySelector('[aria-selected="true"]')),
      toolbar: rect(document.querySelector('[role="toolbar"][aria-label="Formatting"]')),
      width: document.documentElement.clientWidth,
      height: document.documentElement.clientHeight,
      listScrolls: list ? list.scrollHeight > list.clientHeight : false,
    }
  })
}

/** The whole menu is on the screen and clear of the sticky toolbar, and the highlighted option is in the list's view. */
function expectOnScreen(at: Geometry, where: string): void {
  expect(at.menu.top, `menu's top ${where}`).toBeGreaterThanOrEqual(at.toolbar.bottom)
  expect(at.menu.bottom, `menu's bottom ${where}`).toBeLessThanOrEqual(at.height)
  expect(at.menu.left, `menu's left ${where}`).toBeGreaterThanOrEqual(0)
  expect(at.menu.right, `menu's right ${where}`).toBeLessThanOrEqual(at.width)
  expect(at.selected.top, `highlighted option ${where}`).toBeGreaterThanOrEqual(at.list.top - 1)
  expect(at.selected.bottom, `highlighted option ${where}`).toBeLessThanOrEqual(at.list.bottom + 1)
}

/** The menu just above the line (6 px between them), or just below it. */
const isAbove = (at: Geometry) => at.menu.bottom <= at.line.top && at.line.top - at.menu.bottom < 12
const isBelow = (at: Geometry) => at.menu.top >= at.line.bottom && at.menu.top - at.line.bottom < 12

/** What a person sees: the window as it is, not the whole page. */
async function snap(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true })
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) })
}

/** Scrolls the page, and waits for the frame after it (where the menu has seen the scroll). */
async function scrollPage(page: Page, by: number): Promise<void> {
  await page.evaluate((distance) => new Promise<void>((resolve) => {
    window.scrollBy(0, distance)
    requestAnimationFrame(() => requestAnimationFrame(() => resolve()))
  }), by)
}

const selectedLabel = (list: Locator) => list.locator('[aria-selected="true"] .slash-menu__label').innerText()

/** A person's new plan open live on a tablet of the given size: the page, its text and the "/" menu's list. */
async function planOnTablet(name: string, title: string, school: string, viewport: { width: number; height: number }) {
  const leader = await register(scope.server().url, name)
  const plan = await createPlan(leader, title, school)
  const context = await contextFor(scope.browser(), scope.server(), leader, 'tablet')
  const page = await context.newPage()
  await page.setViewportSize(viewport)
  await page.goto(`${scope.server().url}/plans/${plan.id}`)
  await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Live')
  return {
    context, page,
    content: page.getByRole('textbox', { name: 'Plan content' }),
    list: page.getByRole('listbox', { name: 'Insert' }),
  }
}

describe('the "/" menu', () => {
  for (const viewport of [{ width: 1024, height: 768 }, { width: 768, height: 1024 }]) {
    const size = `${viewport.width}x${viewport.height}`
    it(`on a ${size} tablet it opens on the screen, above the caret on the last line, and works from the keyboard`, async () => {
      const { context, page, content, list } = await planOnTablet('Tess Tablet', 'Attendance', 'Riverside Primary', viewport)

      // More lines than the screen holds: typing the last one leaves the caret at the foot of the screen.
      await typeAtEnd(page, 'Point 1 of the attendance plan.')
      for (let line = 2; line <= 30; line++) {
        await page.keyboard.press('Enter')
        await page.keyboard.insertText(`Point ${line} of the attendance plan.`)
      }
      await page.keyboard.press('Enter')
      await page.keyboard.type('/')
      await list.waitFor()
      await expect.poll(() => selectedLabel(list)).toBe('Plan details')

      // On the last line of the screen: the menu opens above the caret, wholly on the screen.
      let at = await geometry(page)
      expect(at.line.bottom, 'the line typed on is at the foot of the screen').toBeGreaterThan(at.height - 160)
      expectOnScreen(at, 'opened at the foot of the screen')
      expect(isAbove(at), 'menu above the caret').toBe(true)
      await snap(page, `slash-menu-${size}-foot`)
      await expectAccessible(page, `the "/" menu open on a ${size} tablet`)
      // Typing narrows the choices: the menu, shorter, stays above the line, its foot where it was.
      await page.keyboard.type('list')
      await expect.poll(() => list.getByRole('option').count()).toBe(2)
      expect(isAbove(await geometry(page)), 'menu still above the caret').toBe(true)
      for (let key = 0; key < 4; key++) await page.keyboard.press('Backspace')
      await expect.poll(() => list.getByRole('option').count()).toBeGreaterThan(2)
      expect(isAbove(await geometry(page)), 'menu above the caret again').toBe(true)

      // The arrow keys move the highlight (the text names it for screen readers), wrapping round, and the
      // highlighted option is scrolled into the list's view.
      await page.keyboard.press('ArrowDown')
      await expect.poll(() => selectedLabel(list)).toBe('Finding')
      const activeIs = () => content.evaluate((editor) => editor.getAttribute('aria-activedescendant') === document.querySelector('[role="option"][aria-selected="true"]')?.id)
      expect(await activeIs()).toBe(true)
      await page.keyboard.press('ArrowUp')
      await page.keyboard.press('ArrowUp')
      await expect.poll(() => selectedLabel(list)).toBe('Table')
      expect(await activeIs()).toBe(true)
      at = await geometry(page)
      expectOnScreen(at, 'with the last option highlighted')
      await snap(page, `slash-menu-${size}-foot-last-option`)
      await page.keyboard.press('ArrowUp')
      await expect.poll(() => selectedLabel(list)).toBe('Numbered list')
      expectOnScreen(await geometry(page), 'with the last option but one highlighted')
      // Enter inserts it in place of the "/".
      await page.keyboard.press('Enter')
      await expect.poll(() => list.count()).toBe(0)
      await expect.poll(() => content.locator('ol').count()).toBe(1)
      expect(await content.locator(':scope > *').last().innerText()).not.toContain('/')
      await context.close()
    })
  }

  it('follows the caret as the page scrolls, turning to open above it when the room below runs out', async () => {
    const { context, page, content, list } = await planOnTablet('Sam Scroll', 'Reading', 'Hillside Primary', { width: 1024, height: 768 })
    await typeAtEnd(page, 'Line 1 about reading.')
    for (let line = 2; line <= 40; line++) {
      await page.keyboard.press('Enter')
      await page.keyboard.insertText(`Line ${line} about reading.`)
    }
    // A "/" on a new line in the middle of the plan.
    await content.getByText('Line 20 about reading.').click()
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('/')
    await list.waitFor()

    // The line near the top of the screen: the menu opens below it.
    const scrollBy = (distance: number) => scrollPage(page, distance)
    const scrollLineTo = async (y: (at: Geometry) => number) => {
      const at = await geometry(page)
      await scrollBy(at.line.top - y(at))
    }
    await scrollLineTo((at) => at.toolbar.bottom + 60)
    await expect.poll(async () => isBelow(await geometry(page))).toBe(true)
    expectOnScreen(await geometry(page), 'below a line near the top')
    await snap(page, 'slash-menu-scrolled-top')

    // Scrolled a little: still just below the line.
    await scrollBy(-100)
    await expect.poll(async () => isBelow(await geometry(page))).toBe(true)

    // The line near the foot of the screen: the menu is now above it, and on the screen.
    await scrollLineTo((at) => at.height - 70)
    await expect.poll(async () => isAbove(await geometry(page))).toBe(true)
    expectOnScreen(await geometry(page), 'above a line near the foot')
    await snap(page, 'slash-menu-scrolled-foot')

    // Halfway down the screen: the list fits the room there is, scrolling if it must.
    await scrollLineTo((at) => at.height / 2)
    await expect.poll(async () => {
      const at = await geometry(page)
      return isAbove(at) || isBelow(at)
    }).toBe(true)
    expectOnScreen(await geometry(page), 'halfway down')

    // A short window (a tablet's on-screen keyboard takes half of it): the list is cut to the room, and
    // scrolls, the highlighted option in its view.
    await page.setViewportSize({ width: 1024, height: 420 })
    await scrollLineTo((at) => at.height / 2)
    await expect.poll(async () => (await geometry(page)).listScrolls).toBe(true)
    expectOnScreen(await geometry(page), 'in a short window')
    await page.keyboard.press('ArrowUp')
    await expect.poll(() => selectedLabel(list)).toBe('Table')
    expectOnScreen(await geometry(page), 'in a short window, the last option highlighted')
    await snap(page, 'slash-menu-short-window')
    await page.keyboard.press('Escape')
    await expect.poll(() => list.count()).toBe(0)
    await context.close()
  })

  it('stays on the screen when opened near the right edge, and its list works when it has focus itself', async () => {
    const { context, page, content, list } = await planOnTablet('Rory Right', 'Writing', 'Brookfield Primary', { width: 768, height: 1024 })

    // Words up to near the right-hand end of a line, then " /".
    await typeAtEnd(page, 'Pupils')
    const caretX = () => page.evaluate(() => window.getSelection()!.getRangeAt(0).getBoundingClientRect().right)
    const width = await page.evaluate(() => document.documentElement.clientWidth)
    while (await caretX() < width - 200) await page.keyboard.insertText(' write')
    for (let line = 1; line <= 20; line++) {
      await page.keyboard.press('Enter')
      await page.keyboard.insertText(`Line ${line} about writing.`)
    }
    // Back at the end of that line, scrolled to the upper half of the screen, with room below it.
    const long = content.getByText(/^Pupils write/)
    await long.click()
    await page.keyboard.press('End')
    await caretSettledIn(long)
    const top = await long.evaluate((element) => element.getBoundingClientRect().top - document.documentElement.clientHeight / 3)
    await scrollPage(page, top)
    await page.keyboard.type(' /')
    await list.waitFor()
    const at = await geometry(page)
    expectOnScreen(at, 'opened near the right edge')
    expect(isBelow(at), 'menu below the caret').toBe(true)
    await snap(page, 'slash-menu-right-edge')

    // A pointer that moves over an option highlights it.
    const target = (await list.getByRole('option', { name: /^Target/ }).boundingBox())!
    await page.mouse.move(target.x + 20, target.y + target.height / 2, { steps: 3 })
    await expect.poll(() => selectedLabel(list)).toBe('Target')

    // The list can take focus (it scrolls, so it is a stop in the tab order): there the arrow keys move
    // the highlight too, and Escape goes back to the text with the "/" kept.
    expect(await list.getAttribute('tabindex')).toBe('0')
    await list.focus()
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => selectedLabel(list)).toBe('Priority')
    expect(await list.evaluate((element) => element.getAttribute('aria-activedescendant') === element.querySelector('[aria-selected="true"]')?.id)).toBe(true)
    await page.keyboard.press('End')
    await expect.poll(() => selectedLabel(list)).toBe('Table')
    expectOnScreen(await geometry(page), 'with the list focused, the last option highlighted')
    await snap(page, 'slash-menu-list-focused')
    await expectAccessible(page, 'the "/" menu with its list focused')
    await page.keyboard.press('Escape')
    await expect.poll(() => list.count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true)
    expect(await long.innerText()).toMatch(/ write \/$/)
    // And Enter there inserts: open again, move into the list, choose.
    await page.keyboard.press('Backspace')
    await page.keyboard.type('/sub')
    await list.waitFor()
    await list.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => content.locator('h3').count()).toBe(1)
    // Back in the text (Tiptap's focus command takes a frame).
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true)
    await context.close()
  })
})
