/**
 * A named free-text field of a plan block (a target's measure, an action's owner…). Its text is Yjs text,
 * so several people typing in one field all keep their characters. Line breaks and bold, italic or link
 * marks are allowed; the field is isolating, so Backspace or Delete never merges two fields.
 */
import { Node } from '@tiptap/core'
import { FIELD_NODE } from '../blockFields.ts'

export const Field = Node.create({
  name: FIELD_NODE,
  content: '(text | hardBreak)*',
  marks: '_',
  defining: true,
  isolating: true,
  selectable: false,

  addAttributes() {
    return {
      name: {
        default: '',
        parseHTML: (element) => element.getAttribute('data-field') ?? '',
        renderHTML: (attributes) => ({ 'data-field': attributes.name }),
      },
    }
  },

  parseHTML() {
    return [{ tag: 'div[data-field]' }]
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', HTMLAttributes, 0]
  },
})
