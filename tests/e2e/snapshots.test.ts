// Snapshots for trustees in the browser (issue: snapshots, sign-off, what changed since the last review).
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createPlan, register, share } from '../helpers/api.ts'
import { browserAndServer, contextFor, expectAccessible, focused, screenshot, typeAtEnd } from './harness.ts'

const scope = browserAndServer()


async function publish(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name: 'Snapshots' }).click()
  await page.getByLabel('Name').fill(name)
  await page.getByLabel('Publish for trustees').check()
  await page.getByRole('button', { name: 'Publish snapshot' }).click()
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Published' }).innerText()).toContain(`Published “${name}” for trustees.`)
}

/** Waits until the server has everything typed (the connection status says all is saved). */
async function saved(owner: { cookie: string }, planId: string, text: string): Promise<void> {
  await expect.poll(async () => {
    const response = await fetch(`${scope.server().url}/api/plans/${planId}/compare?from=live&to=live`, { headers: { cookie: owner.cookie } })
    return JSON.stringify(await response.json())
  }, { timeout: 10_000 }).toContain(text)
}

describe('snapshots for trustees in the browser', () => {
  it('an editor publishes for trustees and keeps editing; the trustee sees only the snapshots and what changed', async () => {
    const owner = await register(scope.server().url, 'Priya Head')
    const trustee = await register(scope.server().url, 'Tom Trustee')
    const plan = await createPlan(owner, 'Raising attainment in reading', 'Harbour View Primary')
    await share(owner, plan.id, trustee, 'trustee')

    const ownerPage = await (await contextFor(scope.browser(), scope.server(), owner)).newPage()
    await ownerPage.goto(`${scope.server().url}/plans/${plan.id}`)
    await ownerPage.getByRole('textbox', { name: 'Plan content' }).waitFor()
    await typeAtEnd(ownerPage, 'Only 58% of pupils read at the expected standard.', 5)
    await saved(owner, plan.id, 'Only 58% of pupils')

    // Publishing with no name: the form's error summary says so, takes focus and links to the field.
    await ownerPage.getByRole('tab', { name: 'Snapshots' }).click()
    await ownerPage.getByRole('button', { name: 'Publish snapshot' }).click()
    const summary = ownerPage.getByRole('alert').filter({ hasText: 'There is a problem' })
    await expect.poll(() => focused(ownerPage)).toBe('div There is a problem Name is required.')
    expect(await summary.getByRole('listitem').allInnerTexts()).toEqual(['Name is required.'])
    await screenshot(ownerPage, 'snapshots-publish-no-name')
    await summary.getByRole('link', { name: 'Name is required.' }).click()
    expect(await focused(ownerPage)).toBe('input#snapshot-name')
    await publish(ownerPage, 'Autumn term review')
    expect(await ownerPage.getByRole('alert').filter({ hasText: 'There is a problem' }).count()).toBe(0)

    await ownerPage.getByRole('tab', { name: 'Plan' }).click()
    await typeAtEnd(ownerPage, 'Daily reading sessions started in every class.', 5)
    await saved(owner, plan.id, 'Daily reading sessions')
    await publish(ownerPage, 'Spring term review')
    await screenshot(ownerPage, 'snapshots-editor-list')
    await expectAccessible(ownerPage, 'snapshots tab', ['heading-order'])

    // Comparing with the live plan: focus on the comparison's heading, and back on the button after.
    await ownerPage.getByRole('button', { name: 'Compare with the live plan (“Autumn term review”)' }).click()
    await expect.poll(() => focused(ownerPage)).toBe('h2 What changed')
    await ownerPage.getByRole('heading', { name: 'Summary' }).waitFor()
    await expectAccessible(ownerPage, 'comparison with the live plan', ['heading-order'])
    await ownerPage.getByRole('button', { name: 'Back to the list' }).click()
    await expect.poll(() => focused(ownerPage)).toBe('button Compare with the live plan (“Autumn term review”)')

    // The editor keeps editing after publishing: trustees must not see this.
    await ownerPage.getByRole('tab', { name: 'Plan' }).click()
    await typeAtEnd(ownerPage, 'Draft idea not yet agreed with governors.', 5)
    await saved(owner, plan.id, 'Draft idea not yet agreed')

    // The trustee signs in.
    const trusteePage = await (await contextFor(scope.browser(), scope.server(), null)).newPage()
    await trusteePage.goto(`${scope.server().url}/signin`)
    await trusteePage.getByLabel('Email address').fill(trustee.email)
    await trusteePage.getByLabel('Password').fill(trustee.password)
    await trusteePage.getByRole('button', { name: 'Sign in' }).click()
    await trusteePage.getByRole('link', { name: /Raising attainment in reading/ }).first().click()
    await trusteePage.getByRole('heading', { name: 'Snapshots for trustees' }).waitFor()
    const names = trusteePage.getByRole('list', { name: 'Snapshots, newest first' }).getByRole('heading')
    await expect.poll(() => names.allInnerTexts()).toEqual(['Spring term review', 'Autumn term review'])
    expect(await trusteePage.getByRole('textbox', { name: 'Plan content' }).count()).toBe(0)
    expect(await trusteePage.locator('body').innerText()).not.toContain('Draft idea')
    await screenshot(trusteePage, 'snapshots-trustee-list')
    await expectAccessible(trusteePage, 'trustee snapshot list', ['heading-order'])

    // Reading the latest snapshot: the plan as published, read-only, without the later edit.
    await trusteePage.getByRole('button', { name: 'Open “Spring term review”' }).click()
    await expect.poll(() => focused(trusteePage)).toBe('h2 Spring term review')
    const snapshot = trusteePage.getByRole('document', { name: 'Snapshot “Spring term review”' })
    await expect.poll(() => snapshot.innerText()).toContain('Daily reading sessions started in every class.')
    expect(await snapshot.innerText()).not.toContain('Draft idea')
    expect(await snapshot.getAttribute('contenteditable')).toBe('false')
    await screenshot(trusteePage, 'snapshots-trustee-read')
    await expectAccessible(trusteePage, 'snapshot read-only', ['heading-order'])
    await trusteePage.getByRole('button', { name: 'Back to the list' }).click()
    await expect.poll(() => focused(trusteePage)).toBe('button Open “Spring term review”')

    // What changed since the previous snapshot.
    await trusteePage.getByRole('button', { name: /Compare with previous/ }).first().click()
    await expect.poll(() => focused(trusteePage)).toBe('h2 What changed')
    const inserted = trusteePage.locator('.diff-blocks ins')
    await expect.poll(() => inserted.allInnerTexts()).toEqual([expect.stringContaining('Daily reading sessions started in every class.')])
    expect(await trusteePage.locator('.compare').innerText()).not.toContain('Draft idea')
    expect(await trusteePage.locator('.compare').innerText()).toContain('From Autumn term review')
    await screenshot(trusteePage, 'snapshots-trustee-compare')
    await expectAccessible(trusteePage, 'snapshot comparison', ['heading-order'])
    await trusteePage.getByRole('button', { name: 'Back to the list' }).click()
    await expect.poll(() => focused(trusteePage)).toBe('button Compare with previous (“Autumn term review”)')
  })

  it('a trustee whose connection drops while opening the list or a snapshot can try again', async () => {
    const owner = await register(scope.server().url, 'Priya Head')
    const trustee = await register(scope.server().url, 'Tom Trustee')
    const plan = await createPlan(owner, 'Raising attainment in reading', 'Harbour View Primary')
    await share(owner, plan.id, trustee, 'trustee')
    await owner.json('POST', `/api/plans/${plan.id}/snapshots`, { name: 'Autumn term review', forTrustees: true })

    const page = await (await contextFor(scope.browser(), scope.server(), trustee, 'tablet')).newPage()
    // The school's Wi-Fi drops each first request: the list's, then the snapshot's.
    const dropped = new Set<string>()
    await page.route(/\/api\/plans\/[^/]+\/snapshots(\/[^/]+)?$/, (route) => {
      const kind = /snapshots$/.test(route.request().url()) ? 'list' : 'snapshot'
      if (dropped.has(kind)) return route.continue()
      dropped.add(kind)
      return route.abort('internetdisconnected')
    })
    await page.goto(`${scope.server().url}/plans/${plan.id}`)
    await page.getByRole('alert').filter({ hasText: 'Uplift could not be reached' }).waitFor()
    await screenshot(page, 'snapshots-list-try-again-tablet')
    await expectAccessible(page, 'snapshot list that could not be loaded')
    await page.getByRole('button', { name: 'Try again' }).click()
    await page.getByRole('button', { name: 'Open “Autumn term review”' }).click()
    await page.getByRole('alert').filter({ hasText: 'Uplift could not be reached' }).waitFor()
    await page.getByRole('button', { name: 'Try again' }).click()
    await page.getByRole('document', { name: 'Snapshot “Autumn term review”' }).waitFor()
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0)
  })
})
