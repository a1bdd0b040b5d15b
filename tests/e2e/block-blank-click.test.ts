// A click on blank space inside a plan block (beside a control's label, in its header, beside its fields,
// in its footer) must leave a caret where typing is safe: in one of the block's fields. It used to leave a
// gap cursor between the block's fields, where Ctrl+End did nothing and each letter typed made a new block
// above the one clicked, which took over its id (so a target linked to a finding now linked to the stray).
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { BLOCK_TYPES } from '../../shared/schema/blockFields.ts'
import { blockNamed, browserAndServer, clickInto, planOnLaptop, screenshot, screenshotDir } from './harness.ts'

const scope = browserAndServer()

interface BlockState {
  type: string
  id: string
  /** The text of its first field (a finding's statement, a target's measure). */
  title: string
  linkedFindings: string[] | null
}

interface SelectionState {
  /** 'text', 'node', 'gapcursor', 'all'. */
  type: string
  /** The node the selection starts in, and the id of the block around it (null outside the blocks). */
  parent: string
  block: string | null
}

/** The plan's blocks as the editor holds them, in document order. */
function planBlocks(page: Page): Promise<BlockState[]> {
  return page.evaluate((types) => {
    type PMNode = { type: { name: string }; attrs: Record<string, unknown>; firstChild: PMNode | null; textContent: string; descendants(f: (node: PMNode) => boolean): void }
    const root = document.querySelector('.ProseMirror') as (Element & { editor: { state: { doc: PMNode } } }) | null
    const blocks: BlockState[] = []
    root?.editor.state.doc.descendants((node) => {
      if (types.includes(node.type.name)) {
        blocks.push({
          type: node.type.name,
          id: String(node.attrs.id),
          title: node.firstChild?.textContent ?? '',
          linkedFindings: Array.isArray(node.attrs.linkedFindings) ? node.attrs.linkedFindings as string[] : null,
        })
      }
      return true
    })
    return blocks
  }, BLOCK_TYPES as string[])
}

function editorSelection(page: Page): Promise<SelectionState> {
  return page.evaluate((types) => {
    type PMNode = { type: { name: string }; attrs: Record<string, unknown> }
    type Selection = { toJSON(): { type: string }; $from: { depth: number; parent: PMNode; node(depth: number): PMNode } }
    const root = document.querySelector('.ProseMirror') as (Element & { editor: { state: { selection: Selection } } })
    const { selection } = root.editor.state
    let block: string | null = null
    for (let depth = selection.$from.depth; depth > 0 && block === null; depth--) {
      const node = selection.$from.node(depth)
      if (types.includes(node.type.name)) block = String(node.attrs.id)
    }
    return { type: selection.toJSON().type, parent: selection.$from.parent.type.name, block }
  }, BLOCK_TYPES as string[])
}

/**
 * Points on blank space inside a block, none of them on a control, a label or a text field, and none inside
 * a block nested in it: beside its controls' labels, in its header, beside its fields, in its footer.
 */
