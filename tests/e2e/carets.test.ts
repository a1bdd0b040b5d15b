// Where each person's caret is after someone else's change to the plan: what they type next must land where
// they were typing, whatever the other person did meanwhile (issue: live co-editing).
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { browserAndServer, caretSettledIn, screenshot, typeAtEnd, veraAndHarryLive, writtenText } from './harness.ts'

const scope = browserAndServer()

const blocks = (page: Page) => page.getByRole('textbox', { name: 'Plan content' }).locator(':scope > *')

/** Puts the caret in the plan's last block, `fromEnd` characters before its end, as a person would. */
async function caretInLastBlock(page: Page, fromEnd: number): Promise<void> {
  await blocks(page).last().click()
  await caretSettledIn(blocks(page).last())
  await page.keyboard.press('End')
  for (let i = 0; i < fromEnd; i++) await page.keyboard.press('ArrowLeft')
  await caretSettledIn(blocks(page).last())
}

/** Which of the plan's top-level blocks holds the caret in the page. */
const caretBlock = (page: Page) => page.getByRole('textbox', { name: 'Plan content' }).evaluate((content) => {
  const anchor = window.getSelection()?.anchorNode
  return [...content.children].findIndex((block) => block.contains(anchor ?? null))
})

describe('carets across someone else\'s change', () => {
  it('two people who start a new paragraph at the same place each go on typing in their own', async () => {
    // Vera, on poor Wi-Fi, and Harry each press Enter at the end of the plan while she is offline: two empty
    // paragraphs at the same place, merged when she is back. Whichever one Yjs puts second, its writer's
    // caret must stay in it (y-tiptap's guess after a change of structure took it into the other one).
    const { a, b, visitorContext, close } = await veraAndHarryLive(scope)
    const before = await blocks(a).count()
    await visitorContext.setOffline(true)
    await expect.poll(() => a.getByRole('status').first().innerText(), { timeout: 15_000 }).toMatch(/Offline|Connecting/)
    await typeAtEnd(a, '')
    await typeAtEnd(b, '')
    await visitorContext.setOffline(false)
    for (const page of [a, b]) await expect.poll(() => blocks(page).count(), { timeout: 20_000 }).toBe(before + 2)

    // Each caret is still in the paragraph its writer made: two different ones, the two new ones.
    expect([await caretBlock(a), await caretBlock(b)].sort((x, y) => x - y)).toEqual([before, before + 1])
    await Promise.all([a.keyboard.type('Vera: stamina.', { delay: 15 }), b.keyboard.type('Harry: marking.', { delay: 15 })])
    for (const page of [a, b]) {
      const lastTwo = async () => [await writtenText(blocks(page).nth(-2)), await writtenText(blocks(page).nth(-1))]
      await expect.poll(async () => (await lastTwo()).sort(), { timeout: 10_000 }).toEqual(['Harry: marking.', 'Vera: stamina.'])
    }
    await close()
  })

  it('someone typing in the empty paragraph where the caret is writes after it, as everywhere else', async () => {
    const { a, b, close } = await veraAndHarryLive(scope)
    // Vera starts a new paragraph; Harry clicks into it too, and she types there.
    await typeAtEnd(a, '')
    await expect.poll(() => blocks(b).count()).toBe(await blocks(a).count())
    await blocks(b).last().click()
    await caretSettledIn(blocks(b).last())
    await a.keyboard.type('Year 4', { delay: 30 })
    await expect.poll(() => writtenText(blocks(b).last())).toBe('Year 4')
    // His caret stayed where it was, before her text (it used to be put after her first letter only).
    await b.keyboard.type('In ')
    for (const page of [a, b]) await expect.poll(() => writtenText(blocks(page).last())).toBe('In Year 4')
    await close()
  })

  it('someone pressing Enter earlier in the paragraph being typed in: the typing goes on in the second half', async () => {
    const { a, b, close } = await veraAndHarryLive(scope)
    await typeAtEnd(a, 'Stamina is low. Marking varies.')
    await expect.poll(() => writtenText(blocks(b).last())).toBe('Stamina is low. Marking varies.')
    // Harry's caret after "Marking var"; Vera splits the paragraph after "low.".
    await caretInLastBlock(b, 4)
    await a.keyboard.press('Home')
    for (let i = 0; i < 'Stamina is low.'.length; i++) await a.keyboard.press('ArrowRight')
    await caretSettledIn(blocks(a).last())
    await a.keyboard.press('Enter')
    await expect.poll(() => writtenText(blocks(b).last())).toBe(' Marking varies.')
    // His next key goes where his caret was, in the second half (it went to the end of the first half).
    await b.keyboard.type('i')
    for (const page of [a, b]) {
      await expect.poll(async () => [await writtenText(blocks(page).nth(-2)), await writtenText(blocks(page).last())])
        .toEqual(['Stamina is low.', ' Marking variies.'])
    }
    await close()
  })

  it('someone joining the paragraph being typed in to the one before: the typing goes on where it was', async () => {
    const { a, b, close } = await veraAndHarryLive(scope)
    await typeAtEnd(a, 'Stamina is low.')
    await typeAtEnd(a, 'Marking varies.')
    await expect.poll(() => writtenText(blocks(b).last())).toBe('Marking varies.')
    // Harry's caret after "Marking var"; Vera presses Backspace at the start of that paragraph.
    await caretInLastBlock(b, 4)
    await a.keyboard.press('Home')
    await caretSettledIn(blocks(a).last())
    await a.keyboard.press('Backspace')
    await expect.poll(() => writtenText(blocks(b).last())).toBe('Stamina is low.Marking varies.')
    // His next key goes where his caret was (it went to the end of the joined paragraph).
    await b.keyboard.type('i')
    for (const page of [a, b]) await expect.poll(() => writtenText(blocks(page).last())).toBe('Stamina is low.Marking variies.')
    await close()
  })

  it('another person\'s caret near the right edge has its name inside the plan, ending at the caret', async () => {
    const { a, b, close } = await veraAndHarryLive(scope)
    await typeAtEnd(a, 'Attendance: call every absent child')
    const editor = (await b.getByRole('textbox', { name: 'Plan content' }).boundingBox())!
    const right = editor.x + editor.width
    const caret = b.locator('.collaboration-carets__caret').filter({ hasText: 'Vera Visiting' })
    // Vera types on until, on Harry's tablet, her caret is within 70 px of the plan's right edge.
    const words = ' by half past nine and record every reason given in the register'
    let at = await caret.boundingBox()
    for (const letter of words) {
      if (at && at.x > right - 70) break
      const before = at?.x
      await a.keyboard.type(letter)
      await expect.poll(async () => (at = await caret.boundingBox())?.x).not.toBe(before)
    }
    expect(at!.x).toBeGreaterThan(right - 70)
    const label = (await caret.locator('.collaboration-carets__label').boundingBox())!
    expect(label.x + label.width).toBeLessThanOrEqual(right)
    expect(Math.abs(label.x + label.width - (at!.x + at!.width))).toBeLessThanOrEqual(3)
    await screenshot(b, 'caret-label-right-edge-tablet')
    await close()
  })
})

