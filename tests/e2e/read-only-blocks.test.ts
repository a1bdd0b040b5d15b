// A plan the reader cannot change reads as a document: each block's values as text beside their labels,
// not greyed-out form controls. A trustee reading a snapshot and a viewer following the live plan see the
// same; the people who edit it keep their controls.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { Locator } from 'playwright-core'
import type { PlanSummary } from '../../shared/api.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import { register, share, type Person } from '../helpers/api.ts'
import { connect } from '../helpers/collab.ts'
import { synced } from '../helpers/scope.ts'
import { browserAndServer, contextFor, expectAccessible, focused, screenshot } from './harness.ts'

const scope = browserAndServer()

/** A post-inspection plan, changed by its leader through Yjs (`change`, in one transaction) and stored. */
async function postInspectionPlan(leader: Person, change: (fragment: Y.XmlFragment) => void): Promise<PlanSummary> {
  const { plan } = await leader.json<{ plan: PlanSummary }>('POST', '/api/plans', {
    title: 'Post-inspection action plan', schoolName: 'Eastgate Academy', templateId: 'post-inspection-ri',
  })
  const writer = connect(scope.server().url, plan.id, leader)
  await synced(writer)
  const fragment = writer.doc.getXmlFragment(PLAN_FRAGMENT)
  writer.doc.transact(() => change(fragment))
  const written = Y.encodeStateVector(writer.doc)
  await expect.poll(() => [...Y.decodeStateVector(written)].every(([client, clock]) => (writer.stored?.get(client) ?? 0) >= clock)).toBe(true)
  writer.destroy()
  return plan
}

/** A post-inspection plan with some of its first target's, finding's and action's values set. */
function planWithValues(leader: Person): Promise<PlanSummary> {
  return postInspectionPlan(leader, (fragment) => {
    const target = firstElement(fragment, 'target')!
    target.setAttribute('direction', 'lower')
    target.setAttribute('unit', '%')
    target.setAttribute('baselineValue', 58 as never)
    target.setAttribute('baselineDate', '2026-09-01')
    target.setAttribute('targetValue', 1250 as never)
    target.setAttribute('targetDate', '2027-07-31')
    target.setAttribute('milestoneAutumn', 62.5 as never)
    const finding = firstElement(fragment, 'finding')!
    finding.setAttribute('area', 'attendance-and-behaviour')
    finding.setAttribute('confidence', 'high')
    const action = firstElement(fragment, 'action')!
    action.setAttribute('status', 'in-progress')
    action.setAttribute('due', '2027-03-31')
  })
}

/** The value shown for a label in a block, as text: the definition after that term. */
const valueOf = (block: Locator, label: string) => block.locator(`xpath=.//dt[normalize-space()="${label}"]/following-sibling::dd[1]`).innerText()

