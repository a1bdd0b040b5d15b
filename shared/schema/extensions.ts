/**
 * The plan schema as a list of Tiptap extensions. The client's editor adds view-only extensions
 * (collaboration, carets, node views) on top; the server builds its ProseMirror schema from this same
 * list to create plans from templates and to read documents.
 */
import type { AnyExtension } from '@tiptap/core'
import { getSchema } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { TableKit } from '@tiptap/extension-table'
import { BlockIntegrity } from './blockIntegrity.ts'
import { Action } from './nodes/action.ts'
import { Evidence } from './nodes/evidence.ts'
import { Field } from './nodes/field.ts'
import { Finding } from './nodes/finding.ts'
import { PlanDetails } from './nodes/planDetails.ts'
import { PlanDocument } from './nodes/planDocument.ts'
import { Priority } from './nodes/priority.ts'
import { ReviewPoint } from './nodes/reviewPoint.ts'
import { Target } from './nodes/target.ts'

export function planExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // The plan's own top node accepts the typed blocks as well as ordinary ones.
      document: false,
      // Collaborative undo comes from Yjs's UndoManager (the Collaboration extension), not ProseMirror's.
      undoRedo: false,
      link: { openOnClick: false, autolink: true, defaultProtocol: 'https', protocols: ['http', 'https', 'mailto'] },
    }),
    TableKit.configure({ table: { resizable: false } }),
    PlanDocument,
    Field,
    PlanDetails,
    Finding,
    Evidence,
    Target,
    Priority,
    Action,
    ReviewPoint,
    BlockIntegrity,
  ]
}

export function planSchema() {
  return getSchema(planExtensions())
}
