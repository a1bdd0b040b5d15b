// A trustee reads a snapshot of a structured plan with the same blocks and layout as the editor.
import { describe, expect, it } from 'vitest'
import type { PlanSummary } from '../../shared/api.ts'
import { register, share } from '../helpers/api.ts'
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
    // The editor's block views: labelled groups and fields, with every input disabled.
    await expect.poll(() => snapshot.getByRole('group', { name: /^Target:/ }).count()).toBeGreaterThan(0)
    await expect.poll(() => snapshot.getByRole('group', { name: /^Finding:/ }).count()).toBeGreaterThan(0)
    const status = snapshot.getByRole('group', { name: /^Action:/ }).first().getByLabel('Status')
    expect(await status.isDisabled()).toBe(true)
    await screenshot(page, 'snapshot-blocks-trustee')
    await expectAccessible(page, 'snapshot of a structured plan')
  })
})
