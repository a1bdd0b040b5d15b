// A plan's first content, made on the server from a template: the client never seeds a document.
import * as Y from 'yjs'
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import type { JSONContent } from '@tiptap/core'
import { serverDoc } from '../collab/serverDoc.ts'
import { planSchema } from '../../shared/schema/extensions.ts'
import { fillEmptyFields } from '../../shared/schema/fieldTexts.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'

let schema: ReturnType<typeof planSchema> | null = null

/** The schema, built once: building it walks every extension. */
export function schemaForServer() {
  schema ??= planSchema()
  return schema
}

/**
 * Encodes ProseMirror JSON as a Yjs update of a fresh plan document, each empty field with its text (see
 * fieldTexts.ts). Throws if it breaks the schema.
 */
export function contentUpdate(content: JSONContent): Uint8Array {
  const node = schemaForServer().nodeFromJSON(content)
  node.check()
  const doc = serverDoc()
  const fragment = doc.getXmlFragment(PLAN_FRAGMENT)
  prosemirrorJSONToYXmlFragment(schemaForServer(), node.toJSON(), fragment)
  fillEmptyFields(fragment)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