/** What a reader of `root` (a snapshot, or the live plan read-only) should see. */
async function expectReadAsText(root: Locator, label: string): Promise<void> {
  // No form controls at all: nothing disabled to tab to, nothing that looks like it could be changed.
  expect(await root.locator('select, input, textarea, [disabled]').count(), `controls in ${label}`).toBe(0)

  const target = root.getByRole('group', { name: /^Target:/ }).first()
  // (Blocks away from the screen are not laid out: their text is read once in view.)
  await target.scrollIntoViewIfNeeded()
  await expect.poll(() => valueOf(target, 'Which way is better')).toBe('Lower is better')
  expect(await valueOf(target, 'Unit')).toBe('%')
  expect(await valueOf(target, 'Baseline value')).toBe('58%')
  expect(await valueOf(target, 'Baseline date')).toBe('01/09/2026')
  expect(await valueOf(target, 'Target value')).toBe('1,250%')
  expect(await valueOf(target, 'Target date')).toBe('31/07/2027')
  // A milestone keeps the term it belongs to; an empty one says so quietly.
  expect(await valueOf(target, 'Autumn milestone')).toBe('62.5%\nBy 31 December')
  expect(await valueOf(target, 'Spring milestone')).toBe('Not filled in\nBy 31 March')
  expect(await valueOf(target, 'Current value')).toBe('Not filled in')
  const targetText = await target.innerText()
  // No editors' prompts: the status is not set by hand, so nothing is said about setting it.
  for (const prompt of ['Set status by hand', 'No: from the trajectory', 'None linked yet', 'Link findings', 'For example % or pupils']) {
    expect(targetText, `${label}: target`).not.toContain(prompt)
  }
  expect(await valueOf(target, 'Findings it addresses')).toBe('None')
  expect(targetText).toContain('Not linked to any finding.')

  const finding = root.getByRole('group', { name: /^Finding:/ }).first()
  await finding.scrollIntoViewIfNeeded()
  await expect.poll(() => valueOf(finding, 'Evaluation area')).toBe('Attendance and behaviour')
  expect(await valueOf(finding, 'Confidence')).toBe('High')
  expect(await valueOf(finding, 'In the plan')).toBe('Yes')
  expect(await finding.innerText()).not.toContain('Link a target to it')

  const action = root.getByRole('group', { name: /^Action:/ }).first()
  await action.scrollIntoViewIfNeeded()
  await expect.poll(() => valueOf(action, 'Status')).toBe('In progress')
  expect(await valueOf(action, 'Start')).toBe('Not filled in')
  expect(await valueOf(action, 'Due')).toBe('31/03/2027')

  // An empty text field says so, rather than showing the editors' placeholder, and is said to be read-only.
  const owner = target.getByRole('textbox', { name: 'Owner', exact: true })
  await expect.poll(() => owner.evaluate((element) => getComputedStyle(element, '::before').content)).toBe('"Not filled in"')
  expect(await owner.getAttribute('aria-readonly')).toBe('true')
}

