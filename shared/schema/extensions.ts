/**
 * The plan schema as a list of Tiptap extensions. The client's editor adds view-only extensions
 * (collaboration, carets, placeholders) on top; the server builds its ProseMirror schema from this same
 * list to create plans from templates and to read documents.
 */
import type { AnyExtension } from '@tiptap/core'
import { getSchema } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { TableKit } from '@tiptap/extension-table'

export function planExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // Collaborative undo comes from Yjs's UndoManager (the Collaboration extension), not ProseMirror's.
      undoRedo: false,
      link: { openOnClick: false, autolink: true, defaultProtocol: 'https', protocols: ['http', 'https', 'mailto'] },
    }),
    TableKit.configure({ table: { resizable: false } }),
  ]
}

export function planSchema() {
  return getSchema(planExtensions())
}
