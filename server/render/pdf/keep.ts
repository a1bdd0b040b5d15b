/**
 * Keeping content together on a page, safely. pdfmake never breaks an unbreakable block, a row of a table
 * with `dontBreakRows`, or a table's header rows with the rows kept with them (`keepWithHeaderRows`); and
 * of such a block taller than a page it prints only the first page, dropping the rest without a word (its
 * PageElementWriter: "no support for multi-page unbreakableBlocks"). A finding of 900 words lost its last
 * third that way. So content is kept together only when it surely fits on a page; otherwise it flows on
 * to the next one, as any long text does.
 *
 * pdfmake measures only while it lays out, so this estimates instead, and generously: a character as 6 pt
 * wide (Roboto averages about 5 at 10.5 pt), a line of text as 15.5 pt high (body text; table text is
 * smaller), a table row as high as its tallest cell plus its padding, each column as wide as its share of
 * the page, and a page as 650 pt of the 718 between its margins. What it keeps together fits; some of what
 * it lets flow would have fitted, and then breaks where it would have broken anyway.
 */
import { PAGE } from './theme.ts'

const CHAR_WIDTH = 6
const LINE_HEIGHT = 15.5
const PAGE_HEIGHT = 650
/** A table cell's padding, and a stacked element's margins, at most. */
const ROW_PADDING = 12
const SPACING = 4

/** Whether all of `contents`, one under another, surely fits on one page. */
export function fitsOnAPage(...contents: unknown[]): boolean {
  let height = 0
  for (const content of contents) {
    height += heightOf(content, PAGE.contentWidth)
    if (height > PAGE_HEIGHT) return false
  }
  return true
}

function heightOf(node: unknown, width: number): number {
  if (node === null || node === undefined) return 0
  if (typeof node === 'string' || typeof node === 'number') return textHeight(String(node), width)
  if (Array.isArray(node)) return node.reduce((sum: number, child) => sum + heightOf(child, width), 0)
  if (typeof node !== 'object') return 0
  const content = node as Record<string, unknown>
  // (A heading's larger type and margins: about two lines more.)
  if ('text' in content) return textHeight(inlineText(content.text), width) + SPACING + (typeof content.style === 'string' && /^h\d/.test(content.style) ? 2 * LINE_HEIGHT : 0)
  if (Array.isArray(content.stack)) return heightOf(content.stack, width)
  // (A list's items are indented by their markers.)
  if (Array.isArray(content.ul)) return heightOf(content.ul, width - 15)
  if (Array.isArray(content.ol)) return heightOf(content.ol, width - 20)
  const columns = content.columns
  if (Array.isArray(columns)) return Math.max(0, ...columns.map((column) => heightOf(column, width / columns.length)))
  const table = content.table as { body?: unknown[][]; widths?: unknown[] } | undefined
  if (table && Array.isArray(table.body)) return tableHeight(table.body, table.widths, width)
  // A picture, a drawing: a quarter of a page, to be safe; anything else, a line.
  return 'image' in content || 'canvas' in content || 'svg' in content ? PAGE_HEIGHT / 4 : LINE_HEIGHT
}

function tableHeight(body: unknown[][], widths: unknown[] | undefined, width: number): number {
  const columns = Math.max(1, ...body.map((row) => (Array.isArray(row) ? row.length : 1)))
  const fixed = (widths ?? []).reduce((sum: number, w) => sum + (typeof w === 'number' ? w : 0), 0)
  const stars = (widths ?? []).filter((w) => typeof w !== 'number').length || (widths ? 0 : columns)
  const star = Math.max(40, (width - fixed) / Math.max(1, stars))
  const columnWidth = (index: number) => {
    const w = widths?.[index]
    return (typeof w === 'number' ? w : star) - ROW_PADDING
  }
  let height = 0
  for (const row of body) {
    if (!Array.isArray(row)) continue
    let tallest = 0
    row.forEach((cell, index) => {
      // A cell spanning columns is as wide as they are together.
      const span = cell && typeof cell === 'object' && typeof (cell as { colSpan?: unknown }).colSpan === 'number' ? (cell as { colSpan: number }).colSpan : 1
      let cellWidth = 0
      for (let c = index; c < index + span; c++) cellWidth += columnWidth(c) + (c > index ? ROW_PADDING : 0)
      tallest = Math.max(tallest, heightOf(cell, Math.max(20, cellWidth)))
    })
    height += tallest + ROW_PADDING
  }
  return height
}

/** Inline runs (a string, or an array of strings and `{ text }` runs, nested) as one string. */
function inlineText(text: unknown): string {
  if (typeof text === 'string' || typeof text === 'number') return String(text)
  if (Array.isArray(text)) return text.map(inlineText).join('')
  if (text && typeof text === 'object' && 'text' in text) return inlineText((text as { text: unknown }).text)
  return ''
}

function textHeight(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width / CHAR_WIDTH))
  let lines = 0
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(line.length / perLine))
  return lines * LINE_HEIGHT
}
