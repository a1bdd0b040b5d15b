// Plans as ProseMirror JSON for tests that read them without an editor (comparing, rendering).
import type { JSONContent } from '@tiptap/core'
import { BLOCK_FIELDS, type BlockType } from '../../shared/schema/blockFields.ts'

/** A typed block: its id (padded to eight characters), attributes, field texts, then its child blocks. */
export function block(type: BlockType, id: string, attrs: Record<string, unknown> = {}, text: Record<string, string> = {}, children: JSONContent[] = []): JSONContent {
  const fields = BLOCK_FIELDS[type].map((name) => (text[name]
    ? { type: 'field', attrs: { name }, content: [{ type: 'text', text: text[name] }] }
    : { type: 'field', attrs: { name } }))
  return { type, attrs: { id: id.padEnd(8, '0'), ...attrs }, content: [...fields, ...children] }
}

export const p = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] })
export const h = (text: string): JSONContent => ({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text }] })
export const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content })
