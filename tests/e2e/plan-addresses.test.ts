// The plan page's view is in its address (client/plan/planView.ts): the tabs, an open snapshot or version and a
// comparison each have one, so Back, Forward, a reload and a link sent to a trustee all reach them.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { PlanSummary, RestoreResult, SnapshotSummary } from '../../shared/api.ts'
import { createPlan, register, share, type Person } from '../helpers/api.ts'
import { browserAndServer, contextFor, expectAccessible, focused, screenshot } from './harness.ts'

const scope = browserAndServer()

/** The address after the server's origin: "/plans/…?snapshot=…". */
const address = (page: Page) => page.url().slice(scope.server().url.length)

async function publish(owner: Person, plan: PlanSummary, name: string, forTrustees = true): Promise<SnapshotSummary> {
  const { snapshot } = await owner.json<{ snapshot: SnapshotSummary }>('POST', `/api/plans/${plan.id}/snapshots`, { name, forTrustees })
  return snapshot
}

describe('the plan page\'s addresses', () => {
  it('an editor\'s tabs, snapshots, versions and comparisons each have an address that Back, Forward and a reload follow', async () => {
    const owner = await register(scope.server().url, 'Priya Head')
    const plan = await createPlan(owner, 'Raising attainment in reading', 'Harbour View Primary')
    const autumn = await publish(owner, plan, 'Autumn term review')
    // A restore keeps the plan as it was just before as an automatic version: one to open from the history.
    const { before } = await owner.json<RestoreResult>('POST', `/api/plans/${plan.id}/restore`, { source: `snapshot:${autumn.id}` })
    const page = await (await contextFor(scope.browser(), scope.server(), owner)).newPage()
    const planPath = `/plans/${plan.id}`

    // From the plan list to the plan, as people arrive: Back from a snapshot must not leave the plan.
    await page.goto(`${scope.server().url}/`)
    await page.getByRole('link', { name: /Raising attainment in reading/ }).first().click()
    await page.getByRole('textbox', { name: 'Plan content' }).waitFor()
    expect(address(page)).toBe(planPath)

    await page.getByRole('tab', { name: 'Snapshots' }).click()
    await expect.poll(() => address(page)).toBe(`${planPath}?tab=snapshots`)
    const open = page.getByRole('button', { name: 'Open “Autumn term review”' })
    await open.click()
    await expect.poll(() => address(page)).toBe(`${planPath}?snapshot=${autumn.id}`)
    await expect.poll(() => focused(page)).toBe('h2 Autumn term review')
    const snapshot = page.getByRole('document', { name: 'Snapshot “Autumn term review”' })
    await snapshot.waitFor()
    expect(await page.getByRole('tab', { name: 'Snapshots' }).getAttribute('aria-selected')).toBe('true')

    // The browser's Back: the list, with focus on the button that opened the snapshot.
    await page.goBack()
    await expect.poll(() => address(page)).toBe(`${planPath}?tab=snapshots`)
    await open.waitFor()
    await expect.poll(() => focused(page)).toBe('button Open “Autumn term review”')
    // Forward opens it again, its heading focused as when it was opened by its button.
    await page.goForward()
    await snapshot.waitFor()
    await expect.poll(() => focused(page)).toBe('h2 Autumn term review')
    // A reload keeps it, and the live plan is still there behind the tab.
    await page.reload()
    await snapshot.waitFor()
    expect(address(page)).toBe(`${planPath}?snapshot=${autumn.id}`)
    expect(await page.getByRole('tab', { name: 'Snapshots' }).getAttribute('aria-selected')).toBe('true')
    // (Hidden under its tab: connected all the same.)
    await expect.poll(() => page.getByRole('status', { includeHidden: true }).filter({ hasText: 'Live' }).count()).toBeGreaterThan(0)
    await screenshot(page, 'addresses-snapshot-after-reload')
    await expectAccessible(page, 'a snapshot opened from its address', ['heading-order'])

    // "Back to the list" goes back as the browser's Back does: Forward opens the snapshot again.
    await page.getByRole('button', { name: 'Back to the list' }).click()
    await expect.poll(() => address(page)).toBe(`${planPath}?tab=snapshots`)
    await expect.poll(() => focused(page)).toBe('button Open “Autumn term review”')
    await page.goForward()
    await snapshot.waitFor()
    await page.goBack()
    await expect.poll(() => focused(page)).toBe('button Open “Autumn term review”')

    // A comparison with the live plan: its address names both sides as the API does.
    await page.getByRole('button', { name: 'Compare with the live plan (“Autumn term review”)' }).click()
    await expect.poll(() => address(page)).toBe(`${planPath}?compare=snapshot:${autumn.id}~live`)
    await expect.poll(() => focused(page)).toBe('h2 What changed')
    await page.getByRole('heading', { name: 'Summary' }).waitFor()
    await page.goBack()
    await expect.poll(() => focused(page)).toBe('button Compare with the live plan (“Autumn term review”)')

    // The arrow keys move between tabs without filling the history: each replaces the address.
    await page.getByRole('tab', { name: 'Snapshots' }).focus()
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => address(page)).toBe(`${planPath}?tab=history`)
    expect(await focused(page)).toBe('button History')
    const openVersion = page.getByRole('button', { name: 'Open Before restoring the snapshot “Autumn term review”' })
    await openVersion.click()
    await expect.poll(() => address(page)).toBe(`${planPath}?version=${before.id}`)
    await expect.poll(() => focused(page)).toBe('h2 Before restoring the snapshot “Autumn term review”')
    await page.reload()
    await page.getByRole('document', { name: 'Before restoring the snapshot “Autumn term review”' }).waitFor()
    expect(await page.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true')
    await page.goBack()
    await expect.poll(() => address(page)).toBe(`${planPath}?tab=history`)
    await expect.poll(() => focused(page)).toBe('button Open Before restoring the snapshot “Autumn term review”')
    // Back again: the Plan tab (the Snapshots tab's entry was replaced by History's), focus on its tab.
    await page.goBack()
    await expect.poll(() => address(page)).toBe(planPath)
    expect(await page.getByRole('tab', { name: 'Plan' }).getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => focused(page)).toBe('button Plan')
    await page.getByRole('textbox', { name: 'Plan content' }).waitFor()
  })

  it('a trustee opens a comparison from a link, signing in first; links they may not follow say why', async () => {
    const owner = await register(scope.server().url, 'Priya Head')
    const trustee = await register(scope.server().url, 'Tom Trustee')
    const plan = await createPlan(owner, 'Raising attainment in reading', 'Harbour View Primary')
    await share(owner, plan.id, trustee, 'trustee')
    const autumn = await publish(owner, plan, 'Autumn term review')
    const spring = await publish(owner, plan, 'Spring term review')
    const draft = await publish(owner, plan, 'Draft for the leadership team', false)
    const planPath = `/plans/${plan.id}`
    const comparison = `${planPath}?compare=snapshot:${autumn.id}~snapshot:${spring.id}`

    // The link from the board papers' covering email, opened by a trustee who is not signed in.
    const page = await (await contextFor(scope.browser(), scope.server(), null)).newPage()
    await page.goto(scope.server().url + comparison)
    await page.getByLabel('Email address').fill(trustee.email)
    await page.getByLabel('Password').fill(trustee.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'What changed' }).waitFor()
    await expect.poll(() => address(page)).toBe(comparison)
    await expect.poll(() => page.locator('.compare').innerText()).toContain('From Autumn term review')
    await screenshot(page, 'addresses-trustee-comparison-from-link')
    await expectAccessible(page, 'a comparison opened from a link', ['heading-order'])
    // Back to the list: the trustee's list is the plan's own address; focus on the comparison's button there.
    await page.getByRole('button', { name: 'Back to the list' }).click()
    await expect.poll(() => address(page)).toBe(planPath)
    await expect.poll(() => focused(page)).toBe('button Compare with previous (“Autumn term review”)')

    // A snapshot opened by its address, then Back and Forward.
    await page.getByRole('button', { name: 'Open “Spring term review”' }).click()
    await expect.poll(() => address(page)).toBe(`${planPath}?snapshot=${spring.id}`)
    await page.goBack()
    await expect.poll(() => focused(page)).toBe('button Open “Spring term review”')
    await page.goForward()
    await page.getByRole('document', { name: 'Snapshot “Spring term review”' }).waitFor()

    // Links a trustee may not follow: the live plan, a snapshot not published to trustees, a malformed id.
    // Back to the list focuses the snapshot the link named, if the list has it, or else the list's heading.
    const refusals: [search: string, heading: string, message: string, focus: string][] = [
      [`?compare=snapshot:${spring.id}~live`, 'Comparison not available', 'Trustees see only the snapshots published to them', 'h3 Spring term review'],
      [`?snapshot=${draft.id}`, 'Snapshot not available', 'That snapshot does not exist, or it has not been shared with you.', 'h2 Snapshots for trustees'],
      ['?snapshot=not%20a%20snapshot!', 'Snapshot not available', 'That snapshot does not exist, or it has not been shared with you.', 'h2 Snapshots for trustees'],
      [`?compare=snapshot:${spring.id}`, 'Comparison not available', 'That comparison does not exist, or it has not been shared with you.', 'h2 Snapshots for trustees'],
      [`?version=${spring.id}`, 'Version not available', 'Trustees see only the snapshots published to them', 'h2 Snapshots for trustees'],
    ]
    for (const [search, heading, message, focus] of refusals) {
      await page.goto(scope.server().url + planPath + search)
      await page.getByRole('heading', { name: heading }).waitFor()
      await expect.poll(() => page.getByRole('alert').first().innerText()).toContain(message)
      expect(await page.locator('body').innerText()).not.toContain('Draft for the leadership team')
      if (search.includes('~live')) {
        await screenshot(page, 'addresses-trustee-live-refused')
        await expectAccessible(page, 'a trustee refused a comparison with the live plan', ['heading-order'])
      }
      if (search.includes('%20')) {
        await screenshot(page, 'addresses-malformed-snapshot')
        await expectAccessible(page, 'a malformed snapshot address', ['heading-order'])
      }
      // A way back: to the list of snapshots.
      await page.getByRole('button', { name: 'Back to the list' }).click()
      await page.getByRole('button', { name: 'Open “Spring term review”' }).waitFor()
      expect(address(page)).toBe(planPath)
      await expect.poll(() => focused(page)).toBe(focus)
    }
  })

  it('a viewer, who has no History tab, is told why a link to a version cannot be shown', async () => {
    const owner = await register(scope.server().url, 'Priya Head')
    const viewer = await register(scope.server().url, 'Vikram Viewer')
    const plan = await createPlan(owner, 'Raising attainment in reading', 'Harbour View Primary')
    await share(owner, plan.id, viewer, 'viewer')
    const autumn = await publish(owner, plan, 'Autumn term review')
    const { before } = await owner.json<RestoreResult>('POST', `/api/plans/${plan.id}/restore`, { source: `snapshot:${autumn.id}` })
    const planPath = `/plans/${plan.id}`
    const page = await (await contextFor(scope.browser(), scope.server(), viewer)).newPage()

    await page.goto(`${scope.server().url}${planPath}?version=${before.id}`)
    await page.getByRole('heading', { name: 'Version not available' }).waitFor()
    expect(await page.getByRole('alert').first().innerText())
      .toBe('Automatic versions are kept for the plan\'s owners and editors, so this version cannot be shown to you as a viewer.')
    expect(await page.getByRole('tab', { name: 'Snapshots' }).getAttribute('aria-selected')).toBe('true')
    expect(await page.getByRole('tab', { name: 'History' }).count()).toBe(0)
    await expectAccessible(page, 'a viewer refused a version', ['heading-order'])
    await page.getByRole('button', { name: 'Back to the list' }).click()
    await expect.poll(() => address(page)).toBe(`${planPath}?tab=snapshots`)
    await expect.poll(() => focused(page)).toBe('button Snapshots')
    await page.getByRole('button', { name: 'Open “Autumn term review”' }).waitFor()

    // The History tab's own address, for someone without it, is the live plan.
    await page.goto(`${scope.server().url}${planPath}?tab=history`)
    await page.getByRole('textbox', { name: 'Plan content' }).waitFor()
    expect(await page.getByRole('tab', { name: 'Plan' }).getAttribute('aria-selected')).toBe('true')
  })
})
