/**
 * Layout of a plan's Y.Doc, for other Yjs tools and scripts:
 * - `content` (Y.XmlFragment): the plan's body as Tiptap/ProseMirror nodes (see schema/extensions.ts);
 *   element names are the node type names, attributes are node attributes, marks are text formatting.
 * Plan metadata (title, school, members) is not in the document: it lives in the metadata store and is
 * served by the HTTP API.
 */
export const PLAN_FRAGMENT = 'content'
