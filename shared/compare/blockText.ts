/**
 * A top-level block of a plan (ProseMirror JSON) as plain text for comparing: ordinary blocks as their
 * text; typed blocks as one line per field ("Measure: …") and per attribute people read ("Status: Done"),
 * with nested blocks (a priority's actions, a finding's evidence) after them. A review point's ratings
 * name the priorities they rate, which the block itself holds only by id: the plan's titles are passed in.
 */
import type { JSONContent } from '@tiptap/core'
import { FIELD_TEXT } from '../plan/fieldText.ts'
import { formatUkDate } from '../plan/dates.ts'
import { withUnit } from '../plan/units.ts'
import {
  ACTION_STATUS_LABELS, CONFIDENCE_LABELS, DIRECTION_LABELS, EVALUATION_AREA_LABELS, EVIDENCE_KIND_LABELS,
  FINDING_KIND_LABELS, PHASE_LABELS, RAG_LABELS,
} from '../plan/vocabulary.ts'
import { BLOCK_TYPE_LABELS, FIELD_NODE, isBlockType, type FieldName } from '../schema/blockFields.ts'

export const BLOCK_LABELS: Record<string, string> = {
  heading: 'Heading',
  paragraph: 'Paragraph',
  bulletList: 'List',
  orderedList: 'Numbered list',
  blockquote: 'Quotation',
  codeBlock: 'Code',
  table: 'Table',
  horizontalRule: 'Divider',
  ...BLOCK_TYPE_LABELS,
}

type Attrs = Record<string, unknown>
const label = (labels: Record<string, string>, value: unknown) => (typeof value === 'string' ? labels[value] ?? '' : '')
const date = (value: unknown) => formatUkDate(typeof value === 'string' ? value : null)
const num = (value: unknown, attrs: Attrs) =>
  typeof value === 'number' && Number.isFinite(value) ? withUnit(String(value), typeof attrs.unit === 'string' ? attrs.unit : '') : ''

/** The attribute lines shown for each typed block, in order: [label, value]. */
const ATTRIBUTE_LINES: Record<string, (attrs: Attrs) => [string, string][]> = {
  planDetails: (a) => [
    ['Phase', label(PHASE_LABELS, a.phase)],
    ['Plan period', [date(a.periodStart), date(a.periodEnd)].filter(Boolean).join(' to ')],
    ['Inspection date', date(a.inspectionDate)],
  ],
  finding: (a) => [
    ['Kind', label(FINDING_KIND_LABELS, a.kind)],
    ['Area', label(EVALUATION_AREA_LABELS, a.area)],
    ['Confidence', label(CONFIDENCE_LABELS, a.confidence)],
    ['In the plan', a.inPlan === false ? 'No' : 'Yes'],
  ],
  evidence: (a) => [['Kind', label(EVIDENCE_KIND_LABELS, a.kind)], ['Date', date(a.date)]],
  target: (a) => [
    ['Direction', label(DIRECTION_LABELS, a.direction)],
    ['Baseline', [num(a.baselineValue, a), date(a.baselineDate)].filter(Boolean).join(' on ')],
    ['Autumn milestone', num(a.milestoneAutumn, a)],
    ['Spring milestone', num(a.milestoneSpring, a)],
    ['Summer milestone', num(a.milestoneSummer, a)],
    ['Target', [num(a.targetValue, a), date(a.targetDate)].filter(Boolean).join(' by ')],
    ['Current value', num(a.currentValue, a)],
    ['Manual RAG', label(RAG_LABELS, a.ragOverride)],
  ],
  action: (a) => [
    ['Status', label(ACTION_STATUS_LABELS, a.status)],
    ['Start', date(a.start)],
    ['Due', date(a.due)],
  ],
  reviewPoint: (a) => [['Date', date(a.date)]],
}

/** The inline text of a node: text, line breaks as "\n", block children on their own lines. */
export function inlineText(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  const children = node.content ?? []
  if (node.type === 'tableRow') return children.map(inlineText).join(' | ')
  const inline = children.every((child) => child.type === 'text' || child.type === 'hardBreak')
  return children.map(inlineText).join(inline ? '' : '\n')
}

/** Each priority's title by id, in the plan's order: read from the plan's top-level blocks. */
export function priorityTitles(doc: JSONContent): Map<string, string> {
  const titles = new Map<string, string>()
  for (const node of doc.content ?? []) {
    const id = node.attrs?.id
    if (node.type !== 'priority' || typeof id !== 'string' || titles.has(id)) continue
    const title = (node.content ?? []).find((child) => child.type === FIELD_NODE && child.attrs?.name === 'title')
    titles.set(id, (title ? inlineText(title).trim() : '') || 'A priority with no title')
  }
  return titles
}

/** "RAG for <priority>: Amber", a line per priority the review rates, in the plan's order. */
function ratingLines(attrs: Attrs, titles: Map<string, string>): string[] {
  const ratings = attrs.priorityRag
  if (!ratings || typeof ratings !== 'object') return []
  const order = [...titles.keys()]
  const at = (id: string) => { const index = order.indexOf(id); return index < 0 ? order.length : index }
  return Object.entries(ratings as Record<string, unknown>)
    .filter(([, rag]) => label(RAG_LABELS, rag))
    .sort(([a], [b]) => at(a) - at(b))
    .map(([id, rag]) => `RAG for ${titles.get(id) ?? 'a priority no longer in the plan'}: ${label(RAG_LABELS, rag)}`)
}

export function blockText(node: JSONContent, titles: Map<string, string> = new Map()): string {
  const type = node.type ?? ''
  if (!isBlockType(type)) return inlineText(node)
  const lines: string[] = []
  const attrs = (node.attrs ?? {}) as Attrs
  for (const child of node.content ?? []) {
    if (child.type === FIELD_NODE) {
      const name = (child.attrs?.name ?? '') as FieldName
      const text = inlineText(child).trim()
      if (text) lines.push(`${FIELD_TEXT[name]?.label ?? name}: ${text}`)
    }
  }
  for (const [name, value] of ATTRIBUTE_LINES[type]?.(attrs) ?? []) if (value) lines.push(`${name}: ${value}`)
  if (type === 'reviewPoint') lines.push(...ratingLines(attrs, titles))
  for (const child of node.content ?? []) {
    if (child.type !== FIELD_NODE) lines.push(`${BLOCK_LABELS[child.type ?? ''] ?? child.type}\n${blockText(child, titles)}`)
  }
  return lines.join('\n')
}

/** A short name for a block: its kind and, for typed blocks, their first field. */
export function blockLabel(node: JSONContent): string {
  const type = node.type ?? ''
  const kind = BLOCK_LABELS[type] ?? 'Block'
  if (!isBlockType(type)) return type === 'heading' ? `${kind} ${String(node.attrs?.level ?? '')}`.trim() : kind
  const first = (node.content ?? []).find((child) => child.type === FIELD_NODE)
  const text = first ? inlineText(first).trim() : ''
  return text ? `${kind}: ${text.length > 80 ? `${text.slice(0, 79)}…` : text}` : kind
}
