/** One item of evidence for a finding: what kind, when, from where, and what it showed. */
import { Node } from '@tiptap/core'
import { EVIDENCE_KINDS } from '../../plan/vocabulary.ts'
import { dateAttribute, enumAttribute, idAttribute } from '../attributes.ts'
import { fieldsContent } from '../blockFields.ts'
import { blockNode } from '../blockNode.ts'

export const Evidence = Node.create({
  name: 'evidence',
  content: fieldsContent('evidence'),
  ...blockNode('evidence', 'div'),

  addAttributes() {
    return {
      id: idAttribute(),
      kind: enumAttribute('kind', EVIDENCE_KINDS, null),
      date: dateAttribute('date'),
    }
  },
})
