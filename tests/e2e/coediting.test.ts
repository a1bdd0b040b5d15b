// Two people write in the same plan at once, each in their own browser context (issue: live co-editing).
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { browserAndServer, contextFor, expectAccessible, screenshot, typeAtEnd, veraAndHarryLive, writtenText } from './harness.ts'

const scope = browserAndServer()


describe('co-editing in the browser', () => {
  it('a new person registers, creates a plan from the list, renames it and opens it', async () => {
    const context = await contextFor(scope.browser(), scope.server(), null)
    const page = await context.newPage()
    await page.goto(scope.server().url)
    await expect.poll(() => page.url()).toContain('/signin')
    await expectAccessible(page, 'sign-in page')
    await page.getByRole('main').getByRole('link', { name: /create an account/i }).click()
    // Sent empty: the problems are listed in the order of the fields, each linking to its field.
    await page.getByRole('button', { name: 'Create account' }).click()
    const problems = page.locator('.error-summary__list li')
    await expect.poll(() => problems.count()).toBe(3)
    const texts = await problems.allInnerTexts()
    expect([/name/i.test(texts[0]), /email/i.test(texts[1]), /password/i.test(texts[2])]).toEqual([true, true, true])
    await page.getByLabel('Full name').fill('Priya Patel')
    await page.getByLabel('Email address').fill('priya@seaview.example')
    await page.getByLabel('Password', { exact: true }).fill('a long enough password')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByLabel('Plan title').fill('Improving attendance')
    await page.getByLabel('School name').fill('Seaview Primary')
    await page.getByRole('button', { name: /create plan/i }).click()
    // A new plan opens at once, ready to write in.
    await page.getByRole('textbox', { name: 'Plan content' }).waitFor()
    await page.getByRole('navigation').getByRole('link', { name: 'Plans' }).click()
    await page.getByRole('button', { name: 'Rename Improving attendance' }).click()
    await page.getByLabel('New title').fill('Improving attendance and punctuality')
    await page.getByRole('button', { name: /^save/i }).click()
    await page.getByRole('link', { name: /Improving attendance and punctuality/ }).waitFor()
    await screenshot(page, 'plan-list')
    await expectAccessible(page, 'plan list')
    await page.getByRole('link', { name: /Improving attendance and punctuality/ }).click()
    await page.getByRole('textbox', { name: 'Plan content' }).waitFor()
    await expect.poll(() => page.getByRole('textbox', { name: 'Plan content' }).innerText()).toContain('Diagnosis')
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Live')
    await context.close()
  })

  it('two people type at the same time, see the same text and each other\'s labelled caret', async () => {
    const { a, b, visitorContext, close } = await veraAndHarryLive(scope)

    await Promise.all([
      typeAtEnd(a, 'Vera: writing stamina is low in Year 4.', 15),
      typeAtEnd(b, 'Harry: moderation shows inconsistent marking.', 15),
    ])
    // The text as written: other people's carets and their name labels are not part of it.
    const content = (page: Page) => writtenText(page.getByRole('textbox', { name: 'Plan content' }))
    for (const page of [a, b]) {
      await expect.poll(() => content(page), { timeout: 10_000 }).toContain('Vera: writing stamina is low in Year 4.')
      await expect.poll(() => content(page), { timeout: 10_000 }).toContain('Harry: moderation shows inconsistent marking.')
    }
    expect(await content(a)).toBe(await content(b))

    // Each sees the other's caret, labelled with the other's real name, and the other in the header.
    await expect.poll(() => a.locator('.collaboration-carets__label').allInnerTexts()).toContain('Harry Head')
    await expect.poll(() => b.locator('.collaboration-carets__label').allInnerTexts()).toContain('Vera Visiting')
    await expect.poll(() => a.getByRole('region', { name: 'People here now' }).innerText()).toContain('Harry Head')
    await expect.poll(() => a.getByTestId('saved-indicator').innerText()).toBe('All changes saved')
    await screenshot(a, 'coediting-laptop')
    await screenshot(b, 'coediting-tablet')
    await expectAccessible(a, 'plan page')

    // Undo takes back only your own typing.
    await a.getByRole('textbox', { name: 'Plan content' }).focus()
    await a.keyboard.press('Control+z')
    await expect.poll(() => content(b)).not.toContain('Year 4.')
    expect(await content(b)).toContain('Harry: moderation shows inconsistent marking.')

    // Offline briefly: the edit is kept and sent when the connection returns.
    await visitorContext.setOffline(true)
    await expect.poll(() => a.getByRole('status').first().innerText(), { timeout: 15_000 }).toMatch(/Offline|Connecting/)
    await typeAtEnd(a, 'Typed on the train.')
    await visitorContext.setOffline(false)
    await expect.poll(() => content(b), { timeout: 20_000 }).toContain('Typed on the train.')
    await expect.poll(() => a.getByTestId('saved-indicator').innerText(), { timeout: 20_000 }).toBe('All changes saved')
    await close()
  })
})
