// The owner shares a plan by invitation link; the server enforces each role (issue: people and roles).
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createPlan, register, share } from '../helpers/api.ts'
import { browserAndServer, caretSettledIn, contextFor, expectAccessible, screenshot, writtenText } from './harness.ts'
import { endOfJuly } from '../helpers/endDates.ts'

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

  it('a member opening a link meant for someone else is told so, and the link still works for that person', async () => {
    const url = scope.server().url
    const owner = await register(url, 'Olu Owner')
    const editor = await register(url, 'Eddie Editor')
    const viewer = await register(url, 'Vikram Viewer')
    const trustee = await register(url, 'Tess Trustee')
    const plan = await createPlan(owner, 'Improving phonics', 'Marsh Lane Primary')
    await share(owner, plan.id, editor, 'editor')
    await share(owner, plan.id, viewer, 'viewer')
    const { invitation: forTrustee } = await owner.json('POST', `/api/plans/${plan.id}/invitations`, { role: 'trustee' })
    const trusteeLink = `${url}/invite/${encodeURIComponent(forTrustee.token)}`

    const editorPage = await (await contextFor(scope.browser(), scope.server(), editor)).newPage()
    await editorPage.goto(trusteeLink)
    await editorPage.getByRole('heading', { level: 1, name: 'You already have access to this plan' }).waitFor()
    expect(await editorPage.locator('main').innerText()).toContain(
      'You already have access to this plan as an editor. This link was not used, so it still works for the person it was meant for.')
    expect(await editorPage.getByRole('button', { name: 'Accept invitation' }).count()).toBe(0)
    await screenshot(editorPage, 'invite-already-a-member')
    await expectAccessible(editorPage, 'invitation page for someone who already has access')
    await editorPage.getByRole('link', { name: 'Open the plan' }).click()
    await editorPage.getByRole('textbox', { name: 'Plan content' }).waitFor()
    expect(await editorPage.locator('.plan-header').innerText()).toContain('Editor')

    // Still there for the trustee, who uses it (on an iPad).
    expect((await owner.json('GET', `/api/plans/${plan.id}/invitations`)).invitations.map((i: { id: string }) => i.id)).toContain(forTrustee.id)
    const trusteePage = await (await contextFor(scope.browser(), scope.server(), trustee, 'tablet')).newPage()
    await trusteePage.goto(trusteeLink)
    await trusteePage.getByRole('button', { name: 'Accept invitation' }).click()
    await trusteePage.getByRole('heading', { name: 'Snapshots for trustees' }).waitFor()

    // A viewer opening an editor link is told what accepting adds, and accepting gives it.
    const { invitation: forEditor } = await owner.json('POST', `/api/plans/${plan.id}/invitations`, { role: 'editor' })
    const viewerPage = await (await contextFor(scope.browser(), scope.server(), viewer, 'tablet')).newPage()
    await viewerPage.goto(`${url}/invite/${encodeURIComponent(forEditor.token)}`)
    await viewerPage.getByText('You already have access to this plan as a viewer. Accepting makes you an editor.').waitFor()
    await screenshot(viewerPage, 'invite-viewer-offered-editing')
    await accept(viewerPage, `${url}/invite/${encodeURIComponent(forEditor.token)}`)
    expect(await viewerPage.locator('.plan-header').innerText()).toContain('Editor')
  })

  it('an editor is told when their editing ends: on the invitation and on the plan', async () => {
    const url = scope.server().url
    const owner = await register(url, 'Olu Owner')
    const seconded = await register(url, 'Sam Seconded')
    const plan = await createPlan(owner, 'Improving phonics', 'Marsh Lane Primary')
    // The end of 31 July in London (summer time), as the Share dialog sends "31/7/<year>".
    const { invitation } = await owner.json('POST', `/api/plans/${plan.id}/invitations`, { role: 'editor', editorUntil: endOfJuly.iso })
    const page = await (await contextFor(scope.browser(), scope.server(), seconded, 'tablet')).newPage()
    const link = `${url}/invite/${encodeURIComponent(invitation.token)}`
    await page.goto(link)
    await page.getByRole('button', { name: 'Accept invitation' }).waitFor()
    const card = await page.locator('.invitation-preview').innerText()
    expect(card).toMatch(new RegExp(`Editing ends\\s+${endOfJuly.long}`))
    expect(card).toContain(`You can edit until the end of ${endOfJuly.long}, then read only.`)
    await screenshot(page, 'invite-editing-ends')
    await expectAccessible(page, 'invitation with an end date')

    await accept(page, link)
    expect(await page.locator('.plan-header').innerText()).toContain(`You can edit until the end of ${endOfJuly.long}, then read only.`)
    await screenshot(page, 'plan-editing-ends')
    // The owner, whose editing never ends, is told nothing of the kind.
    const ownerPage = await (await contextFor(scope.browser(), scope.server(), owner)).newPage()
    await ownerPage.goto(`${url}/plans/${plan.id}`)
    await ownerPage.getByRole('textbox', { name: 'Plan content' }).waitFor()
    expect(await ownerPage.locator('.plan-header').innerText()).not.toContain('You can edit until')
  })
})
