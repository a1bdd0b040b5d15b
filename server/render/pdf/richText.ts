// The editor's rich text (StarterKit and tables) as pdfmake content: headings, paragraphs, marks and
// links, bullet and numbered lists, block quotes, code, rules and tables, as written.
import type { JSONContent } from '@tiptap/core'
import type { Content, ContentText, TableCell } from 'pdfmake/interfaces'
import type { PdfRole } from './structure.ts'
import { plainText, printable, safeHref } from './text.ts'
import { COLOURS, PAGE } from './theme.ts'
import type { RenderContext } from './types.ts'

/** Renders a child block: given by the body, so rich text can hold whatever the body knows how to draw. */
export type RenderBlock = (node: JSONContent, ctx: RenderContext) => Content[]

export const RICH_TEXT_TYPES = new Set([
  'paragraph', 'heading', 'bulletList', 'orderedList', 'listItem', 'blockquote', 'codeBlock', 'horizontalRule', 'table',
])

/** Headings of these levels are listed on the contents page. */
const CONTENTS_LEVELS = new Set([1, 2])

/** Inline content (text with marks, hard breaks) as pdfmake text runs. */
export function inlineRuns(nodes: JSONContent[] | undefined): ContentText[] {
  const runs: ContentText[] = []
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') {
      runs.push({ text: '\n' })
      continue
    }
    if (node.type !== 'text') {
      // An inline node the renderer does not know: keep its words.
      const text = plainText(node)
      if (text) runs.push({ text: printable(text) })
      continue
    }
    const run: ContentText = { text: printable(node.text ?? '') }
    const decorations: ('underline' | 'lineThrough')[] = []
    for (const mark of node.marks ?? []) {
      switch (mark.type) {
        case 'bold': run.bold = true; break
        case 'italic': run.italics = true; break
        case 'underline': decorations.push('underline'); break
        case 'strike': decorations.push('lineThrough'); break
        case 'code': run.background = COLOURS.headerFill; break
        case 'link': {
          const href = safeHref(mark.attrs?.href)
          if (href) {
            run.link = href
            run.color = COLOURS.accent
            if (!decorations.includes('underline')) decorations.push('underline')
          }
          break
        }
      }
    }
    // pdfmake draws one decoration per run; underline wins (links are underlined).
    if (decorations.length > 0) run.decoration = decorations.includes('underline') ? 'underline' : 'lineThrough'
    runs.push(run)
  }
  return runs
}

export function paragraph(node: JSONContent): Content[] {
  const runs = inlineRuns(node.content)
  // The editor's empty paragraphs are spacing on screen; on paper the margins already give it.
  if (runs.every((run) => typeof run.text === 'string' && run.text.trim() === '')) return []
  return [{ text: runs, style: 'paragraph', pdfRole: 'P' }]
}

export function heading(node: JSONContent, ctx: RenderContext): Content[] {
  const level = Math.min(Math.max(Number(node.attrs?.level ?? 1), 1), 4)
  const text = plainText(node).trim()
  if (!text) return []
  const inContents = CONTENTS_LEVELS.has(level)
  const anchor = inContents ? ctx.nextId('heading') : null
  if (anchor) ctx.contents.push({ level: level as 1 | 2, label: printable(text), anchor })
  return [{
    text: inlineRuns(node.content),
    style: `h${level}`,
    pdfRole: `H${level}` as PdfRole,
    ...(anchor ? { id: anchor, outline: true, outlineText: printable(text) } : {}),
  } as Content]
}

/**
 * Paragraph margins are for the page; inside a list item or a table cell the last one would leave a gap,
 * so its bottom margin shrinks to `bottom`.
 */
function tighten(parts: Content[], bottom: number): Content[] {
  const last = parts[parts.length - 1]
  if (last && typeof last === 'object' && !Array.isArray(last) && 'style' in last && last.style === 'paragraph') {
    parts[parts.length - 1] = { ...last, margin: [0, 0, 0, bottom] } as Content
  }
  return parts
}

function listItems(node: JSONContent, ctx: RenderContext, renderBlock: RenderBlock): Content[] {
  return (node.content ?? []).map((item) => {
    const parts = tighten((item.content ?? []).flatMap((child) => renderBlock(child, ctx)), 3)
    if (parts.length === 0) return { text: ' ' }
    return parts.length === 1 ? parts[0] : { stack: parts }
  })
}

export function bulletList(node: JSONContent, ctx: RenderContext, renderBlock: RenderBlock): Content[] {
  return [{ ul: listItems(node, ctx, renderBlock), margin: [0, 0, 0, 6], markerColor: COLOURS.muted }]
}

