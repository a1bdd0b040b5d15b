/**
 * Keys inside a block's text field. Enter goes to the next field (as in a form); Shift+Enter makes a
 * new line. Tab goes to the next field, and from the last field to the block's own controls (its
 * selects, dates and buttons, in page order); Shift+Tab goes back. Escape in a block's controls returns
 * to its first field (see BlockFrame). Backspace and Delete never merge two fields: the field node is isolating.
 */
import { Extension, type Editor } from '@tiptap/core'
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { FIELD_NODE, isBlockType } from '../../../shared/schema/blockFields.ts'

/** The field the cursor is in, and its block: positions and indexes. */
function fieldAtCursor(editor: Editor) {
  const { $from } = editor.state.selection
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type.name === FIELD_NODE && depth > 0 && isBlockType($from.node(depth - 1).type.name)) {
      return { block: $from.node(depth - 1), blockPos: $from.before(depth - 1), index: $from.index(depth - 1) }
    }
  }
  return null
}

function moveToField(editor: Editor, step: 1 | -1): boolean {
  const at = fieldAtCursor(editor)
  if (!at) return false
  const fields: { index: number; start: number; end: number }[] = []
  at.block.forEach((child, offset, index) => {
    if (child.type.name !== FIELD_NODE) return
    const pos = at.blockPos + 1 + offset
    // A field hidden by its block (a finding's reason for leaving it out, while it is in the plan) is skipped.
    const dom = editor.view.nodeDOM(pos)
    if (dom instanceof HTMLElement && dom.getClientRects().length === 0) return
    fields.push({ index, start: pos + 1, end: pos + 1 + child.content.size })
  })
  const next = step === 1
    ? fields.find((field) => field.index > at.index)
    : [...fields].reverse().find((field) => field.index < at.index)
  if (!next) return false
  const target = step === 1 ? next.start : next.end
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, target)).scrollIntoView())
  return true
}

const FOCUSABLE = 'button, select, input, textarea, [href], [tabindex="0"]'

/** Focuses the next (or previous) control in the editor after (or before) the field the cursor is in. */
function focusControl(editor: Editor, step: 1 | -1): boolean {
  const { $from } = editor.state.selection
  const fieldDom = editor.view.domAtPos($from.start()).node
  const field = fieldDom instanceof Element ? fieldDom.closest('.plan-field') : fieldDom.parentElement?.closest('.plan-field')
  if (!field) return false
  const controls = [...editor.view.dom.querySelectorAll<HTMLElement>(FOCUSABLE)]
    .filter((element) => !(element as HTMLButtonElement).disabled && element.getClientRects().length > 0)
  const following = (element: HTMLElement) => Boolean(field.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING)
  const target = step === 1 ? controls.find(following) : controls.filter((element) => !following(element) && !field.contains(element)).pop()
  if (!target) return false
  target.focus()
  return true
}

export const FieldKeys = Extension.create({
  name: 'fieldKeys',
  // Before the list and hard-break keymaps, so Enter in a field means "next field".
  priority: 1000,

  addProseMirrorPlugins() {
    return [
      // Pasting into a field pastes its text (paragraphs become line breaks), never blocks that would
      // split the field or land inside the block.
      new Plugin({
        key: new PluginKey('fieldPaste'),
        props: {
          transformPasted(slice, view) {
            const { $from } = view.state.selection
            if ($from.parent.type.name !== FIELD_NODE) return slice
            const { schema } = view.state
            const inline: PMNode[] = []
            let first = true
            slice.content.descendants((node) => {
              if (node.isTextblock) {
                if (!first) inline.push(schema.nodes.hardBreak.create())
                first = false
                node.forEach((child) => {
                  if (child.isText || child.type.name === 'hardBreak') inline.push(child)
                })
                return false
              }
              if (node.isText && first) {
                inline.push(node)
                return false
              }
              return true
            })
            return new Slice(Fragment.from(inline), 0, 0)
          },
        },
      }),
      // Marks the field the cursor is in, so it shows focus like a form control does.
      new Plugin({
        key: new PluginKey('activeField'),
        props: {
          decorations(state) {
            const { $from } = state.selection
            for (let depth = $from.depth; depth > 0; depth--) {
              if ($from.node(depth).type.name === FIELD_NODE) {
                return DecorationSet.create(state.doc, [Decoration.node($from.before(depth), $from.after(depth), { class: 'plan-field--active' })])
              }
            }
            return null
          },
        },
      }),
    ]
  },

  addKeyboardShortcuts() {
    return {
      Enter: ({ editor }) => (fieldAtCursor(editor) ? moveToField(editor, 1) || true : false),
      Tab: ({ editor }) => {
        if (!fieldAtCursor(editor)) return false
        return moveToField(editor, 1) || focusControl(editor, 1)
      },
      'Shift-Tab': ({ editor }) => {
        if (!fieldAtCursor(editor)) return false
        return moveToField(editor, -1) || focusControl(editor, -1)
      },
    }
  },
})
