/** A review point: when, who reviewed, a RAG rating for each priority, evidence of impact and next steps. */
import { Node } from '@tiptap/core'
import { RAGS } from '../../plan/vocabulary.ts'
import { dateAttribute, idAttribute, isBlockId, recordAttribute } from '../attributes.ts'
import { fieldsContent, PLAN_BLOCK_GROUP } from '../blockFields.ts'
import { blockNode } from '../blockNode.ts'

export const ReviewPoint = Node.create({
  name: 'reviewPoint',
  group: PLAN_BLOCK_GROUP,
  content: fieldsContent('reviewPoint'),
  ...blockNode('reviewPoint', 'section'),

  addAttributes() {
    return {
      id: idAttribute(),
      date: dateAttribute('date'),
      /** Priority id → the reviewer's RAG rating of it at this review. */
      priorityRag: recordAttribute('priorityRag', RAGS, isBlockId),
    }
  },
})