function blankSpotsIn(block: Locator): Promise<{ x: number; y: number; where: string }[]> {
  return block.evaluate((element) => {
    const id = element.getAttribute('data-block-id')
    const own = (node: Element) => node.closest('[data-block-id]') === element
    const spots: { x: number; y: number; where: string }[] = []
    const add = (left: number, top: number, where: string) => {
      // (Whole pixels, as the mouse is moved.)
      const [x, y] = [Math.round(left), Math.round(top)]
      const hit = document.elementFromPoint(x, y)
      if (!hit || !element.contains(hit) || hit.closest('[data-block-id]')?.getAttribute('data-block-id') !== id) return
      if (hit.closest('input, select, button, a, label, textarea, .plan-field')) return
      spots.push({ x, y, where })
    }
    const box = element.getBoundingClientRect()
    for (const label of element.querySelectorAll('.block-control__label')) {
      if (!own(label)) continue
      const rect = label.getBoundingClientRect()
      // (In the gap between two controls: the labels are as wide as their columns.)
      add(rect.right + 8, rect.top + rect.height / 2, `right of “${label.textContent}”`)
    }
    const header = [...element.querySelectorAll('.plan-block__header')].find(own)
    const kind = header?.querySelector('.plan-block__badges') ?? header?.querySelector('.plan-block__kind')
    const tools = header?.querySelector('.plan-block__tools')
    if (kind && tools) {
      const left = kind.getBoundingClientRect().right
      const right = tools.getBoundingClientRect().left
      add((left + right) / 2, kind.getBoundingClientRect().top + kind.getBoundingClientRect().height / 2, 'in the header')
    }
    const fields = [...element.querySelectorAll('.plan-field')].filter((field) => own(field) && field.getClientRects().length > 0)
    if (fields.length > 0) {
      const first = fields[0].getBoundingClientRect()
      add(box.left + 3, first.top + first.height / 2, 'left of the first field')
      add(box.right - 3, first.top + first.height / 2, 'right of the first field')
    }
    for (let index = 1; index < fields.length; index++) {
      const above = fields[index - 1].getBoundingClientRect()
      const below = fields[index].getBoundingClientRect()
      if (below.top - above.bottom >= 2) add(above.left + 20, (above.bottom + below.top) / 2, `between fields ${index} and ${index + 1}`)
    }
    const footer = [...element.querySelectorAll('.plan-block__footer')].find(own)
    if (footer) {
      const rect = footer.getBoundingClientRect()
      add(rect.right - 6, rect.top + rect.height / 2, 'right of the footer')
    }
    return spots
  })
}

/** The ids and types of the blocks, which typing must never change. */
const shape = (blocks: BlockState[]) => blocks.map(({ type, id }) => `${type} ${id}`)

/** Clicks the point and waits a person's moment, so the editor has read where the click put the caret. */
async function clickAt(page: Page, spot: { x: number; y: number }): Promise<void> {
  await page.mouse.click(spot.x, spot.y)
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))))
}

/** The point 15 px past the right edge of a control's label in a block (the labels are as wide as their controls). */
async function besideLabel(block: Locator, label: string): Promise<{ x: number; y: number }> {
  const element = block.locator('.block-control__label', { hasText: label }).first()
  await element.scrollIntoViewIfNeeded()
  const box = (await element.boundingBox())!
  return { x: box.x + box.width + 15, y: box.y + box.height / 2 }
}

const lastParagraph = (page: Page) => page.getByRole('textbox', { name: 'Plan content' }).locator(':scope > :last-child')

