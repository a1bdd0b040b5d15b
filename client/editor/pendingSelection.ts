/**
 * Takes the caret a person has just placed before anything redraws the editor. A click (or an arrow key)
 * moves the browser's caret at once, but ProseMirror reads it only at the next `selectionchange` event.
 * A change drawn in between (another person's typing, or their caret moving) was drawn with the old
 * selection, which ProseMirror then put back in the page: the caret jumped back to where it had been,
 * often another block's field, the page scrolled back there, and what the person typed next went there
 * (y-prosemirror issue 146). So the selection in the page, when ProseMirror has not read it yet, is the
 * one y-tiptap keeps across someone else's change, and the one any other redrawing transaction carries.
 */
import { Extension } from '@tiptap/core'
import { Plugin, TextSelection, type EditorState, type Selection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { getRelativeSelection, ySyncPluginKey, type ProsemirrorBinding } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'

/** The selection the person has made in the page and ProseMirror has not read yet, or null. */
function unreadSelection(view: EditorView): Selection | null {
  if (!view.editable || view.composing || !view.hasFocus()) return null
  const page = (view.root as Document).getSelection?.() ?? document.getSelection()
  const { anchorNode, focusNode } = page ?? {}
  if (!page || !anchorNode || !focusNode || !view.dom.contains(anchorNode) || !view.dom.contains(focusNode)) return null
  try {
    const anchor = view.posAtDOM(anchorNode, page.anchorOffset)
    const head = view.posAtDOM(focusNode, page.focusOffset)
    const { doc, selection } = view.state
    if (anchor === selection.anchor && head === selection.head) return null
    // Only a caret or a range in text: ProseMirror reads any other kind itself, as before.
    if (!doc.resolve(anchor).parent.inlineContent || !doc.resolve(head).parent.inlineContent) return null
    return TextSelection.create(doc, anchor, head)
  } catch {
    return null
  }
}

export const PendingSelection = Extension.create({
  name: 'pendingSelection',

  addProseMirrorPlugins() {
    const extension = this
    return [
      new Plugin({
        view(view) {
          extension.storage.view = view
          const sync = ySyncPluginKey.getState(view.state) as { doc: Y.Doc; binding: ProsemirrorBinding } | undefined
          // Someone else's change: y-tiptap notes the selection (in Yjs terms) before the change, to put it
          // back after redrawing the plan; it must be the one the person has just made. (It reads only the
          // state's selection.)
          const beforeChange = (transaction: Y.Transaction) => {
            if (!sync || transaction.origin === ySyncPluginKey) return
            const selection = unreadSelection(view)
            if (selection) sync.binding.beforeTransactionSelection = getRelativeSelection(sync.binding, { selection } as EditorState)
          }
          sync?.doc.on('beforeTransaction', beforeChange)
          return {
            destroy() {
              sync?.doc.off('beforeTransaction', beforeChange)
              if (extension.storage.view === view) extension.storage.view = null
            },
          }
        },
      }),
    ]
  },

  addStorage() {
    return { view: null as EditorView | null }
  },

  // Any other transaction that keeps the selection it was made with (a remote caret's decoration moving,
  // say) carries the person's new selection instead. Left alone: those that set a selection, y-tiptap's
  // (above), and the one marking focus: while the editor takes focus, the page still holds the selection
  // the browser kept, which ProseMirror is about to replace.
  dispatchTransaction({ transaction, next }) {
    const view = this.storage.view
    const leave = transaction.selectionSet || transaction.getMeta(ySyncPluginKey) || transaction.getMeta('focus') || transaction.getMeta('blur')
    if (view && !leave) {
      const selection = unreadSelection(view)
      if (selection) transaction.setSelection(selection.map(transaction.doc, transaction.mapping))
    }
    next(transaction)
  },
})
