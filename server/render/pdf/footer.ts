// Running header and footer: the school at the top; the plan, which copy it is and the page at the foot.
// The cover carries neither.
import type { DynamicContent } from 'pdfmake/interfaces'
import { ukLongDate } from '../../../shared/plan/dates.ts'
import { printable } from './text.ts'
import { COLOURS, PAGE } from './theme.ts'
import type { PdfLabel } from './types.ts'

export function footerText(label: PdfLabel): string {
  return label.kind === 'snapshot'
    ? `Snapshot of ${ukLongDate(label.takenAt)}: ${label.name}`
    : `Live draft exported ${ukLongDate(label.exportedAt)}`
}

export function pageFooter(planTitle: string, label: PdfLabel): DynamicContent {
  const copy = printable(footerText(label))
  const title = printable(planTitle)
  return (currentPage, pageCount) => {
    // The cover's foot says only which copy this is.
    if (currentPage === 1) return { text: copy, fontSize: 8, color: COLOURS.muted, margin: [PAGE.margins[0], 30, PAGE.margins[2], 0] }
    return {
      margin: [PAGE.margins[0], 18, PAGE.margins[2], 0],
      stack: [
        { canvas: [{ type: 'line', x1: 0, y1: 0, x2: PAGE.contentWidth, y2: 0, lineWidth: 0.5, lineColor: COLOURS.rule }] },
        {
          margin: [0, 5, 0, 0],
          columns: [
            { width: '*', stack: [{ text: title, bold: true }, { text: copy }], fontSize: 8, color: COLOURS.muted },
            { width: 'auto', text: `Page ${currentPage} of ${pageCount}`, fontSize: 8, color: COLOURS.muted, alignment: 'right' },
          ],
        },
      ],
    }
  }
}

export function pageHeader(schoolName: string): DynamicContent {
  const school = printable(schoolName)
  return (currentPage) => {
    if (currentPage === 1) return null
    return { text: school, fontSize: 8, color: COLOURS.muted, alignment: 'right', margin: [PAGE.margins[0], 28, PAGE.margins[2], 0] }
  }
}
