/** An action of a priority: what, who, when, its status, resources, success criteria and linked targets. */
import { Node } from '@tiptap/core'
import { ACTION_STATUSES } from '../../plan/vocabulary.ts'
import { dateAttribute, enumAttribute, idAttribute, idListAttribute } from '../attributes.ts'
import { fieldsContent } from '../blockFields.ts'
import { blockNode } from '../blockNode.ts'

export const Action = Node.create({
  name: 'action',
  content: fieldsContent('action'),
  ...blockNode('action', 'div'),

  addAttributes() {
    return {
      id: idAttribute(),
      start: dateAttribute('start'),
      due: dateAttribute('due'),
      status: enumAttribute('status', ACTION_STATUSES, 'not-started'),
      /** Ids of the targets this action works towards. */
      linkedTargets: idListAttribute('linkedTargets'),
    }
  },
})
