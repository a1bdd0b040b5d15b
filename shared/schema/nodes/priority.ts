/** A priority: its title, rationale and lead, and the actions that deliver it. */
import { Node } from '@tiptap/core'
import { idAttribute } from '../attributes.ts'
import { fieldsContent, PLAN_BLOCK_GROUP } from '../blockFields.ts'
import { blockNode } from '../blockNode.ts'

export const Priority = Node.create({
  name: 'priority',
  group: PLAN_BLOCK_GROUP,
  // action* rather than action+: two people deleting the last two actions at once must leave a valid priority.
  content: `${fieldsContent('priority')} action*`,
  ...blockNode('priority', 'section'),

  addAttributes() {
    return { id: idAttribute() }
  },
})
