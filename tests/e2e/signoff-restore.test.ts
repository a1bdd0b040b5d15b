// Sign-off of a snapshot by the host headteacher and the visiting leader, and restoring a snapshot, in the
// browser (issue: snapshots, sign-off and restore).
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createPlan, register, share } from '../helpers/api.ts'
import { browserAndServer, contextFor, expectAccessible, focused, screenshot, typeAtEnd, writtenText } from './harness.ts'

const scope = browserAndServer()

const content = (page: Page) => writtenText(page.getByRole('textbox', { name: 'Plan content' }))

async function typeLine(page: Page, text: string): Promise<void> {
  await typeAtEnd(page, text, 5)
  await expect.poll(() => page.getByTestId('saved-indicator').innerText(), { timeout: 10_000 }).toBe('All changes saved')
}

describe('sign-off and restore in the browser', () => {
  it('the head and the visiting leader each approve a snapshot, and an editor restores it', async () => {
    const visitor = await register(scope.server().url, 'Vera Visiting')
    const head = await register(scope.server().url, 'Harry Head')
    const plan = await createPlan(visitor, 'Raising standards in writing', 'Cliffside Academy')
    await share(visitor, plan.id, head, 'editor')

    const visitorPage = await (await contextFor(scope.browser(), scope.server(), visitor)).newPage()
    await visitorPage.goto(`${scope.server().url}/plans/${plan.id}`)
    await typeLine(visitorPage, 'Agreed target: 75% of Year 6 at the expected standard in writing.')

    // Publish, then ask the head and the visiting leader to sign it off.
    await visitorPage.getByRole('tab', { name: 'Snapshots' }).click()
    await visitorPage.getByLabel('Name').fill('Autumn review')
    await visitorPage.getByRole('button', { name: 'Publish snapshot' }).click()
    await visitorPage.getByRole('button', { name: 'Ask for sign-off' }).click()
    const dialog = visitorPage.getByRole('dialog', { name: 'Ask for sign-off of “Autumn review”' })
    // The people load after the dialog opens: focus goes to the first choice once it is there, not to ×.
    await expect.poll(() => focused(visitorPage)).toBe('select#signoff-head')
    await dialog.getByLabel('Host headteacher').selectOption({ label: `Harry Head (${head.email})` })
    await dialog.getByLabel('Visiting leader').selectOption({ label: `Vera Visiting (${visitor.email})` })
    await expectAccessible(visitorPage, 'sign-off dialog')
    await dialog.getByRole('button', { name: 'Ask for sign-off' }).click()
    await expect.poll(() => visitorPage.locator('.approval').innerText()).toContain('Waiting for sign-off from Harry Head and Vera Visiting')

    // Each approves with their own account, on their own device.
    await visitorPage.getByRole('button', { name: 'Approve “Autumn review”' }).click()
    await expect.poll(() => visitorPage.getByRole('status').filter({ hasText: 'approved' }).innerText()).toContain('You approved “Autumn review”.')
    // The Approve button has gone: focus is on the snapshot's name, not dropped to the page.
    expect(await focused(visitorPage)).toBe('h3 Autumn review')
    const headPage = await (await contextFor(scope.browser(), scope.server(), head, 'tablet')).newPage()
    await headPage.goto(`${scope.server().url}/plans/${plan.id}`)
    await headPage.getByRole('tab', { name: 'Snapshots' }).click()
    await expect.poll(() => headPage.locator('.approval').innerText()).toContain('Waiting for sign-off from Harry Head (approved by Vera Visiting)')
    await headPage.getByRole('button', { name: 'Approve “Autumn review”' }).click()
    await expect.poll(() => headPage.locator('.approval').innerText()).toMatch(/Approved by Harry Head and Vera Visiting on \d{1,2} \w+ 20\d\d/)
    await screenshot(headPage, 'signoff-approved-tablet')
    await expectAccessible(headPage, 'approved snapshot')

    // Later edits, then the snapshot is restored: the live plan goes back, for everyone at once.
    await headPage.getByRole('tab', { name: 'Plan' }).click()
    await typeLine(headPage, 'Draft wording the governors rejected.')
    await visitorPage.getByRole('tab', { name: 'Plan' }).click()
    await expect.poll(() => content(visitorPage), { timeout: 10_000 }).toContain('Draft wording the governors rejected.')
    await visitorPage.getByRole('tab', { name: 'Snapshots' }).click()
    await visitorPage.getByRole('button', { name: 'Restore “Autumn review”' }).click()
    const confirm = visitorPage.getByRole('dialog', { name: 'Restore the snapshot “Autumn review”?' })
    await expectAccessible(visitorPage, 'restore dialog')
    await confirm.getByRole('button', { name: 'Restore' }).click()
    // The live plan is shown again, with what happened above it: focus on that message, so it is read out.
    await expect.poll(() => focused(visitorPage)).toBe('div Restored “Autumn review”. The plan as it was before is kept in the history. Dismiss this message')
    expect(await visitorPage.getByRole('tab', { name: 'Plan' }).getAttribute('aria-selected')).toBe('true')
    await screenshot(visitorPage, 'restore-snapshot-done-laptop')
    await visitorPage.getByRole('button', { name: 'Dismiss this message' }).click()
    expect(await focused(visitorPage)).toBe('button Plan')
    await headPage.getByRole('textbox', { name: 'Plan content' }).waitFor()
    await expect.poll(() => content(headPage), { timeout: 10_000 }).not.toContain('Draft wording the governors rejected.')
    expect(await content(headPage)).toContain('Agreed target: 75% of Year 6')
    // The head, who was writing, is told who restored what and that nothing is lost (the visitor was told above).
    await expect.poll(() => headPage.locator('.notices').innerText(), { timeout: 10_000 })
      .toContain('Vera Visiting restored the snapshot “Autumn review”, replacing what was in the plan')
    expect(await visitorPage.locator('.notices').innerText()).not.toContain('restored')
    await screenshot(headPage, 'restore-told-tablet')

    // Nothing is lost: the plan as it was before the restore is in the history.
    await headPage.getByRole('tab', { name: 'History' }).click()
    await expect.poll(() => headPage.getByRole('main').innerText(), { timeout: 10_000 }).toContain('Before restoring the snapshot “Autumn review”')
    await screenshot(headPage, 'restore-history-tablet')
    await expectAccessible(headPage, 'history after a restore', ['heading-order'])

    // Opening a version puts focus on its heading; back to the list puts it on the button that opened it.
    const before = headPage.getByRole('button', { name: 'Open Before restoring the snapshot “Autumn review”' })
    await before.click()
    await expect.poll(() => focused(headPage)).toBe('h2 Before restoring the snapshot “Autumn review”')
    await expect.poll(() => headPage.getByRole('document', { name: 'Before restoring the snapshot “Autumn review”' }).innerText())
      .toContain('Draft wording the governors rejected.')
    await expectAccessible(headPage, 'a version, read', ['heading-order'])
    await headPage.getByRole('button', { name: 'Back to the list' }).click()
    await expect.poll(() => focused(headPage)).toBe('button Open Before restoring the snapshot “Autumn review”')

    // Restoring a version asks about it by its time, then puts focus on what happened, above the live plan.
    await headPage.getByRole('button', { name: 'Restore Before restoring the snapshot “Autumn review”' }).click()
    const restoreVersion = headPage.getByRole('dialog', { name: /^Restore the version of \d{1,2} [A-Z][a-z]+ 20\d\d at \d\d:\d\d\?$/ })
    await restoreVersion.getByRole('button', { name: 'Restore' }).click()
    await expect.poll(() => focused(headPage))
      .toMatch(/^div Restored the version of \d{1,2} [A-Z][a-z]+ 20\d\d at \d\d:\d\d\. The plan as it was before is kept at the top of the history\./)
    await expect.poll(() => content(headPage), { timeout: 10_000 }).toContain('Draft wording the governors rejected.')
    await screenshot(headPage, 'restore-version-done-tablet')
  })
})
