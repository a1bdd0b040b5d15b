// The look of an exported plan: one place for sizes, colours, styles and table layouts, so every part of
// the document (cover, contents, body, blocks, footer) reads as one piece of print.
import type { CustomTableLayout, StyleDictionary } from 'pdfmake/interfaces'

export const PAGE = {
  size: 'A4' as const,
  // left, top, right, bottom in points (72 to the inch): about 2 cm at the sides, room for the footer.
  margins: [56, 60, 56, 64] as [number, number, number, number],
  /** A4 width less the side margins. */
  contentWidth: 595.28 - 56 * 2,
}

export const COLOURS = {
  ink: '#1b1f24',
  muted: '#5a6270',
  rule: '#c8ced6',
  accent: '#1d4e89',
  accentPale: '#e8eef6',
  headerFill: '#eef1f5',
  quoteBar: '#9aa7b8',
}

/**
 * RAG ratings are printed as a word on a pale fill, so a black-and-white copy still reads "Red",
 * "Amber" or "Green"; the fills are light enough for the word to stay legible.
 */
export const RAG_FILLS: Record<string, string> = {
  red: '#f6d3d0',
  amber: '#fbe3b8',
  green: '#d3ecd5',
  blue: '#d6e4f5',
}

export const STYLES: StyleDictionary = {
  body: { fontSize: 10.5, lineHeight: 1.25, color: COLOURS.ink },
  h1: { fontSize: 20, bold: true, color: COLOURS.accent, margin: [0, 12, 0, 8] },
  h2: { fontSize: 15, bold: true, color: COLOURS.accent, margin: [0, 14, 0, 6] },
  h3: { fontSize: 12.5, bold: true, color: COLOURS.ink, margin: [0, 10, 0, 4] },
  h4: { fontSize: 11, bold: true, color: COLOURS.ink, margin: [0, 8, 0, 3] },
  paragraph: { margin: [0, 0, 0, 6] },
  quote: { italics: true, color: COLOURS.muted },
  code: { fontSize: 9, color: COLOURS.ink },
  link: { color: COLOURS.accent, decoration: 'underline' },
  tableHeader: { bold: true, fontSize: 9.5, color: COLOURS.ink },
  tableCell: { fontSize: 9.5 },
  small: { fontSize: 8.5, color: COLOURS.muted },
  label: { fontSize: 8.5, bold: true, color: COLOURS.muted, characterSpacing: 0.3 },
  coverSchool: { fontSize: 14, color: COLOURS.muted, margin: [0, 0, 0, 6] },
  coverTitle: { fontSize: 28, bold: true, color: COLOURS.accent, lineHeight: 1.1, margin: [0, 0, 0, 10] },
  coverSubtitle: { fontSize: 13, color: COLOURS.ink, margin: [0, 0, 0, 4] },
  contentsTitle: { fontSize: 20, bold: true, color: COLOURS.accent, margin: [0, 0, 0, 16] },
  contentsEntry: { fontSize: 11 },
  contentsSubEntry: { fontSize: 10, color: COLOURS.muted },
  blockTitle: { fontSize: 11.5, bold: true, color: COLOURS.ink, margin: [0, 0, 0, 4] },
  reference: { bold: true, color: COLOURS.accent },
}

/** A plain, ruled table: horizontal lines only, a shaded header row, generous padding. */
export const TABLE_LAYOUTS: Record<string, CustomTableLayout> = {
  planTable: {
    hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0.8 : i === (node.table.headerRows ?? 0) ? 0.8 : 0.4),
    vLineWidth: () => 0,
    hLineColor: (i, node) => (i === 0 || i === node.table.body.length || i === (node.table.headerRows ?? 0) ? COLOURS.ink : COLOURS.rule),
    fillColor: (row, node) => (row < (node.table.headerRows ?? 0) ? COLOURS.headerFill : null),
    paddingLeft: () => 5,
    paddingRight: () => 5,
    paddingTop: () => 4,
    paddingBottom: () => 4,
  },
  /** A table as the author drew it: every cell ruled. */
  gridTable: {
    hLineWidth: () => 0.5,
    vLineWidth: () => 0.5,
    hLineColor: () => COLOURS.rule,
    vLineColor: () => COLOURS.rule,
    fillColor: (row, node) => (row < (node.table.headerRows ?? 0) ? COLOURS.headerFill : null),
    paddingLeft: () => 5,
    paddingRight: () => 5,
    paddingTop: () => 3,
    paddingBottom: () => 3,
  },
  /** Key-value details (cover, plan details): no lines. */
  detailsTable: {
    hLineWidth: () => 0,
    vLineWidth: () => 0,
    paddingLeft: () => 0,
    paddingRight: () => 10,
    paddingTop: () => 3,
    paddingBottom: () => 3,
  },
}