export function orderedList(node: JSONContent, ctx: RenderContext, renderBlock: RenderBlock): Content[] {
  const start = Number(node.attrs?.start ?? 1)
  return [{ ol: listItems(node, ctx, renderBlock), start: Number.isFinite(start) ? start : 1, margin: [0, 0, 0, 6] }]
}

export function blockquote(node: JSONContent, ctx: RenderContext, renderBlock: RenderBlock): Content[] {
  const inner = tighten((node.content ?? []).flatMap((child) => renderBlock(child, ctx)), 0)
  if (inner.length === 0) return []
  return [{
    table: { widths: ['*'], body: [[{ stack: inner, style: 'quote', pdfRole: 'BlockQuote' }]] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? 2.5 : 0),
      vLineColor: () => COLOURS.quoteBar,
      paddingLeft: () => 12,
      paddingRight: () => 0,
      paddingTop: () => 2,
      paddingBottom: () => 0,
    },
    margin: [0, 2, 0, 8],
  }]
}

export function codeBlock(node: JSONContent): Content[] {
  return [{
    table: { widths: ['*'], body: [[{ text: printable(plainText(node)), style: 'code', preserveLeadingSpaces: true }]] },
    layout: { hLineWidth: () => 0, vLineWidth: () => 0, fillColor: () => COLOURS.headerFill, paddingLeft: () => 8, paddingRight: () => 8, paddingTop: () => 6, paddingBottom: () => 6 },
    margin: [0, 2, 0, 8],
  }]
}

export function horizontalRule(): Content[] {
  return [{ canvas: [{ type: 'line', x1: 0, y1: 0, x2: PAGE.contentWidth, y2: 0, lineWidth: 0.6, lineColor: COLOURS.rule }], margin: [0, 6, 0, 10] }]
}

/**
 * A table as the author drew it. Leading rows made only of header cells repeat at the top of every page
 * the table runs onto. Merged cells keep their spans; pdfmake wants a placeholder for every covered cell.
 */
export function table(node: JSONContent, ctx: RenderContext, renderBlock: RenderBlock): Content[] {
  const rows = (node.content ?? []).filter((row) => row.type === 'tableRow')
  if (rows.length === 0) return []
  const grid: TableCell[][] = rows.map(() => [])
  const covered = new Set<string>()
  let columns = 0
  let firstRowWidths: number[] = []
  rows.forEach((row, r) => {
    let c = 0
    for (const cell of row.content ?? []) {
      while (covered.has(`${r}:${c}`)) c++
      const colspan = Math.max(1, Number(cell.attrs?.colspan ?? 1))
      const rowspan = Math.min(Math.max(1, Number(cell.attrs?.rowspan ?? 1)), rows.length - r)
      const inner = tighten((cell.content ?? []).flatMap((child) => renderBlock(child, ctx)), 0)
      const header = cell.type === 'tableHeader'
      grid[r][c] = {
        stack: inner.length > 0 ? inner : [{ text: ' ' }],
        style: header ? 'tableHeader' : 'tableCell',
        ...(colspan > 1 ? { colSpan: colspan } : {}),
        ...(rowspan > 1 ? { rowSpan: rowspan } : {}),
      } as TableCell
      if (r === 0) {
        const widths = Array.isArray(cell.attrs?.colwidth) ? (cell.attrs.colwidth as number[]) : []
        for (let k = 0; k < colspan; k++) firstRowWidths.push(Number(widths[k]) || 0)
      }
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) if (dr > 0 || dc > 0) covered.add(`${r + dr}:${c + dc}`)
      }
      c += colspan
    }
    columns = Math.max(columns, c)
  })
  // Fill covered and missing cells so every row is as wide as the widest.
  grid.forEach((cells, r) => {
    for (let c = 0; c < columns; c++) if (!cells[c]) cells[c] = covered.has(`${r}:${c}`) ? {} : { text: ' ' }
  })
  let headerRows = 0
  while (headerRows < rows.length && (rows[headerRows].content ?? []).every((cell) => cell.type === 'tableHeader')) headerRows++
  if (headerRows === rows.length) headerRows = 0
  firstRowWidths = firstRowWidths.slice(0, columns)
  const drawn = firstRowWidths.length === columns && firstRowWidths.every((width) => width > 0)
  const total = firstRowWidths.reduce((sum, width) => sum + width, 0)
  // Widths the author dragged in the editor keep their proportions; otherwise columns share the page.
  const widths = drawn ? firstRowWidths.map((width) => `${Math.floor((width / total) * 1000) / 10}%`) : Array.from({ length: columns }, () => '*')
  return [{
    table: { headerRows, keepWithHeaderRows: headerRows > 0 ? 1 : undefined, widths: widths as never, body: grid },
    layout: 'gridTable',
    pdfRole: 'Table',
    margin: [0, 2, 0, 10],
  } as Content]
}
