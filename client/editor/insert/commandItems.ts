/** What can be inserted from the toolbar's Insert menu and the "/" menu. */
import type { Editor } from '@tiptap/react'
import { BLOCK_TYPE_LABELS, type BlockType } from '../../../shared/schema/blockFields.ts'
import { canInsertBlock, insertBlock } from '../blocks/commands.ts'

export interface InsertItem {
  id: string
  label: string
  description: string
  /** Extra words the "/" menu matches. */
  keywords: string
  available(editor: Editor): boolean
  /** Inserts, first deleting `range` (the "/" and what was typed after it). */
  run(editor: Editor, range?: { from: number; to: number }): void
}

function block(type: BlockType, description: string, keywords: string): InsertItem {
  return {
    id: type, label: BLOCK_TYPE_LABELS[type], description, keywords,
    available: (editor) => canInsertBlock(editor, type),
    run: (editor, range) => { insertBlock(editor, type, range) },
  }
}

function text(id: string, label: string, description: string, keywords: string, apply: (editor: Editor) => void): InsertItem {
  return {
    id, label, description, keywords,
    available: (editor) => editor.isEditable,
    run: (editor, range) => {
      if (range) editor.chain().focus().deleteRange(range).run()
      apply(editor)
    },
  }
}

export const BLOCK_ITEMS: InsertItem[] = [
  block('planDetails', 'School, people, plan period and latest inspection', 'details school urn inspection'),
  block('finding', 'A strength or area for development, with root cause and evidence', 'diagnosis evidence strength weakness'),
  block('target', 'A measurable target with baseline, milestones and RAG status', 'measure kpi rag milestone'),
  block('priority', 'A priority with its actions, owners and deadlines', 'actions owner deadline'),
  block('action', 'Another action in this priority', 'task owner due'),
  block('evidence', 'Another item of evidence for this finding', 'lesson visit scrutiny voice'),
  block('reviewPoint', 'A review with a RAG rating of each priority', 'review monitoring rag governors'),
]

export const TEXT_ITEMS: InsertItem[] = [
  text('heading2', 'Section heading', 'A heading for a section of the plan', 'h2 title', (editor) => editor.chain().focus().setHeading({ level: 2 }).run()),
  text('heading3', 'Subheading', 'A smaller heading', 'h3', (editor) => editor.chain().focus().setHeading({ level: 3 }).run()),
  text('bulletList', 'Bullet list', 'A list with bullets', 'ul points', (editor) => editor.chain().focus().toggleBulletList().run()),
  text('orderedList', 'Numbered list', 'A numbered list', 'ol steps', (editor) => editor.chain().focus().toggleOrderedList().run()),
  text('table', 'Table', 'A 3 × 3 table with a header row', 'grid', (editor) => editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()),
]

export function matches(item: InsertItem, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean)
  const haystack = `${item.label} ${item.keywords}`.toLowerCase()
  return words.every((word) => haystack.split(/\s+/).some((candidate) => candidate.startsWith(word)))
}
