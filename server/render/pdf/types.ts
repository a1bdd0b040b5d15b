// What the PDF renderer is given: a plan's document, its metadata and what the copy is (live or a snapshot).
import type { JSONContent } from '@tiptap/core'
import type { References } from './references.ts'

/** Whether the PDF is the live draft or a snapshot; printed on the cover and in every footer. */
export type PdfLabel =
  | { kind: 'live'; exportedAt: Date | string }
  | { kind: 'snapshot'; name: string; takenAt: Date | string; approvedBy?: string[] }

export interface PdfPlanMetadata {
  title: string
  schoolName: string
  /** Shown on the cover when the document's plan details block does not say. */
  ownerName?: string
}

export interface PlanPdfInput {
  /** The plan's ProseMirror document (`content` fragment) as JSON, e.g. `node.toJSON()`. */
  doc: JSONContent
  plan: PdfPlanMetadata
  label: PdfLabel
  /** "Now" for overdue actions: the export time for a live plan, the snapshot time for a snapshot. */
  asOf?: Date | string
}

/** A line of the contents page: what it says and the anchor whose page it gives. */
export interface ContentsEntry {
  level: 1 | 2 | 3
  label: string
  anchor: string
}

/** What a part of the body needs while it is being built. */
export interface RenderContext {
  /** Lines of the contents page, in document order; each part adds its own. */
  contents: ContentsEntry[]
  /** Ids for anchors (headings, blocks) must be unique within one PDF. */
  nextId(prefix: string): string
  /** The moment "overdue" is judged against. */
  asOf: Date
  /** Short references (F1, T2, P1.3) of the plan's blocks. */
  references: References
}
