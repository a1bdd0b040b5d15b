// Reading exported PDFs in tests with poppler-utils: text (pdftotext), page count, metadata and the tagged
// structure (pdfinfo), pictures (pdftoppm); and, by hand, the catalog and what each page draws untagged.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'

export const PDF_RESULTS_DIR = join(process.cwd(), 'test-results', 'pdf')

/** Saves the PDF under test-results/pdf/ and returns its path. */
export function savePdf(name: string, bytes: Buffer): string {
  mkdirSync(PDF_RESULTS_DIR, { recursive: true })
  const file = join(PDF_RESULTS_DIR, `${name}.pdf`)
  writeFileSync(file, bytes)
  return file
}

/** The text of pages `first` to `last` (all by default), whitespace collapsed to single spaces. */
export function pdfText(file: string, first?: number, last?: number): string {
  const args = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : []), '-enc', 'UTF-8', file, '-']
  return execFileSync('pdftotext', args, { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

export function pdfPages(file: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
}

/** Renders pages `first` to `last` as PNGs beside the PDF (name-1.png, ...), for people to look at. */
export function renderPages(file: string, first: number, last: number, dpi = 80): void {
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(first), '-l', String(last), file, file.replace(/\.pdf$/, '')])
}

/** pdfinfo's fields ("Tagged", "Title", "PDF version"…). */
export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' })
  return Object.fromEntries([...out.matchAll(/^([^:\n]+):\s*(.*)$/gm)].map((m) => [m[1], m[2]]))
}

/** An element of a tagged PDF's structure tree, as `pdfinfo -struct-text` prints it. */
export interface PdfElement {
  role: string
  attributes: Record<string, string>
  /** Its own text (each run of marked content) and child elements, in order. */
  content: (string | PdfElement)[]
}

/** The structure tree (its root, Document), or null for an untagged PDF. */
export function pdfStructure(file: string): PdfElement | null {
  const out = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' })
  const stack: { depth: number; element: PdfElement }[] = []
  let root: PdfElement | null = null
  for (const line of out.split('\n')) {
    const depth = line.length - line.trimStart().length
    const text = line.trim()
    if (!text || /^Object \d+ \d+$/.test(text)) continue // a link's annotation
    while (stack.length > 0 && stack[stack.length - 1].depth >= depth) stack.pop()
    const parent = stack[stack.length - 1]?.element
    const quoted = /^"(.*)"$/s.exec(text)
    const attribute = /^\/(\w+) \/?(.*)$/.exec(text)
    if (quoted) parent?.content.push(quoted[1])
    else if (attribute && parent) parent.attributes[attribute[1]] = attribute[2]
    else {
      const element: PdfElement = { role: text.replace(/ \((block|inline)\)/, '').replace(/:$/, ''), attributes: {}, content: [] }
      if (parent) parent.content.push(element)
      else root ??= element
      stack.push({ depth, element })
    }
  }
  return root
}

/** The element's text, its children's included. */
export function elementText(element: PdfElement): string {
  return element.content.map((part) => (typeof part === 'string' ? part : elementText(part))).join('')
}

/** Every element under `element` (itself included), in document order, that `test` accepts. */
export function findElements(element: PdfElement, test: (element: PdfElement) => boolean): PdfElement[] {
  const found = test(element) ? [element] : []
  for (const part of element.content) if (typeof part !== 'string') found.push(...findElements(part, test))
  return found
}

/** The document catalog's dictionary, as written (pdfkit writes it uncompressed). */
export function pdfCatalog(file: string): string {
  const catalog = /<<\n\/Type \/Catalog\n[\s\S]*?\n>>/.exec(readFileSync(file, 'latin1'))
  if (!catalog) throw new Error(`no catalog found in ${file}`)
  return catalog[0]
}

/**
 * What a tagged PDF's pages draw that a screen reader would trip over: text or shapes outside any marked
 * content (in a tagged PDF everything is a structure element's content or an artifact), and shapes (rules,
 * fills, underlines) inside an element's content rather than as artifacts. Empty when all is well. (Reads
 * pdfkit's own layout of objects: page dictionaries and content streams as pdfkit writes them.)
 */
export function untaggedDrawing(file: string): string[] {
  const pdf = readFileSync(file)
  const text = pdf.toString('latin1')
  const found: string[] = []
  const pages = [...text.matchAll(/\/Type \/Page\n[^>]*?\/Contents (\d+) 0 R/g)].map((m) => Number(m[1]))
  if (pages.length === 0) throw new Error(`no pages found in ${file}`)
  pages.forEach((id, index) => {
    const page = `page ${index + 1}`
    const object = new RegExp(`(?:^|\\n)${id} 0 obj\\n<<([\\s\\S]*?)>>\\nstream\\n`).exec(text)
    if (!object) throw new Error(`${page}: its content stream was not found`)
    const length = Number(/\/Length (\d+)/.exec(object[1])![1])
    const start = object.index + object[0].length
    const raw = pdf.subarray(start, start + length)
    const stream = (object[1].includes('/FlateDecode') ? inflateSync(raw) : raw).toString('latin1')
    // Strings and dictionaries first (they may hold anything), then operators one by one.
    const tokens = stream.replace(/\((?:\\.|[^\\)])*\)|<<[\s\S]*?>>|<[0-9a-fA-F\s]*>/g, ' x ').split(/[\s[\]]+/)
    const marked: string[] = [] // the tags of the open marked content, innermost last
    let path = false
    tokens.forEach((token, i) => {
      if (token === 'BDC') marked.push(tokens[i - 2])
      else if (token === 'BMC') marked.push(tokens[i - 1])
      else if (token === 'EMC' && !marked.pop()) throw new Error(`${page}: more EMC than BDC`)
      else if (PATH.has(token)) path = true
      else if (token === 'n') path = false
      else if (TEXT.has(token) || (PAINT.has(token) && path)) {
        // (pdfmake sets each word's colour with a fill that has no path: it paints nothing.)
        if (marked.length === 0) found.push(`${page}: ${token} outside marked content`)
        else if (!TEXT.has(token) && marked.at(-1) !== '/Artifact') found.push(`${page}: a shape (${token}) in ${marked.at(-1)} content`)
        path = false
      }
    })
    if (marked.length > 0) found.push(`${page}: ${marked.length} marked content left open`)
  })
  return found
}

const TEXT = new Set(['Tj', 'TJ', "'", '"', 'Do', 'BI', 'sh'])
const PATH = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're'])
const PAINT = new Set(['f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*'])
