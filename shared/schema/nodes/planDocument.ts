/** The plan's top node: ordinary rich text and the plan's typed blocks, side by side. */
import { Node } from '@tiptap/core'
import { PLAN_BLOCK_GROUP } from '../blockFields.ts'

export const PlanDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: `(block | ${PLAN_BLOCK_GROUP})+`,
})
