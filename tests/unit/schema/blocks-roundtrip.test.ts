// Each block, with every field and attribute set, goes ProseMirror JSON → Yjs → ProseMirror JSON unchanged,
// and its attributes survive the trip through HTML attributes (copy and paste, drag).
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import type { JSONContent } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { newEvidence } from '../../../shared/plan/blocks.ts'
import { PLAN_FRAGMENT } from '../../../shared/ydoc.ts'
import { action, filled, finding, planJson, priority, reviewPoint, schema, target } from '../plan/planFixtures.ts'
import { newPlanDetails } from '../../../shared/plan/blocks.ts'
import { isBlockType } from '../../../shared/schema/blockFields.ts'

const blocks: Record<string, () => JSONContent> = {
  planDetails: () => filled(newPlanDetails({
    phase: 'secondary', periodStart: '2026-09-01', periodEnd: '2027-07-31', visitingLeaderRole: 'nle', inspectionDate: '2026-03-12',
    inspectionGrades: { 'inclusion': 'expected', 'achievement': 'needs-attention' }, safeguarding: 'met',
  }), {
    schoolName: 'Seaview Academy', urn: '123456', trust: 'Coastal Learning Trust', visitingLeader: 'Dr A. Shah',
    hostHeadteacher: 'Mr B. Jones', chairOfGovernors: 'Ms C. Evans',
  }),
  finding: () => {
    const made = finding({ area: 'curriculum-and-teaching', kind: 'strength', confidence: 'medium', inPlan: false }, {
      statement: 'Phonics teaching is consistent.', rootCause: 'Training in 2025.', notInPlanReason: 'Already strong.',
    })
    return { ...made, content: [...made.content!, filled(newEvidence({ kind: 'lesson-visit', date: '2026-10-03' }), { source: 'Year 1', note: 'Secure' })] }
  },
  target: () => target({
    direction: 'lower', unit: '%', baselineValue: 20.5, baselineDate: '2026-09-01', milestoneAutumn: 18, milestoneSpring: 16,
    milestoneSummer: 14, targetValue: 12, targetDate: '2027-07-31', currentValue: 17, linkedFindings: ['findingAAAA1', 'findingBBBB2'], ragOverride: 'amber',
  }, { measure: 'Persistent absence', dataSource: 'Attendance register', owner: 'Attendance lead' }),
  priority: () => priority({ title: 'Attendance', rationale: 'Absence is high.', lead: 'Deputy head' },
    action({ start: '2026-09-05', due: '2026-12-18', status: 'blocked', linkedTargets: ['targetAAAAA1'] }, {
      description: 'First-day calls', owner: 'Office', resources: '£1,200', successCriteria: 'Calls made by 10am',
    })),
  reviewPoint: () => reviewPoint({ date: '2026-12-15', priorityRag: { priorityAAAA1: 'green', priorityBBBB2: 'red' } }, {
    reviewer: 'Chair of governors', impact: 'Absence down 2 points.', nextSteps: 'Extend to Year 8.',
  }),
}

function throughYjs(json: JSONContent): JSONContent {
  const doc = new Y.Doc()
  prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(PLAN_FRAGMENT))
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(PLAN_FRAGMENT), schema).toJSON()
}

describe.each(Object.entries(blocks))('%s block', (_name, make) => {
  it('goes ProseMirror JSON → Yjs → ProseMirror JSON unchanged', () => {
    const node = schema.nodeFromJSON(planJson(make()))
    node.check()
    const json = node.toJSON()
    expect(throughYjs(json)).toEqual(json)
  })

  it('keeps every attribute through HTML, as copy and paste does', () => {
    // The schema's own toDOM and parseDOM rules, with an element that only has attributes (no DOM in unit tests).
    const check = (node: PMNode) => {
      if (node.isText || node.type.name === 'hardBreak') return
      const [tag, htmlAttributes] = node.type.spec.toDOM!(node) as [string, Record<string, string>, 0]
      const element = { getAttribute: (name: string) => htmlAttributes[name] ?? null, hasAttribute: (name: string) => name in htmlAttributes }
      const rule = node.type.spec.parseDOM![0]
      // A block is written as an element naming its type, and read back from exactly that element.
      if (isBlockType(node.type.name)) {
        // Edited field by field: never selected or dragged whole, and typing and pasting stay in its fields.
        expect(node.type.spec).toMatchObject({ defining: true, isolating: true, selectable: false, draggable: false })
        expect(htmlAttributes['data-block']).toBe(node.type.name)
        expect(rule.tag).toBe(`${tag}[data-block="${node.type.name}"]`)
      }
      const parsed = rule.getAttrs!(element as unknown as HTMLElement) as Record<string, unknown>
      expect(node.type.create(parsed).attrs).toEqual(node.attrs)
      node.forEach(check)
    }
    const block = schema.nodeFromJSON(planJson(make())).child(1)
    check(block)
  })

  it('reads malformed pasted attributes as not set', () => {
    const block = schema.nodeFromJSON(planJson(make())).child(1)
    const rule = block.type.spec.parseDOM![0]
    const junk = { getAttribute: (name: string) => (name === 'data-id' ? '../x' : '{"not":"valid"'), hasAttribute: () => true }
    const attrs = block.type.create(rule.getAttrs!(junk as unknown as HTMLElement) as Record<string, unknown>).attrs
    // Everything falls back to "not set" (booleans read the text as false; a unit is short free text).
    expect(attrs).toEqual({
      ...block.type.create().attrs,
      ...('inPlan' in attrs ? { inPlan: false } : {}),
      ...('unit' in attrs ? { unit: '{"not":"valid"' } : {}),
    })
  })
})
