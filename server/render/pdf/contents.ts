// The contents page: the plan's headings (two levels) and its priorities, each with the page it starts on
// and a link to it. Built from the body's own anchors, so a line says exactly what the page shows.
import type { Content, TableCell } from 'pdfmake/interfaces'
import type { ContentsEntry } from './types.ts'

const INDENT = { 1: 0, 2: 14, 3: 28 } as const

export function contentsPage(entries: ContentsEntry[]): Content[] {
  const title: Content = { text: 'Contents', style: 'contentsTitle', pdfRole: 'H1' }
  if (entries.length === 0) {
    return [title, { text: 'This plan has no section headings yet.', style: 'small' }, { text: '', pageBreak: 'after' }]
  }
  const rows: TableCell[][] = entries.map((entry) => {
    const style = entry.level === 1 ? 'contentsEntry' : 'contentsSubEntry'
    const top = entry.level === 1 ? 5 : 1.5
    return [
      { text: entry.label, style, margin: [INDENT[entry.level], top, 0, 1.5], linkToDestination: entry.anchor },
      { pageReference: entry.anchor, style, alignment: 'right', margin: [0, top, 0, 1.5], linkToDestination: entry.anchor },
    ] as TableCell[]
  })
  return [
    title,
    { table: { widths: ['*', 'auto'], dontBreakRows: true, body: rows }, layout: 'noBorders', pdfRole: 'TOC' },
    { text: '', pageBreak: 'after' },
  ]
}
