// Where focus goes and what is said after actions on the account page, the plan list, the registration form
// and a plan page whose session ended (issue: keyboard focus and feedback).
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { PlanSummary } from '../../shared/api.ts'
import { register, request } from '../helpers/api.ts'
import { browserAndServer, contextFor, expectAccessible, focused, screenshot } from './harness.ts'

const scope = browserAndServer()

const summaryOf = (page: Page) => page.getByRole('alert').filter({ hasText: 'There is a problem' })

describe('error summaries list each problem once', () => {
  it('registering with an email that has an account', async () => {
    const existing = await register(scope.server().url, 'Ada Existing')
    const page = await (await contextFor(scope.browser(), scope.server(), null)).newPage()
    await page.goto(`${scope.server().url}/register`)
    await page.getByLabel('Full name').fill('Ada Again')
    await page.getByLabel('Email address').fill(existing.email)
    await page.getByLabel('Password').fill('another long passphrase')
    await page.getByRole('button', { name: 'Create account' }).click()
    const problem = 'An account with this email already exists. Sign in instead, or use another email.'
    await expect.poll(() => summaryOf(page).getByRole('listitem').allInnerTexts()).toEqual([problem])
    expect(await focused(page)).toBe(`div There is a problem ${problem}`)
    // The same words by the field, and the summary's entry takes you there.
    expect(await page.locator('#register-email-error').innerText()).toContain(problem)
    await summaryOf(page).getByRole('link', { name: problem }).click()
    expect(await focused(page)).toBe('input#register-email')
    await screenshot(page, 'feedback-register-taken-laptop')
  })

  it('changing the password with the wrong current one', async () => {
    const person = await register(scope.server().url, 'Pat Password')
    const page = await (await contextFor(scope.browser(), scope.server(), person, 'tablet')).newPage()
    await page.goto(`${scope.server().url}/account`)
    await page.getByLabel('Current password').fill('not my password')
    await page.getByLabel('New password').fill('a brand new passphrase')
    await page.getByRole('button', { name: 'Change password' }).click()
    await expect.poll(() => summaryOf(page).getByRole('listitem').allInnerTexts()).toEqual(['Your current password is not right.'])
    expect(await page.locator('#current-password-error').innerText()).toContain('Your current password is not right.')
    await screenshot(page, 'feedback-password-wrong-tablet')
  })
})

describe('focus after actions on the account page', () => {
  it('goes to the list of tokens after "I have copied it" and after revoking one', async () => {
    const person = await register(scope.server().url, 'Tess Token')
    const page = await (await contextFor(scope.browser(), scope.server(), person)).newPage()
    await page.goto(`${scope.server().url}/account`)
    await page.getByLabel('Token name').fill('Termly report script')
    await page.getByRole('button', { name: 'Create token' }).click()
    await page.getByRole('heading', { name: 'Token “Termly report script” created' }).waitFor()
    await screenshot(page, 'feedback-token-created-laptop')
    await page.getByRole('button', { name: 'I have copied it' }).click()
    await expect.poll(() => focused(page)).toBe('h3 Your tokens')
    expect(await page.getByRole('row', { name: /Termly report script/ }).count()).toBe(1)

    await page.getByRole('button', { name: 'Revoke Termly report script' }).click()
    await page.getByRole('dialog', { name: 'Revoke “Termly report script”?' }).getByRole('button', { name: 'Revoke token' }).click()
    await expect.poll(() => focused(page)).toBe('h3 Your tokens')
    expect(await page.getByRole('status').filter({ hasText: 'revoked' }).innerText())
      .toBe('The token “Termly report script” was revoked. Scripts using it can no longer sign in.')
    expect(await page.getByText('You have no tokens.').isVisible()).toBe(true)
    await expectAccessible(page, 'account after revoking a token')
  })
})

