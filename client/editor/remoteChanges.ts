/**
 * Changes that reach this page through Yjs (other people's, and undo and redo) are finished work: the typing
 * aids that react to what is typed here must not run over them again on every page. Autolink would turn
 * someone else's address into a link a second time on each page, and it would scan the whole plan at each
 * of their keystrokes, since y-prosemirror hands ProseMirror a change from Yjs as a replacement of the
 * whole document.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'

export function markRemoteChange(tr: Transaction): void {
  if ((tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin) tr.setMeta('preventAutolink', true)
}

export const RemoteChanges = Extension.create({
  name: 'remoteChanges',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('remoteChanges'),
        // (The one hook that sees a transaction before any plugin's appendTransaction reads it.)
        filterTransaction(tr) {
          markRemoteChange(tr)
          return true
        },
      }),
    ]
  },
})
