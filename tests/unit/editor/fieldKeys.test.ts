// Where Enter in a block's field goes: the next field shown, in the block or after it, anywhere in the plan.
import { describe, expect, it } from 'vitest'
import type { Node as PMNode } from '@tiptap/pm/model'
import { action, finding, planNode, priority, reviewPoint } from '../plan/planFixtures.ts'
import { nextFieldStart } from '../../../client/editor/blocks/fieldKeys.ts'

/** Each field of the plan, named `block.field`, with the position of its node. */
function fieldsOf(doc: PMNode): Map<string, number> {
  const fields = new Map<string, number>()
  doc.descendants((node, pos, parent) => {
    if (node.type.name === 'field') fields.set(`${parent?.type.name}.${node.attrs.name}`, pos)
  })
  return fields
}

const plan = planNode(
  finding({}, { statement: 'Reading is weak', rootCause: 'Phonics' }),
  priority({ title: 'Reading', lead: 'Harry Head' }, action({}, { description: 'Daily reading' })),
  reviewPoint({}, { nextSteps: 'Extend to Year 8' }),
)
const fields = fieldsOf(plan)
const at = (name: string) => fields.get(name)!
/** The next field after the whole of `name`. */
const after = (name: string, shown: (pos: number) => boolean = () => true) => nextFieldStart(plan, at(name) + plan.nodeAt(at(name))!.nodeSize, shown)

describe('the next field after a field', () => {
  it('is the block\'s next field', () => {
    expect(after('priority.title')).toBe(at('priority.rationale') + 1)
  })

  it('from a priority\'s last field is its first action\'s first field', () => {
    expect(after('priority.lead')).toBe(at('action.description') + 1)
  })

  it('from an action\'s last field is the next block\'s first field', () => {
    expect(after('action.successCriteria')).toBe(at('reviewPoint.reviewer') + 1)
  })

  it('passes over fields that are not shown', () => {
    const hidden = at('finding.notInPlanReason')
    expect(after('finding.rootCause', (pos) => pos !== hidden)).toBe(at('priority.title') + 1)
  })

  it('is none after the plan\'s last field', () => {
    expect(after('reviewPoint.nextSteps')).toBeNull()
  })
})
