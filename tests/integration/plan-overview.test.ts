// The progress overview worked out on the server from a plan's Y.Doc matches what the client shows (the
// same shared function on the client's copy), and the plan list's headline figures follow live edits.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import type { PlanOverview, PlanSummary } from '../../shared/api.ts'
import { londonToday } from '../../shared/plan/dates.ts'
import { readPlan } from '../../shared/plan/model.ts'
import { planHeadline, planOverview } from '../../shared/plan/overview.ts'
import { planSchema } from '../../shared/schema/extensions.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import { register, share, type Person } from '../helpers/api.ts'
import type { TestClient } from '../helpers/collab.ts'
import { eventually } from '../helpers/server.ts'
import { testScope } from '../helpers/scope.ts'

const schema = planSchema()
const { server, client } = testScope()

/** What the client's overview panel shows: the shared function on the client's own document. */
function clientOverview(c: TestClient): PlanOverview {
  return planOverview(readPlan(yXmlFragmentToProseMirrorRootNode(c.doc.getXmlFragment(PLAN_FRAGMENT), schema)), londonToday())
}

function elements(c: TestClient, name: string): Y.XmlElement[] {
  const found: Y.XmlElement[] = []
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement) {
        if (child.nodeName === name) found.push(child)
        walk(child)
      }
    }
  }
  walk(c.doc.getXmlFragment(PLAN_FRAGMENT))
  return found
}

/** Types into a block's named field, as an editor would (Yjs text in the field element). */
function typeInField(block: Y.XmlElement, field: string, text: string): void {
  const element = block.toArray().find((child) => child instanceof Y.XmlElement && child.getAttribute('name') === field) as Y.XmlElement
  const existing = element.toArray()[0]
  if (existing instanceof Y.XmlText) existing.insert(existing.length, text)
  else element.insert(0, [new Y.XmlText(text)])
}

async function overviewOf(person: Person, planId: string): Promise<PlanOverview> {
  return (await person.json<{ overview: PlanOverview }>('GET', `/api/plans/${planId}/overview`)).overview
}

async function listed(person: Person, planId: string): Promise<PlanSummary> {
  const { plans } = await person.json<{ plans: PlanSummary[] }>('GET', '/api/plans')
  return plans.find((plan) => plan.id === planId)!
}

describe('plan progress overview', () => {
  it('matches the client’s own figures as the plan is edited, and the list follows', async () => {
    const srv = await server()
    const owner = await register(srv.url, 'Olivia Owner')
    const { plan } = await owner.json<{ plan: PlanSummary }>('POST', '/api/plans', {
      title: 'Attendance plan', schoolName: 'Seaview Academy', templateId: 'middle-leader-secondment',
    })
    const a = client(srv.url, plan.id, owner)
    await eventually(() => expect(a.provider.synced).toBe(true))

    // The template's empty blocks: one action, not started, with no target; one target with no finding.
    const initial = await overviewOf(owner, plan.id)
    expect(initial).toEqual(clientOverview(a))
    expect(initial.actions.byStatus['not-started']).toBe(1)
    expect(initial.warnings.actionsWithoutTarget).toHaveLength(1)
    expect((await listed(owner, plan.id)).headline).toEqual(planHeadline(initial))

    // Fill the plan in: link the target to the finding and the action to the target; make the action overdue.
    const [finding] = elements(a, 'finding')
    const [target] = elements(a, 'target')
    const [action] = elements(a, 'action')
    a.doc.transact(() => {
      typeInField(finding, 'statement', 'Persistent absence is high in Year 9.')
      typeInField(target, 'measure', 'Persistent absence in Year 9 (%)')
      target.setAttribute('direction', 'lower')
      target.setAttribute('baselineValue', 20 as never)
      target.setAttribute('baselineDate', '2020-09-01')
      target.setAttribute('targetValue', 12 as never)
      target.setAttribute('targetDate', '2021-07-31')
      target.setAttribute('currentValue', 19 as never)
      target.setAttribute('linkedFindings', [finding.getAttribute('id')] as never)
      typeInField(action, 'description', 'First-day calls home')
      typeInField(action, 'owner', 'Mrs Khan')
      action.setAttribute('status', 'in-progress')
      action.setAttribute('due', '2021-01-31')
      action.setAttribute('linkedTargets', [target.getAttribute('id')] as never)
    })
    const expected = clientOverview(a)
    expect(expected.actions.overdue).toEqual([expect.objectContaining({ description: 'First-day calls home', owner: 'Mrs Khan', due: '2021-01-31' })])
    expect(expected.targets.byRag.red).toBe(1)
    expect(expected.warnings).toEqual({ actionsWithoutTarget: [], targetsWithoutFinding: [] })
    await eventually(async () => expect(await overviewOf(owner, plan.id)).toEqual(expected))
    await eventually(async () => expect((await listed(owner, plan.id)).headline).toEqual(planHeadline(expected)))

    // One more change: the list's figures are not stale.
    a.doc.transact(() => action.setAttribute('status', 'done'))
    await eventually(async () => {
      const headline = (await listed(owner, plan.id)).headline!
      expect(headline).toEqual(planHeadline(clientOverview(a)))
      expect(headline).toMatchObject({ done: 1, overdue: 0 })
    })
  })

  it('is for people who may read the live plan: viewers yes, trustees and strangers no', async () => {
    const srv = await server()
    const owner = await register(srv.url, 'Olivia Owner')
    const viewer = await register(srv.url, 'Vic Viewer')
    const trustee = await register(srv.url, 'Tess Trustee')
    const stranger = await register(srv.url, 'Sam Stranger')
    const { plan } = await owner.json<{ plan: PlanSummary }>('POST', '/api/plans', {
      title: 'Plan', schoolName: 'Seaview', templateId: 'nle-support',
    })
    await share(owner, plan.id, viewer, 'viewer')
    await share(owner, plan.id, trustee, 'trustee')

    expect((await overviewOf(viewer, plan.id)).actions.total).toBe(1)
    expect((await trustee.call('GET', `/api/plans/${plan.id}/overview`)).status).toBe(403)
    expect((await stranger.call('GET', `/api/plans/${plan.id}/overview`)).status).toBe(404)
    expect((await listed(viewer, plan.id)).headline?.actions).toBe(1)
    // Trustees see snapshots only: no live figures in their list either.
    expect((await listed(trustee, plan.id)).headline).toBeUndefined()

    // Nor when the draft was last worked on: for a trustee the plan changes when a snapshot reaches them.
    await new Promise((resolve) => setTimeout(resolve, 5))
    await owner.json('PATCH', `/api/plans/${plan.id}`, { title: 'Plan, renamed' })
    expect((await listed(owner, plan.id)).updatedAt > plan.createdAt).toBe(true)
    expect((await listed(trustee, plan.id)).updatedAt).toBe(plan.createdAt)
    await owner.json('POST', `/api/plans/${plan.id}/snapshots`, { name: 'Draft for the head', forTrustees: false })
    expect((await listed(trustee, plan.id)).updatedAt).toBe(plan.createdAt)
    const { snapshot } = await owner.json<{ snapshot: { createdAt: string } }>('POST', `/api/plans/${plan.id}/snapshots`, { name: 'Board review', forTrustees: true })
    expect((await listed(trustee, plan.id)).updatedAt).toBe(snapshot.createdAt)
  })
})
