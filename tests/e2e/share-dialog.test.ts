// The Share dialog with people on the plan: laid out for an iPad held upright, keyboard-complete (Escape
// closes only the top dialog; focus never drops to the page), and careful with owners and dates.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { PlanSummary } from '../../shared/api.ts'
import { createPlan, register, share, type Person } from '../helpers/api.ts'
import { browserAndServer, contextFor, expectAccessible, screenshot } from './harness.ts'
import { endOfJuly } from '../helpers/endDates.ts'

const scope = browserAndServer()

interface Team {
  owner: Person
  harry: Person
  tom: Person
  val: Person
  plan: PlanSummary
}

/** An owner and three others (an editor until 31 July next year, a trustee and a viewer) on one plan. */
async function team(): Promise<Team> {
  const url = scope.server().url
  const [owner, harry, tom, val] = await Promise.all([
    register(url, 'Olive Owner'), register(url, 'Harry Head'), register(url, 'Tom Trustee'), register(url, 'Val Viewer'),
  ])
  const plan = await createPlan(owner, 'Post-inspection action plan', 'St Mary’s C of E Primary School')
  // The end of 31 July in London (summer time), as the Share dialog would send it.
  await share(owner, plan.id, harry, 'editor', { editorUntil: endOfJuly.iso })
  await share(owner, plan.id, tom, 'trustee')
  await share(owner, plan.id, val, 'viewer')
  return { owner, harry, tom, val, plan }
}

async function openShare(person: Person, plan: PlanSummary, device: 'laptop' | 'tablet' = 'laptop'): Promise<Page> {
  const page = await (await contextFor(scope.browser(), scope.server(), person, device)).newPage()
  await page.goto(`${scope.server().url}/plans/${plan.id}`)
  await page.getByRole('button', { name: /^(Share|People)$/ }).click()
  await page.getByRole('heading', { name: 'People with access', exact: true }).waitFor()
  await page.getByRole('row', { name: /Val Viewer/ }).waitFor()
  return page
}

/** The focused element's name as a test can tell it: its aria-label, its label, else its text. */
const focused = (page: Page) => page.evaluate(() => {
  const active = document.activeElement as HTMLElement | null
  if (!active || active === document.body) return 'BODY'
  const label = (active as HTMLInputElement).labels?.[0]?.textContent
  return active.getAttribute('aria-label') ?? label ?? active.innerText.trim()
})

const roleOf = async (owner: Person, planId: string, person: Person) =>
  (await owner.json('GET', `/api/plans/${planId}/members`)).members.find((m: { userId: string }) => m.userId === person.user.id)?.role

