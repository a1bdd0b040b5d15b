import { EditorContent, useEditor } from '@tiptap/react'
import type { JSONContent } from '@tiptap/core'
import { planExtensions } from '../../shared/schema/extensions.ts'
import { withBlockViews } from '../editor/blocks/index.ts'
import { PlanContext } from '../editor/blocks/planContext.tsx'
import { usePlanContext } from '../editor/usePlanContext.ts'

const ignore = () => {}

/**
 * A stored version of the plan (a snapshot or an automatic version) shown with the editor's own blocks and
 * layout, read-only and with no live connection: the editor's block views over the stored JSON. Its figures
 * (RAG ratings worked out from dates, overdue actions) are those of `takenAt`, the day it was kept.
 */
export function ReadOnlyPlan({ content, label, takenAt }: { content: JSONContent; label: string; takenAt: string }) {
  const editor = useEditor(
    {
      extensions: withBlockViews(planExtensions()),
      content,
      editable: false,
      editorProps: {
        attributes: { class: 'plan-content', role: 'document', 'aria-label': label },
      },
    },
    [content],
  )
  const plan = usePlanContext(editor, false, ignore, takenAt)
  return (
    <PlanContext.Provider value={plan}>
      <div className="plan-editor__page read-only-plan">
        <EditorContent editor={editor} />
      </div>
    </PlanContext.Provider>
  )
}
