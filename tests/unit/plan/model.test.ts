import { describe, expect, it } from 'vitest'
import { newEvidence, newPlanDetails } from '../../../shared/plan/blocks.ts'
import { readPlan } from '../../../shared/plan/model.ts'
import { filled, finding, planJson, planNode, schema } from './planFixtures.ts'

describe('reading a plan into its model', () => {
  it('reads plan details, with grades by area and safeguarding', () => {
    const details = filled(newPlanDetails({
      phase: 'primary', periodStart: '2026-09-01', periodEnd: '2027-07-31', visitingLeaderRole: 'middle-leader',
      inspectionDate: '2026-05-20', inspectionGrades: { 'achievement': 'needs-attention', 'inclusion': 'strong' }, safeguarding: 'not-met',
    }), { schoolName: 'Seaview', urn: '100001', trust: 'Kent', visitingLeader: 'Ana', hostHeadteacher: 'Ben', chairOfGovernors: 'Cat' })
    expect(readPlan(planNode(details)).details).toMatchObject({
      schoolName: 'Seaview', urn: '100001', trust: 'Kent', phase: 'primary', periodStart: '2026-09-01', periodEnd: '2027-07-31',
      visitingLeader: 'Ana', visitingLeaderRole: 'middle-leader', hostHeadteacher: 'Ben', chairOfGovernors: 'Cat',
      inspectionDate: '2026-05-20', inspectionGrades: { achievement: 'needs-attention', inclusion: 'strong' }, safeguarding: 'not-met',
    })
  })

  it('reads a finding with its evidence, line breaks kept', () => {
    const made = finding({ area: 'inclusion', kind: 'development', confidence: 'high' }, { statement: 'SEND plans are generic.' })
    made.content!.push(filled(newEvidence({ kind: 'document', date: '2026-10-01' }), { source: 'EHCP sample', note: 'x' }))
    made.content![1] = { type: 'field', attrs: { name: 'rootCause' }, content: [{ type: 'text', text: 'No training' }, { type: 'hardBreak' }, { type: 'text', text: 'since 2023' }] }
    const [model] = readPlan(planNode(made)).findings
    expect(model).toMatchObject({ area: 'inclusion', kind: 'development', confidence: 'high', inPlan: true, statement: 'SEND plans are generic.', rootCause: 'No training\nsince 2023' })
    expect(model.evidence).toEqual([{ id: expect.any(String), kind: 'document', date: '2026-10-01', source: 'EHCP sample', note: 'x' }])
  })

  it('reads values that do not fit as not set', () => {
    const json = planJson(finding({}))
    json.content![1].attrs = { ...json.content![1].attrs, area: 'astrology', confidence: 7 }
    const [model] = readPlan(schema.nodeFromJSON(json)).findings
    expect(model.area).toBeNull()
    expect(model.confidence).toBeNull()
  })

  it('counts only the first plan-details block', () => {
    const model = readPlan(planNode(filled(newPlanDetails(), { schoolName: 'First' }), filled(newPlanDetails(), { schoolName: 'Second' })))
    expect(model.details?.schoolName).toBe('First')
  })
})