describe('the Share dialog', () => {
  it('on an iPad held upright puts each person\'s role, end date and buttons under their name, all in view', async () => {
    const { owner, plan } = await team()
    const page = await openShare(owner, plan, 'tablet')
    const dialog = (await page.getByRole('dialog').boundingBox())!
    for (const name of ['Harry Head', 'Tom Trustee', 'Val Viewer']) {
      for (const control of [page.getByRole('button', { name: `Remove ${name}` }), page.getByRole('button', { name: `Save changes for ${name}` }), page.getByLabel(`Role for ${name}`)]) {
        const box = (await control.boundingBox())!
        expect(box.x, `${name}: a control starts inside the dialog`).toBeGreaterThanOrEqual(dialog.x)
        expect(box.x + box.width, `${name}: a control ends inside the dialog`).toBeLessThanOrEqual(dialog.x + dialog.width)
      }
    }
    // Nothing to scroll sideways, and the controls are labelled where the column headings would be.
    expect(await page.locator('.table-scroll').evaluate((box) => box.scrollWidth - box.clientWidth)).toBeLessThanOrEqual(0)
    const harry = page.getByRole('row', { name: /Harry Head/ })
    expect(await harry.getByText('Role', { exact: true }).isVisible()).toBe(true)
    expect(await harry.getByText('Editing ends', { exact: true }).isVisible()).toBe(true)
    // Still a table to a screen reader: rows named by the person, cells under their column headings.
    expect(await page.getByRole('columnheader', { name: 'Editing ends' }).count()).toBe(1)
    expect(await page.getByRole('rowheader', { name: /Tom Trustee/ }).count()).toBe(1)
    await screenshot(page, 'share-members-ipad')
    await expectAccessible(page, 'Share dialog on an iPad')

    // On a laptop it stays a table, its column headings in view.
    const laptop = await openShare(owner, plan, 'laptop')
    expect(await laptop.getByRole('columnheader', { name: 'Role' }).isVisible()).toBe(true)
    expect(await laptop.getByRole('row', { name: /Harry Head/ }).getByText('Role', { exact: true }).isVisible()).toBe(false)
    await screenshot(laptop, 'share-members-laptop')
    await expectAccessible(laptop, 'Share dialog on a laptop')
  })

  it('Escape closes only the confirmation, back on its Remove button; after a removal focus moves on, never to the page', async () => {
    const { owner, plan, tom, val, harry } = await team()
    const page = await openShare(owner, plan)

    await page.getByRole('button', { name: 'Remove Tom Trustee' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('dialog', { name: 'Remove Tom Trustee?' }).waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('dialog', { name: 'Remove Tom Trustee?' }).count()).toBe(0)
    expect(await page.getByRole('dialog', { name: /^Share/ }).isVisible()).toBe(true)
    expect(await focused(page)).toBe('Remove Tom Trustee')
    expect(await roleOf(owner, plan.id, tom)).toBe('trustee')

    // Removing Tom: focus goes on to the next person's Remove button.
    await page.keyboard.press('Enter')
    await page.getByRole('dialog', { name: 'Remove Tom Trustee?' }).getByRole('button', { name: 'Remove from plan' }).click()
    await expect.poll(() => page.getByRole('row', { name: /Tom Trustee/ }).count()).toBe(0)
    await expect.poll(() => focused(page)).toBe('Remove Val Viewer')
    expect(await roleOf(owner, plan.id, tom)).toBeUndefined()
    // The last person's goes back to the one before; with nobody left, to the list's heading.
    await page.keyboard.press('Enter')
    await page.getByRole('dialog', { name: 'Remove Val Viewer?' }).getByRole('button', { name: 'Remove from plan' }).click()
    await expect.poll(() => focused(page)).toBe('Remove Harry Head')
    await page.keyboard.press('Enter')
    await page.getByRole('dialog', { name: 'Remove Harry Head?' }).getByRole('button', { name: 'Remove from plan' }).click()
    await expect.poll(() => focused(page)).toBe('People with access')
    expect(await roleOf(owner, plan.id, val)).toBeUndefined()
    expect(await roleOf(owner, plan.id, harry)).toBeUndefined()
    expect(await page.getByRole('dialog', { name: /^Share/ }).isVisible()).toBe(true)
  })

  it('after revoking an invitation focus goes to the next one\'s Revoke button, then to the heading', async () => {
    const { owner, plan } = await team()
    for (const role of ['editor', 'viewer']) await owner.json('POST', `/api/plans/${plan.id}/invitations`, { role })
    const page = await openShare(owner, plan)
    const pending = page.getByRole('list', { name: 'Pending invitations' })
    await pending.getByRole('button', { name: /^Revoke editor invitation/ }).click()
    await expect.poll(() => pending.getByRole('listitem').count()).toBe(1)
    await expect.poll(() => focused(page)).toMatch(/^Revoke viewer invitation/)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByText('No invitations are waiting to be accepted.').count()).toBe(1)
    await expect.poll(() => focused(page)).toBe('Pending invitations')
    expect((await owner.json('GET', `/api/plans/${plan.id}/invitations`)).invitations).toEqual([])
  })

  it('asks before making someone an owner, saying what owners can do', async () => {
    const { owner, plan, val } = await team()
    const page = await openShare(owner, plan)
    await page.getByLabel('Role for Val Viewer').selectOption({ label: 'Owner' })
    await page.getByRole('button', { name: 'Save changes for Val Viewer' }).click()
    const confirm = page.getByRole('dialog', { name: 'Make Val Viewer an owner?' })
    await confirm.waitFor()
    expect(await confirm.innerText()).toContain('Owners can share the plan, change everyone’s access and delete it.')
    await screenshot(page, 'share-make-owner')
    await expectAccessible(page, 'make an owner confirmation')

    // Cancel (Escape): nothing saved, back on Save, the Share dialog still open.
    await page.keyboard.press('Escape')
    await expect.poll(() => confirm.count()).toBe(0)
    expect(await focused(page)).toBe('Save changes for Val Viewer')
    expect(await roleOf(owner, plan.id, val)).toBe('viewer')

    await page.keyboard.press('Enter')
    await confirm.getByRole('button', { name: 'Make an owner' }).click()
    await expect.poll(() => roleOf(owner, plan.id, val)).toBe('owner')
    await expect.poll(() => confirm.count()).toBe(0)
    await expect.poll(() => focused(page)).toBe('Role for Val Viewer')
  })

  it('shows a member\'s end-date error under the date, tied to it', async () => {
    const { owner, plan, val } = await team()
    const page = await openShare(owner, plan)
    await page.getByLabel('Role for Val Viewer').selectOption({ label: 'Editor' })
    const date = page.getByLabel('Editing ends for Val Viewer (optional)')
    await date.fill('01/01/2020')
    await page.getByRole('button', { name: 'Save changes for Val Viewer' }).click()

    await expect.poll(() => date.getAttribute('aria-invalid')).toBe('true')
    const description = await date.evaluate((input) => (input.getAttribute('aria-describedby') ?? '').split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '').join(' | '))
    expect(description).toContain('The date must be today or later.')
    // Under the date, not under the person's name.
    const row = page.getByRole('row', { name: /Val Viewer/ })
    expect(await row.getByRole('rowheader').innerText()).not.toContain('The date must be today or later.')
    const error = (await row.getByText('The date must be today or later.').boundingBox())!
    const field = (await date.boundingBox())!
    expect(error.y).toBeGreaterThanOrEqual(field.y + field.height)
    expect(Math.abs(error.x - field.x)).toBeLessThan(4)
    expect(await focused(page)).toBe('Editing ends for Val Viewer (optional)')
    expect(await roleOf(owner, plan.id, val)).toBe('viewer')
    await screenshot(page, 'share-member-date-error')
    await expectAccessible(page, 'member end-date error')

    // Typing a new date clears it.
    await date.fill('31/07/2030')
    await expect.poll(() => date.getAttribute('aria-invalid')).toBeNull()
  })

  it('starts each new link without the dates of the one before, and says each link\'s dates beside it', async () => {
    const { owner, plan } = await team()
    const page = await openShare(owner, plan)
    const form = page.getByRole('form', { name: 'New invitation' })
    // "Pending invitations" stands clear of the form's button.
    const button = (await form.getByRole('button', { name: 'Create invitation link' }).boundingBox())!
    const heading = async () => (await page.getByRole('heading', { name: 'Pending invitations' }).boundingBox())!
    expect((await heading()).y - (button.y + button.height)).toBeGreaterThanOrEqual(16)

    await form.getByLabel('Link expires (optional)').fill('31/12/2030')
    await form.getByLabel('Editing ends (optional)').fill('31/07/2030')
    await form.getByRole('button', { name: 'Create invitation link' }).click()
    await page.getByLabel('Editor invitation link').waitFor()
    expect(await form.getByLabel('Link expires (optional)').inputValue()).toBe('')
    expect(await form.getByLabel('Editing ends (optional)').inputValue()).toBe('')
    expect(await page.locator('.new-link').first().innerText())
      .toContain('It works until the end of 31 December 2030. Editing ends at the end of 31 July 2030.')

    await form.getByLabel('Role').selectOption({ label: 'Viewer' })
    await form.getByRole('button', { name: 'Create invitation link' }).click()
    await page.getByLabel('Viewer invitation link').waitFor()
    const { invitations } = await owner.json('GET', `/api/plans/${plan.id}/invitations`)
    expect(invitations.find((i: { role: string }) => i.role === 'viewer')).toMatchObject({ expiresAt: null, editorUntil: null })
    // And of the links made above it.
    const lastLink = (await page.locator('.new-link').last().boundingBox())!
    expect((await heading()).y - (lastLink.y + lastLink.height)).toBeGreaterThanOrEqual(16)
    await screenshot(page, 'share-links-made')
  })

  it('shows a viewer who has access, but no one\'s email address', async () => {
    const { plan, val, owner } = await team()
    const page = await openShare(val, plan, 'tablet')
    const people = page.getByRole('dialog', { name: /^People with access/ })
    expect(await people.innerText()).toContain('Olive Owner')
    expect(await people.innerText()).not.toContain('@')
    expect(await people.innerText()).not.toContain(owner.email)
    await screenshot(page, 'people-viewer-ipad')
    await expectAccessible(page, 'a viewer\'s People dialog')
  })
})
