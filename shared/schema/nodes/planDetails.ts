/** Plan details: the school, the plan's period, the people and the latest inspection. */
import { Node } from '@tiptap/core'
import { EVALUATION_AREAS, INSPECTION_GRADES, LEADER_ROLES, PHASES, SAFEGUARDING, isOneOf } from '../../plan/vocabulary.ts'
import { dateAttribute, enumAttribute, idAttribute, recordAttribute } from '../attributes.ts'
import { fieldsContent, PLAN_BLOCK_GROUP } from '../blockFields.ts'
import { blockNode } from '../blockNode.ts'

export const PlanDetails = Node.create({
  name: 'planDetails',
  group: PLAN_BLOCK_GROUP,
  content: fieldsContent('planDetails'),
  ...blockNode('planDetails', 'section'),

  addAttributes() {
    return {
      id: idAttribute(),
      phase: enumAttribute('phase', PHASES, null),
      periodStart: dateAttribute('periodStart'),
      periodEnd: dateAttribute('periodEnd'),
      visitingLeaderRole: enumAttribute('visitingLeaderRole', LEADER_ROLES, null),
      inspectionDate: dateAttribute('inspectionDate'),
      /** Evaluation area → grade, for the areas graded at the latest inspection. */
      inspectionGrades: recordAttribute('inspectionGrades', INSPECTION_GRADES, (key) => isOneOf(EVALUATION_AREAS, key)),
      safeguarding: enumAttribute('safeguarding', SAFEGUARDING, null),
    }
  },
})
