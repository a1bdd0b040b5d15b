// The owner shares a plan by invitation link; the server enforces each role (issue: people and roles).
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createPlan, register, share } from '../helpers/api.ts'
import { browserAndServer, caretSettledIn, contextFor, expectAccessible, screenshot, writtenText } from './harness.ts'

const scope = browserAndServer()

const content = (page: Page) => writtenText(page.getByRole('textbox', { name: 'Plan content' }))

async function inviteLink(owner: Page, role: 'Editor' | 'Viewer'): Promise<string> {
  const form = owner.getByRole('form', { name: 'New invitation' })
  // (Every link made stays in the dialog, newest first.)
  const link = owner.getByLabel(`${role} invitation link`).first()
  const previous = (await link.count()) > 0 ? await link.inputValue() : ''
  await form.getByLabel('Role').selectOption({ label: role })
  await form.getByRole('button', { name: 'Create invitation link' }).click()
  await expect.poll(async () => (await link.count()) > 0 && (await link.inputValue()) !== previous).toBe(true)
  return link.inputValue()
}

async function accept(page: Page, link: string): Promise<void> {
  await page.goto(link)
  await page.getByRole('button', { name: 'Accept invitation' }).click()
  await page.getByRole('textbox', { name: 'Plan content' }).waitFor()
  await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Live')
}

describe('sharing a plan in the browser', () => {
  it('editor writes, viewer only reads, and a revoked editor is told at once', async () => {
    const owner = await register(scope.server().url, 'Olu Owner')
    const editor = await register(scope.server().url, 'Ellie Editor')
    const viewer = await register(scope.server().url, 'Vikram Viewer')
    const plan = await createPlan(owner, 'Improving phonics', 'Marsh Lane Primary')

    const ownerPage = await (await contextFor(scope.browser(), scope.server(), owner)).newPage()
    const editorPage = await (await contextFor(scope.browser(), scope.server(), editor)).newPage()
    const viewerPage = await (await contextFor(scope.browser(), scope.server(), viewer, 'tablet')).newPage()

    await ownerPage.goto(`${scope.server().url}/plans/${plan.id}`)
    await ownerPage.getByRole('button', { name: 'Share' }).click()
    const editorLink = await inviteLink(ownerPage, 'Editor')
    const viewerLink = await inviteLink(ownerPage, 'Viewer')
    // Making the second link leaves the first in view.
    expect(await ownerPage.getByLabel('Editor invitation link').inputValue()).toBe(editorLink)
    await screenshot(ownerPage, 'share-dialog')
    await expectAccessible(ownerPage, 'share dialog')
    await ownerPage.keyboard.press('Escape')

    await accept(editorPage, editorLink)
    await accept(viewerPage, viewerLink)

    // The editor types; owner and viewer both see it.
    const editorBox = editorPage.getByRole('textbox', { name: 'Plan content' })
    await editorBox.locator(':scope > *').last().click()
    await caretSettledIn(editorBox.locator(':scope > *').last())
    await editorPage.keyboard.press('End')
    await caretSettledIn(editorBox.locator(':scope > *').last())
    await editorPage.keyboard.press('Enter')
    await editorPage.keyboard.type('Phonics screening pass rate is 62%.', { delay: 10 })
    for (const page of [ownerPage, viewerPage]) {
      await expect.poll(() => content(page), { timeout: 10_000 }).toContain('Phonics screening pass rate is 62%.')
    }

    // The viewer cannot type: no toolbar, a read-only editor, and nothing they press changes the plan.
    await screenshot(viewerPage, 'viewer-read-only')
    await expect.poll(() => viewerPage.getByText('You can read this plan but not edit it.').isVisible()).toBe(true)
    expect(await viewerPage.getByRole('toolbar').count()).toBe(0)
    const before = await content(ownerPage)
    await viewerPage.getByRole('textbox', { name: 'Plan content' }).click()
    await viewerPage.keyboard.type('The viewer tries to write.')
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await content(ownerPage)).toBe(before)
    await screenshot(viewerPage, 'viewer-read-only')
    await expectAccessible(viewerPage, 'read-only plan page')

    // The owner revokes the editor: the editor's page says so at once, and the plan leaves it.
    await ownerPage.getByRole('button', { name: 'Share' }).click()
    await ownerPage.getByRole('button', { name: 'Remove Ellie Editor' }).click()
    await ownerPage.getByRole('dialog').getByRole('button', { name: /^remove/i }).last().click()
    await expect.poll(() => editorPage.getByRole('heading', { level: 1 }).innerText(), { timeout: 10_000 }).toBe('Plan not available')
    expect(await editorPage.getByRole('alert').first().innerText()).toContain('your access removed')
    expect(await editorPage.getByRole('textbox', { name: 'Plan content' }).count()).toBe(0)
    expect(await editorPage.getByText('Phonics screening pass rate is 62%.').count()).toBe(0)
    await screenshot(editorPage, 'editor-revoked')
    // And the server no longer lets them in.
    const response = await fetch(`${scope.server().url}/api/plans/${plan.id}`, { headers: { cookie: editor.cookie } })
    expect(response.status).toBe(404)
  })

  it('an editor made a trustee mid-session is shown the trustee\'s view, never the live draft', async () => {
    const owner = await register(scope.server().url, 'Olu Owner')
    const head = await register(scope.server().url, 'Harry Head')
    const plan = await createPlan(owner, 'Improving phonics', 'Marsh Lane Primary')
    await share(owner, plan.id, head, 'editor')
    const page = await (await contextFor(scope.browser(), scope.server(), head, 'tablet')).newPage()
    await page.goto(`${scope.server().url}/plans/${plan.id}`)
    await page.getByRole('textbox', { name: 'Plan content' }).waitFor()

    const response = await owner.call('PATCH', `/api/plans/${plan.id}/members/${head.user.id}`, { role: 'trustee' })
    expect(response.status).toBe(200)
    await page.getByRole('heading', { name: 'Snapshots for trustees' }).waitFor({ timeout: 10_000 })
    expect(await page.getByRole('textbox', { name: 'Plan content' }).count()).toBe(0)
    expect(await page.locator('.plan-header').innerText()).toContain('Trustee')
    expect(await page.getByRole('status').filter({ hasText: 'Your access to this plan has changed' }).innerText())
      .toContain('you are now a trustee, so you see the snapshots published to trustees, not the live plan.')
    await screenshot(page, 'editor-made-trustee')
    await expectAccessible(page, 'trustee view after a demotion')
  })
})
