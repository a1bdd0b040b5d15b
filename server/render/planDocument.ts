// A plan's Y.Doc (live, or rebuilt from a snapshot's stored state) as the ProseMirror JSON renderers read.
import * as Y from 'yjs'
import type { JSONContent } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import { serverDoc } from '../collab/serverDoc.ts'

/** The document as JSON, checked against the schema the editor uses. */
export function planDocumentJson(doc: Y.Doc, schema: Schema): JSONContent {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(PLAN_FRAGMENT), schema).toJSON() as JSONContent
}

/** The same, from a stored Yjs state (a snapshot). */
export function planDocumentJsonFromState(state: Uint8Array, schema: Schema): JSONContent {
  const doc = serverDoc({ gc: false })
  try {
    Y.applyUpdate(doc, state)
    return planDocumentJson(doc, schema)
  } finally {
    doc.destroy()
  }
}
