/**
 * A measurable target: what is measured and from where, the baseline, termly milestones, the target, the
 * current value and which direction is better. Its RAG status is computed from the trajectory
 * (shared/plan/rag.ts) unless `ragOverride` is set, which is then shown as a manual status.
 */
import { Node } from '@tiptap/core'
import { DIRECTIONS, RAGS } from '../../plan/vocabulary.ts'
import { dateAttribute, enumAttribute, idAttribute, idListAttribute, numberAttribute, shortTextAttribute } from '../attributes.ts'
import { fieldsContent, PLAN_BLOCK_GROUP } from '../blockFields.ts'
import { blockNode } from '../blockNode.ts'

export const Target = Node.create({
  name: 'target',
  group: PLAN_BLOCK_GROUP,
  content: fieldsContent('target'),
  ...blockNode('target', 'section'),

  addAttributes() {
    return {
      id: idAttribute(),
      direction: enumAttribute('direction', DIRECTIONS, 'higher'),
      /** Shown after each value: "%", " pupils", " days". */
      unit: shortTextAttribute('unit', 16),
      baselineValue: numberAttribute('baselineValue'),
      baselineDate: dateAttribute('baselineDate'),
      milestoneAutumn: numberAttribute('milestoneAutumn'),
      milestoneSpring: numberAttribute('milestoneSpring'),
      milestoneSummer: numberAttribute('milestoneSummer'),
      targetValue: numberAttribute('targetValue'),
      targetDate: dateAttribute('targetDate'),
      currentValue: numberAttribute('currentValue'),
      /** Ids of the findings this target addresses. */
      linkedFindings: idListAttribute('linkedFindings'),
      ragOverride: enumAttribute('ragOverride', RAGS, null),
    }
  },
})
