// The cover page: school, plan title, period, the people who lead it, and which copy this is.
import type { Content, TableCell } from 'pdfmake/interfaces'
import { ukDateTime } from '../../../shared/plan/dates.ts'
import { printable } from './text.ts'
import { COLOURS, PAGE } from './theme.ts'
import type { PdfLabel } from './types.ts'

export interface CoverDetails {
  schoolName: string
  title: string
  /** e.g. "September 2026 to July 2027" */
  period?: string
  visitingLeader?: string
  headteacher?: string
  /** Extra label/value rows from the plan details block. */
  extra?: { label: string; value: string }[]
}

export function coverPage(details: CoverDetails, label: PdfLabel): Content[] {
  const rows: TableCell[][] = []
  const row = (name: string, value: string | undefined) => {
    if (value && value.trim()) rows.push([{ text: name.toUpperCase(), style: 'label', margin: [0, 1.5, 0, 0], pdfRole: 'TH' }, { text: printable(value.trim()), fontSize: 11 }])
  }
  row('Plan period', details.period)
  row('Visiting leader', details.visitingLeader)
  row('Headteacher', details.headteacher)
  for (const item of details.extra ?? []) row(item.label, item.value)
  if (label.kind === 'snapshot') {
    row('Snapshot', label.name)
    row('Taken', ukDateTime(label.takenAt))
    if (label.approvedBy && label.approvedBy.length > 0) row('Approved by', formatNames(label.approvedBy))
  } else {
    row('Version', 'Live draft: not a signed-off copy')
    row('Exported', ukDateTime(label.exportedAt))
  }

  return [
    // A band of colour across the top of the cover.
    { canvas: [{ type: 'rect', x: -PAGE.margins[0], y: -PAGE.margins[1], w: 595.28, h: 14, color: COLOURS.accent }] },
    { text: printable(details.schoolName), style: 'coverSchool', margin: [0, 120, 0, 6] },
    { text: 'School improvement plan', style: 'label', fontSize: 10, margin: [0, 0, 0, 8] },
    { text: printable(details.title), style: 'coverTitle', pdfRole: 'H1' },
    ...(details.period ? [{ text: printable(details.period), style: 'coverSubtitle' } as Content] : []),
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 120, y2: 0, lineWidth: 2, lineColor: COLOURS.accent }], margin: [0, 18, 0, 22] },
    // A table with a label (row header) and a value on each row.
    { table: { widths: [110, '*'], body: rows }, layout: 'detailsTable', pdfRole: 'Table' },
    { text: '', pageBreak: 'after' },
  ]
}

/** "A, B and C" */
export function formatNames(names: string[]): string {
  const clean = names.map((name) => name.trim()).filter(Boolean)
  if (clean.length <= 1) return clean.join('')
  return `${clean.slice(0, -1).join(', ')} and ${clean[clean.length - 1]}`
}
