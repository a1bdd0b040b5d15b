// Renaming a plan: where its own text still says the old title or school, that follows; people's own wording does not.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { PlanSummary } from '../../shared/api.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import { register } from '../helpers/api.ts'
import { connect, type TestClient } from '../helpers/collab.ts'
import { synced, testScope } from '../helpers/scope.ts'
import { eventually } from '../helpers/server.ts'

const { server, defer } = testScope()

/** The plain text of the document's top-level nodes, and of the plan details' school field. */
function read(client: TestClient): { first: string; second: string; school: string | null } {
  const nodes = client.doc.getXmlFragment(PLAN_FRAGMENT).toArray() as Y.XmlElement[]
  const text = (element: Y.XmlElement | undefined) => (element?.toArray() ?? []).map((child) => (child instanceof Y.XmlText ? child.toJSON() : '')).join('')
  const details = nodes.find((node) => node.nodeName === 'planDetails')
  const school = details?.toArray().find((node) => node instanceof Y.XmlElement && node.getAttribute('name') === 'schoolName') as Y.XmlElement | undefined
  return { first: text(nodes[0]), second: text(nodes[1]), school: school ? text(school) : null }
}

describe('renaming a plan', () => {
  it('changes the title heading and the school in the plan details while they still say the old names', async () => {
    const srv = await server()
    const owner = await register(srv.url, 'Olivia Owner')
    const { plan } = await owner.json<{ plan: PlanSummary }>('POST', '/api/plans', {
      title: 'Plan 3: Northcliff', schoolName: 'Northcliff Academy', templateId: 'post-inspection-ri',
    })
    const client = connect(srv.url, plan.id, owner)
    defer(() => client.destroy())
    await synced(client)
    expect(read(client)).toMatchObject({ first: 'Plan 3: Northcliff', school: 'Northcliff Academy' })

    await owner.json('PATCH', `/api/plans/${plan.id}`, { title: 'Post-inspection action plan 2026–27', schoolName: 'Northcliff Church Academy' })
    await eventually(() => expect(read(client)).toMatchObject({ first: 'Post-inspection action plan 2026–27', school: 'Northcliff Church Academy' }))

    // Someone rewrites the heading: a later rename leaves their wording alone, and still updates the school.
    client.doc.transact(() => {
      const heading = client.doc.getXmlFragment(PLAN_FRAGMENT).get(0) as Y.XmlElement
      const text = heading.get(0) as Y.XmlText
      text.delete(0, text.length)
      text.insert(0, 'Our plan for Northcliff')
    })
    // (Once the server has it: another page sees it.)
    const other = connect(srv.url, plan.id, owner)
    defer(() => other.destroy())
    await eventually(() => expect(read(other).first).toBe('Our plan for Northcliff'))
    await owner.json('PATCH', `/api/plans/${plan.id}`, { title: 'Plan 2027', schoolName: 'Northcliff Academy' })
    await eventually(() => expect(read(client)).toMatchObject({ school: 'Northcliff Academy' }))
    expect(read(client).first).toBe('Our plan for Northcliff')
  })

  it('changes the school line under the title in the outline template', async () => {
    const srv = await server()
    const owner = await register(srv.url, 'Olivia Owner')
    const { plan } = await owner.json<{ plan: PlanSummary }>('POST', '/api/plans', {
      title: 'Raising attainment', schoolName: 'Seaview Primary', templateId: 'outline',
    })
    const client = connect(srv.url, plan.id, owner)
    defer(() => client.destroy())
    await synced(client)
    expect(read(client)).toMatchObject({ first: 'Raising attainment', second: 'Seaview Primary' })
    await owner.json('PATCH', `/api/plans/${plan.id}`, { schoolName: 'Seaview Primary School' })
    await eventually(() => expect(read(client)).toMatchObject({ first: 'Raising attainment', second: 'Seaview Primary School' }))
  })
})
