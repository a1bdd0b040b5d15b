/**
 * Keys inside a block's text field, as in a form's text box. Enter goes to the next field shown: the
 * block's next one, and from its last field the next one in the plan (its first action's or evidence's,
 * or the next block's first); after the plan's last field it does nothing. Enter never moves to a select
 * or button, where the next key typed would change its value. Shift+Enter makes a new line. Ctrl+A
 * (Cmd+A on a Mac) selects the field's text only, so what is typed next replaces that field, never the
 * whole plan; outside the fields it selects the whole plan. Tab goes to the next field, and from the
 * last field to the block's own controls (its selects, dates and buttons, in page order); Shift+Tab goes
 * back. Escape in a block's controls returns to its first field (see BlockFrame). Backspace and Delete
 * never merge two fields: the field node is isolating.
 */
import { Extension, type Editor } from '@tiptap/core'
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { FIELD_NODE, isBlockType } from '../../../shared/schema/blockFields.ts'

/** The field the cursor is in (where its text starts and ends), and its block: positions and indexes. */
function fieldAtCursor(editor: Editor) {
  const { $from } = editor.state.selection
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type.name === FIELD_NODE && depth > 0 && isBlockType($from.node(depth - 1).type.name)) {
      return {
        block: $from.node(depth - 1), blockPos: $from.before(depth - 1), index: $from.index(depth - 1),
        start: $from.start(depth), end: $from.end(depth),
      }
    }
  }
  return null
}

/** Whether the field at `pos` is on screen: a block hides some (a finding's reason for leaving it out, while it is in the plan). */
function isShown(editor: Editor, pos: number): boolean {
  const dom = editor.view.nodeDOM(pos)
  return !(dom instanceof HTMLElement) || dom.getClientRects().length > 0
}

/**
 * Where the text of the first field at or after `from` begins, in document order (a block's fields, then
 * those of the blocks inside it, then the next block's), passing over those `shown` refuses; null if none.
 */
export function nextFieldStart(doc: PMNode, from: number, shown: (pos: number) => boolean): number | null {
  let start: number | null = null
  doc.nodesBetween(from, doc.content.size, (node, pos) => {
    if (start !== null) return false
    if (node.type.name !== FIELD_NODE) return true
    if (pos >= from && shown(pos)) start = pos + 1
    return false
  })
  return start
}

function placeCursor(editor: Editor, pos: number): void {
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos)).scrollIntoView())
}

function moveToField(editor: Editor, step: 1 | -1): boolean {
  const at = fieldAtCursor(editor)
  if (!at) return false
  const fields: { index: number; start: number; end: number }[] = []
  at.block.forEach((child, offset, index) => {
    if (child.type.name !== FIELD_NODE) return
    const pos = at.blockPos + 1 + offset
    if (!isShown(editor, pos)) return
    fields.push({ index, start: pos + 1, end: pos + 1 + child.content.size })
  })
  const next = step === 1
    ? fields.find((field) => field.index > at.index)
    : [...fields].reverse().find((field) => field.index < at.index)
  if (!next) return false
  placeCursor(editor, step === 1 ? next.start : next.end)
  return true
}

/** Enter: on to the next field shown, in this block or after it; false after the plan's last field. */
function moveToNextField(editor: Editor): boolean {
  const at = fieldAtCursor(editor)
  if (!at) return false
  // From the end of the field node (its text's end, plus its closing token).
  const start = nextFieldStart(editor.state.doc, at.end + 1, (pos) => isShown(editor, pos))
  if (start === null) return false
  placeCursor(editor, start)
  return true
}

/**
 * Ctrl+A selects the text of the field the cursor is in, as in a form's text box: the whole plan selected
 * would be replaced, for everyone, by the next key. An empty field gets the cursor, so typing stays in it.
 */
function selectField(editor: Editor): boolean {
  const at = fieldAtCursor(editor)
  if (!at) return false
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, at.start, at.end)))
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
  // Before the list and hard-break keymaps, so Enter in a field means "next field"; and before the core
  // keymap, whose Mod-a selects the whole document.
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
      // After the plan's last field, Enter is still taken: it would split the field or start a line in it.
      Enter: ({ editor }) => (fieldAtCursor(editor) ? moveToNextField(editor) || true : false),
      'Mod-a': ({ editor }) => selectField(editor),
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