describe('a plan that cannot be changed, read as a document', () => {
  it('a trustee reads a snapshot\'s values as text, and the editor keeps the controls', async () => {
    const leader = await register(scope.server().url, 'Lena Leader')
    const trustee = await register(scope.server().url, 'Tariq Trustee')
    const plan = await planWithValues(leader)
    await share(leader, plan.id, trustee, 'trustee')
    await leader.json('POST', `/api/plans/${plan.id}/snapshots`, { name: 'Autumn term review', forTrustees: true })

    for (const device of ['laptop', 'tablet'] as const) {
      const context = await contextFor(scope.browser(), scope.server(), trustee, device)
      const page = await context.newPage()
      await page.goto(`${scope.server().url}/plans/${plan.id}`)
      await page.getByRole('button', { name: 'Open “Autumn term review”' }).click()
      const snapshot = page.getByRole('document', { name: 'Snapshot “Autumn term review”' })
      await expect.poll(() => snapshot.getByRole('group', { name: /^Target:/ }).count()).toBeGreaterThan(0)
      await expectReadAsText(snapshot, `trustee's snapshot (${device})`)
      await screenshot(page, `read-only-blocks-trustee-${device}`)
      await expectAccessible(page, `trustee's snapshot as text (${device})`)
      await context.close()
    }

    // The leader's own page: the same values in the controls that change them.
    const context = await contextFor(scope.browser(), scope.server(), leader, 'laptop')
    const page = await context.newPage()
    await page.goto(`${scope.server().url}/plans/${plan.id}`)
    const target = page.getByRole('group', { name: /^Target:/ }).first()
    await target.scrollIntoViewIfNeeded()
    await expect.poll(() => target.getByLabel('Which way is better').inputValue()).toBe('lower')
    expect(await target.getByLabel('Baseline date').inputValue()).toBe('01/09/2026')
    expect(await target.getByLabel('Set status by hand').isEnabled()).toBe(true)
    expect(await target.getByRole('button', { name: 'Link findings…' }).count()).toBe(1)
    await context.close()
  })

  it('a trustee following a link in a snapshot is taken to the block it names, focus and all', async () => {
    const leader = await register(scope.server().url, 'Lena Leader')
    const trustee = await register(scope.server().url, 'Tariq Trustee')
    const plan = await postInspectionPlan(leader, (fragment) => {
      const finding = firstElement(fragment, 'finding')!
      firstElement(fragment, 'target')!.setAttribute('linkedFindings', [finding.getAttribute('id')] as never)
    })
    await share(leader, plan.id, trustee, 'trustee')
    await leader.json('POST', `/api/plans/${plan.id}/snapshots`, { name: 'Autumn term review', forTrustees: true })

    const page = await (await contextFor(scope.browser(), scope.server(), trustee, 'tablet')).newPage()
    await page.goto(`${scope.server().url}/plans/${plan.id}`)
    await page.getByRole('button', { name: 'Open “Autumn term review”' }).click()
    const snapshot = page.getByRole('document', { name: 'Snapshot “Autumn term review”' })
    // From the target, down the plan to the finding it addresses, and back up.
    const toFinding = snapshot.getByRole('button', { name: /^Go to finding:/ }).first()
    await toFinding.scrollIntoViewIfNeeded()
    await toFinding.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toMatch(/^section Finding:/)
    const finding = snapshot.getByRole('group', { name: /^Finding:/ }).first()
    await expect.poll(() => finding.evaluate((element) => { const { top, bottom } = element.getBoundingClientRect(); return top < innerHeight && bottom > 0 })).toBe(true)
    await expect.poll(() => finding.evaluate((element) => element.matches(':focus-visible'))).toBe(true)
    await screenshot(page, 'read-only-blocks-jump-focus-tablet')
    // The next Tab goes on from the finding: to its own link back to the target.
    await page.keyboard.press('Tab')
    expect(await focused(page)).toMatch(/^button ↗ Go to target:/)
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toMatch(/^section Target:/)
    await expectAccessible(page, 'snapshot after following a link')
  })

  it('a viewer following the live plan sees its values as text', async () => {
    const leader = await register(scope.server().url, 'Lena Leader')
    const viewer = await register(scope.server().url, 'Vikram Viewer')
    const plan = await planWithValues(leader)
    await share(leader, plan.id, viewer, 'viewer')
    const context = await contextFor(scope.browser(), scope.server(), viewer, 'tablet')
    const page = await context.newPage()
    await page.goto(`${scope.server().url}/plans/${plan.id}`)
    const content = page.getByRole('textbox', { name: 'Plan content' })
    await expect.poll(() => content.getAttribute('aria-readonly')).toBe('true')
    await expect.poll(() => content.getByRole('group', { name: /^Target:/ }).count()).toBeGreaterThan(0)
    await expectReadAsText(content, 'viewer\'s live plan')
    await screenshot(page, 'read-only-blocks-viewer-tablet')
    await expectAccessible(page, 'viewer\'s live plan as text')

    // Made an editor while reading: the controls come back, and the fields can be typed in.
    await leader.json('PATCH', `/api/plans/${plan.id}/members/${viewer.user.id}`, { role: 'editor' })
    await expect.poll(() => content.getAttribute('aria-readonly'), { timeout: 10_000 }).toBe('false')
    const target = content.getByRole('group', { name: /^Target:/ }).first()
    await target.scrollIntoViewIfNeeded()
    await expect.poll(() => target.getByLabel('Which way is better').inputValue()).toBe('lower')
    expect(await target.getByLabel('Baseline value').inputValue()).toBe('58')
    expect(await target.getByRole('textbox', { name: 'Owner', exact: true }).getAttribute('aria-readonly')).toBe('false')
    expect(await target.locator('dl').count()).toBe(0)
    await context.close()
  })
})

/** The first element of this name in document order. */
function firstElement(parent: Y.XmlFragment | Y.XmlElement, name: string): Y.XmlElement | null {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue
    if (child.nodeName === name) return child
    const found = firstElement(child, name)
    if (found) return found
  }
  return null
}
