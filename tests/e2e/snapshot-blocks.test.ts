// A trustee reads a snapshot of a structured plan with the same blocks and layout as the editor.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { PlanSummary } from '../../shared/api.ts'
import { formatUkDate, londonToday } from '../../shared/plan/dates.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import { register, share } from '../helpers/api.ts'
import { connect } from '../helpers/collab.ts'
import { synced } from '../helpers/scope.ts'
import { browserAndServer, contextFor, expectAccessible, screenshot } from './harness.ts'

const scope = browserAndServer()

describe('a snapshot of a structured plan', () => {
  it('shows the trustee the plan\'s blocks, read-only', async () => {
    const leader = await register(scope.server().url, 'Lena Leader')
    const trustee = await register(scope.server().url, 'Tariq Trustee')
    const { plan } = await leader.json<{ plan: PlanSummary }>('POST', '/api/plans', {
      title: 'Post-inspection action plan', schoolName: 'Eastgate Academy', templateId: 'post-inspection-ri',
    })
    await share(leader, plan.id, trustee, 'trustee')
    await leader.json('POST', `/api/plans/${plan.id}/snapshots`, { name: 'Summer term review', forTrustees: true })

    const page = await (await contextFor(scope.browser(), scope.server(), trustee)).newPage()
    await page.goto(`${scope.server().url}/plans/${plan.id}`)
    await page.getByRole('button', { name: 'Open “Summer term review”' }).click()
    const snapshot = page.getByRole('document', { name: 'Snapshot “Summer term review”' })
    await snapshot.waitFor()
    // The editor's block views: labelled groups and fields, each value as text beside its label (no
    // greyed-out form controls: see read-only-blocks.test.ts).
    await expect.poll(() => snapshot.getByRole('group', { name: /^Target:/ }).count()).toBeGreaterThan(0)
    await expect.poll(() => snapshot.getByRole('group', { name: /^Finding:/ }).count()).toBeGreaterThan(0)
    expect(await snapshot.locator('select, input, [disabled]').count()).toBe(0)
    const action = snapshot.getByRole('group', { name: /^Action:/ }).first()
    await action.scrollIntoViewIfNeeded()
    await expect.poll(() => action.locator('xpath=.//dt[normalize-space()="Status"]/following-sibling::dd[1]').innerText()).toBe('Not started')
    // A reader is told the facts, not asked to edit: no "Link a target to it…".
    const finding = snapshot.getByRole('group', { name: /^Finding:/ }).first()
    expect(await finding.innerText()).toContain('No target addresses this finding yet.')
    expect(await finding.innerText()).not.toContain('Link a target to it')
    await screenshot(page, 'snapshot-blocks-trustee')
    await expectAccessible(page, 'snapshot of a structured plan')
  })

  it('keeps the RAG status it was published with, however long afterwards it is read', async () => {
    const leader = await register(scope.server().url, 'Lena Leader')
    const trustee = await register(scope.server().url, 'Tariq Trustee')
    const { plan } = await leader.json<{ plan: PlanSummary }>('POST', '/api/plans', {
      title: 'Post-inspection action plan', schoolName: 'Eastgate Academy', templateId: 'post-inspection-ri',
    })
    await share(leader, plan.id, trustee, 'trustee')
    // A target on track today: a month into a year from 50 to 80, and already at 60.
    const day = (offset: number) => new Date(Date.parse(`${londonToday()}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10)
    const writer = connect(scope.server().url, plan.id, leader)
    await synced(writer)
    const target = findElement(writer.doc.getXmlFragment(PLAN_FRAGMENT), 'target')!
    writer.doc.transact(() => {
      target.setAttribute('baselineValue', 50 as never)
      target.setAttribute('baselineDate', day(-30))
      target.setAttribute('targetValue', 80 as never)
      target.setAttribute('targetDate', day(335))
      target.setAttribute('currentValue', 60 as never)
    })
    const written = Y.encodeStateVector(writer.doc)
    await expect.poll(() => {
      const stored = writer.stored
      return [...Y.decodeStateVector(written)].every(([client, clock]) => (stored?.get(client) ?? 0) >= clock)
    }).toBe(true)
    writer.destroy()
    await leader.json('POST', `/api/plans/${plan.id}/snapshots`, { name: 'Autumn term review', forTrustees: true })

    // Read nine months later: by then the target would be well off track if it were worked out for that day.
    const context = await contextFor(scope.browser(), scope.server(), trustee)
    await context.clock.install({ time: new Date(Date.now() + 270 * 86_400_000) })
    const page = await context.newPage()
    await page.goto(`${scope.server().url}/plans/${plan.id}`)
    await page.getByRole('button', { name: 'Open “Autumn term review”' }).click()
    const snapshot = page.getByRole('document', { name: 'Snapshot “Autumn term review”' })
    const group = snapshot.getByRole('group', { name: /^Target:/ }).first()
    await group.waitFor()
    // (On screen, as a person reads it: the text of blocks away from the screen is not laid out.)
    await group.scrollIntoViewIfNeeded()
    // The badge, and the trajectory worked out for the day it was published (the PDF does the same).
    await expect.poll(() => group.innerText()).toMatch(/^TARGET\nGreen\n/)
    expect(await group.innerText()).toContain(`Expected by ${formatUkDate(londonToday())}: 52.5`)
    await screenshot(page, 'snapshot-rag-as-published')
  })
})

/** The first element of this name in document order. */
function findElement(parent: Y.XmlFragment | Y.XmlElement, name: string): Y.XmlElement | null {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue
    if (child.nodeName === name) return child
    const found = findElement(child, name)
    if (found) return found
  }
  return null
}