describe('clicking blank space inside a plan block', () => {
  it('then Ctrl+End and typing writes at the end of the plan, and the finding keeps its id and its link', async () => {
    const { page, close } = await planOnLaptop(scope, 'Tess Tester')
    try {
      const finding = blockNamed(page, /^Finding:/)
      await clickInto(finding.getByRole('textbox', { name: 'Statement', exact: true }))
      await page.keyboard.type('Pupils with SEND do not get help.')
      // A target linked to the finding: its link must go on naming the finding with this statement.
      const target = blockNamed(page, /^Target:/)
      await target.getByRole('button', { name: 'Link findings…' }).click()
      await target.getByLabel('Pupils with SEND do not get help.').check()
      await target.getByRole('button', { name: 'Done' }).click()
      const before = await planBlocks(page)
      const original = before.find((block) => block.type === 'finding')!
      expect(before.find((block) => block.type === 'target')!.linkedFindings).toEqual([original.id])

      // Blank space 15 px past the right edge of the "Kind of finding" label, as the tester clicked.
      const spot = await besideLabel(finding, 'Kind of finding')
      const hit = await page.evaluate(({ x, y }) => {
        const element = document.elementFromPoint(x, y)
        return { block: element?.closest('[data-block-id]')?.getAttribute('aria-label') ?? null, control: !!element?.closest('input, select, button, label, .plan-field') }
      }, spot)
      expect(hit).toEqual({ block: 'Finding: Pupils with SEND do not get help.', control: false })
      await clickAt(page, spot)
      // The caret is in the finding's nearest field, its statement, and shows there.
      expect(await editorSelection(page)).toEqual({ type: 'text', parent: 'field', block: original.id })
      await expect.poll(() => finding.locator('.plan-field--active').getAttribute('data-field')).toBe('statement')
      await mkdir(screenshotDir, { recursive: true })
      await finding.screenshot({ path: join(screenshotDir, 'block-blank-click-caret.png') })

      await page.keyboard.press('Control+End')
      await page.keyboard.type('Parents', { delay: 20 })
      await expect.poll(() => lastParagraph(page).innerText()).toBe('Parents')
      const after = await planBlocks(page)
      expect(shape(after)).toEqual(shape(before))
      expect(after.find((block) => block.id === original.id)?.title).toBe('Pupils with SEND do not get help.')
      expect(after.find((block) => block.type === 'target')!.linkedFindings).toEqual([original.id])
      await screenshot(page, 'block-blank-click-ctrl-end')
    } finally {
      await close()
    }
  })

  it('in every kind of block leaves the caret in one of its fields, and Ctrl+Home and Ctrl+End still work', async () => {
    const { page, content, close } = await planOnLaptop(scope, 'Bea Blank')
    try {
      const before = await planBlocks(page)
      const problems: string[] = []
      let spotsTried = 0
      for (const type of BLOCK_TYPES) {
        const id = before.find((block) => block.type === type)?.id
        expect(id, `the template has a ${type}`).toBeDefined()
        const block = page.locator(`[data-block-id="${id}"]`)
        await block.scrollIntoViewIfNeeded()
        const spots = await blankSpotsIn(block)
        if (spots.length === 0) problems.push(`${type}: no blank space found to click`)
        for (const spot of spots) {
          spotsTried++
          // (Scrolling again: typing can have moved the page.)
          await block.scrollIntoViewIfNeeded()
          const [again] = (await blankSpotsIn(block)).filter((other) => other.where === spot.where)
          if (!again) continue
          const was = shape(await planBlocks(page))
          await clickAt(page, again)
          const selection = await editorSelection(page)
          if (selection.type !== 'text' || selection.parent !== 'field' || selection.block !== id) {
            const block = selection.block === null ? 'no block' : selection.block === id ? 'this block' : `block ${selection.block}`
            problems.push(`${type}, ${spot.where}: the click left a ${selection.type} selection in ${selection.parent}, in ${block}`)
          }
          await page.keyboard.type('z', { delay: 20 })
          const now = shape(await planBlocks(page))
          if (JSON.stringify(now) !== JSON.stringify(was)) problems.push(`${type}, ${spot.where}: typing changed the blocks from ${was.join(', ')} to ${now.join(', ')}`)
        }
      }
      expect(spotsTried).toBeGreaterThan(BLOCK_TYPES.length)
      expect(problems).toEqual([])

      // From blank space in a block, Ctrl+End and Ctrl+Home go to the ends of the plan.
      const finding = page.locator(`[data-block-id="${before.find((block) => block.type === 'finding')!.id}"]`)
      await clickAt(page, await besideLabel(finding, 'Confidence'))
      await page.keyboard.press('Control+End')
      await page.keyboard.type('End.', { delay: 20 })
      await expect.poll(() => lastParagraph(page).innerText()).toBe('End.')
      await clickAt(page, await besideLabel(finding, 'Confidence'))
      await page.keyboard.press('Control+Home')
      await page.keyboard.type('Start: ', { delay: 20 })
      await expect.poll(() => content.locator(':scope > h1').innerText()).toBe('Start: Post-inspection action plan')

      expect(shape(await planBlocks(page))).toEqual(shape(before))
      await screenshot(page, 'block-blank-click-every-block')
    } finally {
      await close()
    }
  })
})
