import { mergeAttributes } from '@tiptap/core'
import type { DOMOutputSpec } from '@tiptap/pm/model'
import type { BlockType } from './blockFields.ts'

/**
 * What every block of the plan has in common, spread into its node's definition:
 * - it is edited field by field, never as a whole: not selectable or draggable as a node, and isolating
 *   and defining, so that typing, joining and pasting stay inside its fields and a paste keeps its type;
 * - no gap cursor between its fields or the blocks inside it (the gap cursor plugin would allow one: the
 *   isolating fields close the gap, and a field is a textblock). A letter typed at one is a field the block
 *   cannot hold, so ProseMirror would split the block around it: a new block above, with a copy of its id;
 * - in HTML (copy and paste, drag) it is an element naming its type in `data-block`: a `section` for the
 *   blocks of the plan's top level, a `div` for those inside them. Its attributes travel as their own
 *   `data-` attributes (see attributes.ts).
 */
export function blockNode(type: BlockType, tag: 'section' | 'div') {
  return {
    defining: true,
    isolating: true,
    selectable: false,
    draggable: false,
    allowGapCursor: false,
    parseHTML: () => [{ tag: `${tag}[data-block="${type}"]` }],
    renderHTML: ({ HTMLAttributes }: { HTMLAttributes: Record<string, unknown> }): DOMOutputSpec =>
      [tag, mergeAttributes({ 'data-block': type }, HTMLAttributes), 0],
  }
}
