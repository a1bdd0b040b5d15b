/**
 * Keys inside a block's text field, as in a form's text box. Enter goes to the next field shown: the
 * block's next one, and from its last field the next one in the plan (its first action's or evidence's,
 * or the next block's first); after the plan's last field it does nothing. Enter never moves to a select
 * or button, where the next key typed would change its value. Shift+Enter makes a new line. Ctrl+A
 * (Cmd+A on a Mac) selects the field's text only, so what is typed next replaces that field, never the
 * whole plan; outside the fields it selects the whole plan. Tab and Shift+Tab go through the plan's fields
 * and its blocks' controls (selects, dates, buttons) together, in page order, from a field as from a
 * control or from the plan's own paragraphs and headings (lists and tables keep Tab for themselves)
 * (tabOrder.ts): a field reached by Tab has the caret at the start of its text, by Shift+Tab at its
 * end; past the last of them (or before the first) focus leaves the plan, as it leaves any form, and
 * Shift+Tab from what follows the plan comes back to the last. Escape in a block's controls also returns to
 * its first field (see BlockFrame). Backspace and Delete never merge two fields: the field node is isolating.
 */
import { Extension, type Editor } from '@tiptap/core'
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { FIELD_NODE, isBlockType } from '../../../shared/schema/blockFields.ts'
import { isOnScreen, tabBackIntoPlan, tabFrom } from './tabOrder.ts'

/** The block field the cursor is in: where its text starts and ends. */
function fieldAtCursor(editor: Editor) {
  const { $from } = editor.state.selection
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type.name === FIELD_NODE && isBlockType($from.node(depth - 1).type.name)) {
      return { start: $from.start(depth), end: $from.end(depth) }
    }
  }
  return null
}

/** Whether the field at `pos` is on screen: a block hides some (a finding's reason for leaving it out, while it is in the plan). */
function isShown(editor: Editor, pos: number): boolean {
  const dom = editor.view.nodeDOM(pos)
  return !(dom instanceof HTMLElement) || isOnScreen(dom)
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

/** Where Tab keeps its own meaning: a list item goes in or out a level, a table moves between its cells. */
const OWN_TAB = new Set(['listItem', 'tableCell', 'tableHeader'])

/**
 * Tab: on to the next field or control in page order, or back to the one before; from a field, or from the
 * plan's own paragraphs and headings (the browser would jump to the first block's buttons at the top).
 */
function tabOn(editor: Editor, step: 1 | -1): boolean {
  const at = fieldAtCursor(editor)
  if (at) {
    const field = editor.view.nodeDOM(at.start - 1)
    return field instanceof HTMLElement && tabFrom(editor.view, field, step)
  }
  const { $from } = editor.state.selection
  if (!$from.parent.isTextblock || $from.depth === 0) return false
  for (let depth = $from.depth - 1; depth > 0; depth--) if (OWN_TAB.has($from.node(depth).type.name)) return false
  const block = editor.view.nodeDOM($from.before())
  return block instanceof HTMLElement && tabFrom(editor.view, block, step)
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
      tabBackIntoPlan(),
    ]
  },

  addKeyboardShortcuts() {
    return {
      // After the plan's last field, Enter is still taken: it would split the field or start a line in it.
      Enter: ({ editor }) => (fieldAtCursor(editor) ? moveToNextField(editor) || true : false),
      'Mod-a': ({ editor }) => selectField(editor),
      Tab: ({ editor }) => tabOn(editor, 1),
      'Shift-Tab': ({ editor }) => tabOn(editor, -1),
    }
  },
})
