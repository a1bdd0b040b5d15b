/** A finding of the diagnosis: a strength or an area for development, its root cause and evidence. */
import { Node } from '@tiptap/core'
import { CONFIDENCE_LEVELS, EVALUATION_AREAS, FINDING_KINDS } from '../../plan/vocabulary.ts'
import { booleanAttribute, enumAttribute, idAttribute } from '../attributes.ts'
import { fieldsContent, PLAN_BLOCK_GROUP } from '../blockFields.ts'
import { blockNode } from '../blockNode.ts'

export const Finding = Node.create({
  name: 'finding',
  group: PLAN_BLOCK_GROUP,
  content: `${fieldsContent('finding')} evidence*`,
  ...blockNode('finding', 'section'),

  addAttributes() {
    return {
      id: idAttribute(),
      area: enumAttribute('area', EVALUATION_AREAS, null),
      kind: enumAttribute('kind', FINDING_KINDS, 'development'),
      confidence: enumAttribute('confidence', CONFIDENCE_LEVELS, null),
      /** Whether the finding is acted on in this plan; if not, its `notInPlanReason` field says why. */
      inPlan: booleanAttribute('inPlan', true),
    }
  },
})
