import { EditorContent, useEditor } from '@tiptap/react'
import type { JSONContent } from '@tiptap/core'
import { planExtensions } from '../../shared/schema/extensions.ts'

/**
 * A stored version of the plan (a snapshot or an automatic version) shown with the editor's own blocks and
 * layout, read-only and with no live connection: a plain Tiptap editor over the stored JSON.
 */
export function ReadOnlyPlan({ content, label }: { content: JSONContent; label: string }) {
  const editor = useEditor(
    {
      extensions: planExtensions(),
      content,
      editable: false,
      editorProps: {
        attributes: { class: 'plan-content', role: 'document', 'aria-label': label },
      },
    },
    [content],
  )
  return (
    <div className="plan-editor__page read-only-plan">
      <EditorContent editor={editor} />
    </div>
  )
}
