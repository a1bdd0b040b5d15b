import { mergeAttributes } from '@tiptap/core'
import type { DOMOutputSpec } from '@tiptap/pm/model'
import type { BlockType } from './blockFields.ts'

/**
 * How a block is read from HTML and written to it (copy and paste, drag): an element naming the block's
 * type in `data-block`, a `section` for the blocks of the plan's top level and a `div` for those inside
 * them. Its attributes travel as their own `data-` attributes (see attributes.ts).
 */
export function blockHtml(type: BlockType, tag: 'section' | 'div') {
  return {
    parseHTML: () => [{ tag: `${tag}[data-block="${type}"]` }],
    renderHTML: ({ HTMLAttributes }: { HTMLAttributes: Record<string, unknown> }): DOMOutputSpec =>
      [tag, mergeAttributes({ 'data-block': type }, HTMLAttributes), 0],
  }
}
