import type { NodeViewProps } from '@tiptap/react'
import { setBlockAttributes } from './commands.ts'

/** Sets attributes of the block a node view shows, at its current position. */
export function useSetAttributes({ editor, getPos }: NodeViewProps): (attributes: Record<string, unknown>) => void {
  return (attributes) => {
    const pos = getPos()
    if (typeof pos === 'number' && editor.isEditable) setBlockAttributes(editor, pos, attributes)
  }
}