describe('the plan list', () => {
  it('says a new plan has no actions yet, and shows that a deleted plan was deleted', async () => {
    const owner = await register(scope.server().url, 'Olu Owner')
    await owner.json('POST', '/api/plans', { title: 'Attendance plan', schoolName: 'Hill Top School', templateId: 'post-inspection-ri' })
    const { plan: blank } = await owner.json<{ plan: PlanSummary }>('POST', '/api/plans', { title: 'Early reading', schoolName: 'Hill Top School', templateId: 'blank' })
    for (const device of ['laptop', 'tablet'] as const) {
      const page = await (await contextFor(scope.browser(), scope.server(), owner, device)).newPage()
      await page.goto(`${scope.server().url}/`)
      const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: blank.title }) })
      await expect.poll(() => card.getByRole('list', { name: 'Progress' }).innerText()).toBe('No actions yet')
      const other = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Attendance plan' }) })
      expect(await other.getByRole('list', { name: 'Progress' }).innerText()).toMatch(/0 of \d+ actions? done/)
      await screenshot(page, `feedback-plan-list-${device}`)
      await page.close()
    }

    const page = await (await contextFor(scope.browser(), scope.server(), owner)).newPage()
    await page.goto(`${scope.server().url}/`)
    await page.getByRole('button', { name: `Delete ${blank.title}` }).click()
    await page.getByRole('dialog', { name: `Delete “${blank.title}”?` }).getByRole('button', { name: 'Delete plan' }).click()
    const deleted = page.getByRole('status').filter({ hasText: 'was deleted' })
    await expect.poll(() => deleted.innerText()).toContain('“Early reading” was deleted.')
    // Seen as well as heard: a message at the top of the list, not a visually hidden one.
    const box = await deleted.locator('.message').boundingBox()
    expect(box && box.width > 100 && box.height > 20).toBe(true)
    await expect.poll(() => focused(page)).toBe('h2 Plans you can open')
    await screenshot(page, 'feedback-plan-deleted-laptop')
    await expectAccessible(page, 'plan list after a deletion')
    await deleted.getByRole('button', { name: 'Dismiss this message' }).click()
    expect(await page.getByText('was deleted').count()).toBe(0)
    await expect.poll(() => focused(page)).toBe('h2 Plans you can open')
  })
})

describe('a plan page after its person is signed out elsewhere', () => {
  it('keeps the banner and its sign-in button, and offers nothing that can no longer work', async () => {
    const owner = await register(scope.server().url, 'Sam Session')
    const { plan } = await owner.json<{ plan: PlanSummary }>('POST', '/api/plans', { title: 'Session test plan', schoolName: 'Hill Top School', templateId: 'blank' })
    for (const device of ['laptop', 'tablet'] as const) {
      // A session of its own for each device, ended as "sign out" on another tab would end it.
      const signIn = await request(scope.server().url, 'POST', '/api/auth/signin', { email: owner.email, password: owner.password }, { origin: scope.server().url })
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]
      const page = await (await contextFor(scope.browser(), scope.server(), { ...owner, cookie }, device)).newPage()
      await page.goto(`${scope.server().url}/plans/${plan.id}`)
      await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Live')
      expect(await page.getByRole('button', { name: 'Share' }).count()).toBe(1)
      expect(await page.getByRole('tab').count()).toBe(3)

      await request(scope.server().url, 'POST', '/api/auth/signout', undefined, { cookie, origin: scope.server().url })
      const banner = page.getByRole('alert').filter({ hasText: 'signed out' })
      await banner.waitFor()
      expect(await banner.getByRole('button', { name: 'Sign in again' }).isVisible()).toBe(true)
      await expect.poll(() => page.getByRole('button', { name: 'Share' }).count()).toBe(0)
      expect(await page.getByRole('button', { name: /^Export/ }).count()).toBe(0)
      expect(await page.getByRole('tab').count()).toBe(0)
      expect(await page.getByRole('tablist').count()).toBe(0)
      await screenshot(page, `feedback-signed-out-${device}`)
      await expectAccessible(page, `signed-out plan page (${device})`)
      await page.close()
    }
  })
})
