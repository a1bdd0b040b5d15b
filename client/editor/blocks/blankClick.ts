/**
 * A press on blank space in a block (its header, beside a control's label, its margins, its footer) puts
 * the caret at the end of the block's nearest text field, as a press beside a form's text box would focus
 * it. ProseMirror does not handle presses on a node view's own parts (Tiptap's `stopEvent`), so the
 * browser would put its caret in whatever editable text it finds nearest: often a heading above the block,
 * where the next key changes the heading. Presses on controls, labels and links, and in the fields
 * themselves, are left as they are.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { FIELD_NODE } from '../../../shared/schema/blockFields.ts'
import { findBlock } from './commands.ts'
import { isOnScreen } from './tabOrder.ts'

// What a press is meant for, not blank space: a control, a label (it focuses its control), a link.
const TAKES_PRESS = 'input, select, textarea, button, a[href], label, summary, [tabindex], [contenteditable="true"]'

/** The block whose own blank space `target` is (not a nested block's, not its fields' area), or null. */
function blankSpaceOf(view: EditorView, target: EventTarget | null): HTMLElement | null {
  if (!(target instanceof Element) || !view.dom.contains(target)) return null
  const block = target.closest<HTMLElement>('[data-block-id]')
  if (!block || !view.dom.contains(block)) return null
  const taken = target.closest(TAKES_PRESS)
  if (taken && block.contains(taken)) return null
  // The fields' area is ProseMirror's own: it reads presses there itself.
  const fields = target.closest('.plan-block__fields')
  if (fields && block.contains(fields)) return null
  return block
}

/** Where the text of the block's field nearest the point ends (the field shown whose box is closest), or null. */
function nearestFieldEnd(view: EditorView, block: HTMLElement, x: number, y: number): number | null {
  const found = findBlock(view.state.doc, block.getAttribute('data-block-id') ?? '')
  if (!found) return null
  const fields: { end: number; distance: number }[] = []
  found.node.forEach((child, offset) => {
    if (child.type.name !== FIELD_NODE) return
    const pos = found.pos + 1 + offset
    const dom = view.nodeDOM(pos)
    if (!(dom instanceof HTMLElement) || !block.contains(dom) || !isOnScreen(dom)) return
    const box = dom.getBoundingClientRect()
    // Up and down first (fields are stacked); across only between fields level with each other.
    const dy = Math.max(box.top - y, 0, y - box.bottom)
    const dx = Math.max(box.left - x, 0, x - box.right)
    fields.push({ end: pos + 1 + child.content.size, distance: dy * 1e4 + dx })
  })
  fields.sort((a, b) => a.distance - b.distance)
  return fields[0]?.end ?? null
}

export const BlankClick = Extension.create({
  name: 'blankClickInBlocks',

  addProseMirrorPlugins() {
    return [new Plugin({
      key: new PluginKey('blankClickInBlocks'),
      view(view) {
        const onMouseDown = (event: MouseEvent) => {
          if (!view.editable || event.button !== 0 || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return
          const block = blankSpaceOf(view, event.target)
          if (!block) return
          const end = nearestFieldEnd(view, block, event.clientX, event.clientY)
          if (end === null) return
          // (Not the browser's own caret: see above.)
          event.preventDefault()
          view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, end)))
          view.focus()
        }
        view.dom.addEventListener('mousedown', onMouseDown)
        return { destroy: () => view.dom.removeEventListener('mousedown', onMouseDown) }
      },
    })]
  },
})
