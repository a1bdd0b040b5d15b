/**
 * The PDF's logical structure (what a screen reader navigates: headings, paragraphs, lists, tables), worked
 * out from the document definition before layout. The definition builders say what a node is where its kind
 * does not: `pdfRole: 'H2'` on a heading, `'Table'` on a table of data (a table without a role only lays
 * things out), `'TOC'` on the contents. tagStructure then builds the tree in document order and stamps each
 * text node with the element its words belong to (`pdfTag`); tagging.ts writes that tree into the PDF as
 * pdfmake renders the words. Running headers and footers are artifacts (asArtifact): screen readers skip them.
 *
 * What follows from a node's kind: a list is L, each item LI with its number (Lbl, numbered lists only) and
 * body (LBody); a table row TR, a cell TH in the header rows (or with `pdfRole: 'TH'`, a row's label) and TD
 * elsewhere; a row of the contents TOCI. A text node is a P, unless it is a whole cell or list item, whose
 * words are then the cell's or the item's own. Stacks, columns and layout tables are transparent.
 */
import type { Content, DynamicContent } from 'pdfmake/interfaces'

/** Roles a builder gives a node. Lists, rows, cells and list items get theirs from the node's kind. */
export type PdfRole = 'H1' | 'H2' | 'H3' | 'H4' | 'P' | 'BlockQuote' | 'Table' | 'TOC' | 'TH' | 'TD'

/** Standard structure types (PDF 1.7, 14.8.4) this renderer writes. */
export type StructRole = PdfRole | 'Document' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'TR' | 'TOCI' | 'Link'

/** Attributes of an element (its A entry): a table cell's scope and spans, a list's numbering. */
export type StructAttributes =
  | { O: 'Table'; Scope?: 'Row' | 'Column'; ColSpan?: number; RowSpan?: number }
  | { O: 'List'; ListNumbering: 'Disc' | 'Decimal' }

/** One element of the structure tree. Its marked content is added while the PDF is rendered. */
export interface StructNode {
  role: StructRole
  children: StructNode[]
  attributes?: StructAttributes
}

/** The document's structure: a Document element holding the rest, in reading order. */
export class StructureTree {
  readonly root: StructNode = { role: 'Document', children: [] }

  add(parent: StructNode, role: StructRole, attributes?: StructAttributes): StructNode {
    const node: StructNode = { role, children: [], ...(attributes ? { attributes } : {}) }
    parent.children.push(node)
    return node
  }
}

/**
 * What a run of words is in the PDF: part of an element (the tree is carried along, so the renderer finds
 * it from any word) or an artifact (page furniture a screen reader skips).
 */
export type PdfTag =
  | { tree: StructureTree; element: StructNode }
  | { artifact: 'Pagination' | 'Layout' }

declare module 'pdfmake/interfaces' {
  interface ContentBase {
    /** What the node is in the PDF's structure; several roles nest, outermost first (['TD', 'H3']). */
    pdfRole?: PdfRole | PdfRole[]
    /** Set by tagStructure on text nodes: the element (or artifact) their words belong to. */
    pdfTag?: PdfTag
    /** Set by tagStructure on a numbered list's items: the element the item's number belongs to (Lbl). */
    pdfLabelTag?: PdfTag
  }
}

type Node = Record<string, unknown>

const isObject = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value)
const isText = (node: Node) => 'text' in node || node.pageReference !== undefined || node.textReference !== undefined
const rolesOf = (node: Node): PdfRole[] => (node.pdfRole === undefined ? [] : ([] as PdfRole[]).concat(node.pdfRole as PdfRole))
const CELL_ROLES = new Set<PdfRole>(['TH', 'TD'])
/** What text with no words is: it draws nothing, so there is nothing to read. */
const EMPTY_TEXT: PdfTag = { artifact: 'Layout' }

/** The content as new nodes, every text node tagged with its place in a new structure tree. */
export function tagStructure(content: Content[]): Content[] {
  const tree = new StructureTree()
  const tagged = content.map((node) => tagNode(node, tree, tree.root, false) as Content)
  levelHeadings(tree.root)
  return tagged
}

const HEADINGS: StructRole[] = ['H1', 'H2', 'H3', 'H4']

/**
 * Headings never skip a level for a screen reader (a page's outline read as H2 then H4 suggests a missing
 * section): a block's heading styled as a level-4 heading is tagged H3 when it follows an H2. Only the
 * tags change, not the look. `last` is the level of the heading before, in reading order.
 */
function levelHeadings(element: StructNode, last = { level: 0 }): void {
  for (const child of element.children) {
    const level = HEADINGS.indexOf(child.role) + 1
    if (level > 0) {
      if (level > last.level + 1) child.role = HEADINGS[last.level]
      last.level = HEADINGS.indexOf(child.role) + 1
    }
    levelHeadings(child, last)
  }
}

/**
 * A copy of `value` with its text tagged. `direct`: the node is a whole table cell or list item, so plain
 * text in it belongs to `parent` itself rather than to a paragraph of its own.
 */
function tagNode(value: unknown, tree: StructureTree, parent: StructNode, direct: boolean, roles?: PdfRole[]): unknown {
  // Shorthands pdfmake would expand anyway (a string is a text node, an array a stack), expanded here so
  // they can carry a tag.
  if (typeof value === 'string' || typeof value === 'number') value = { text: value }
  if (Array.isArray(value)) value = { stack: value }
  // A cell covered by its neighbour's span is an empty object; pdfmake never draws it.
  if (!isObject(value) || Object.keys(value).length === 0) return value
  const node: Node = { ...value }
  roles ??= rolesOf(node)

  if (isText(node)) {
    // e.g. the empty text that carries a page break.
    if (node.text === '') return { ...node, pdfTag: EMPTY_TEXT }
    let element = parent
    for (const role of roles.length > 0 || direct ? roles : ['P' as const]) element = tree.add(element, role)
    node.pdfTag = { tree, element }
    return node
  }

  const kind = node.table ? roles.find((role) => role === 'Table' || role === 'TOC') : undefined
  let element = parent
  for (const role of roles) if (role !== kind) element = tree.add(element, role)

  if (Array.isArray(node.stack)) node.stack = node.stack.map((child) => tagNode(child, tree, element, false))
  else if (Array.isArray(node.columns)) node.columns = node.columns.map((child) => tagNode(child, tree, element, false))
  else if (Array.isArray(node.ul) || Array.isArray(node.ol)) tagList(node, tree, element)
  else if (isObject(node.table) && Array.isArray(node.table.body)) tagTable(node, kind, tree, element)
  // Anything else (canvas: rules, bands, boxes) is drawn, not read: the renderer makes it an artifact.
  return node
}

function tagList(node: Node, tree: StructureTree, parent: StructNode): void {
  const numbered = Array.isArray(node.ol)
  const list = tree.add(parent, 'L', { O: 'List', ListNumbering: numbered ? 'Decimal' : 'Disc' })
  const items = (numbered ? node.ol : node.ul) as unknown[]
  const tagged = items.map((value) => {
    const item = tree.add(list, 'LI')
    // pdfmake numbers an item unless the item is itself a list; the number is the item's label.
    const nested = isObject(value) && (value.ol !== undefined || value.ul !== undefined)
    const label = numbered && !nested ? tree.add(item, 'Lbl') : null
    const out = tagNode(value, tree, tree.add(item, 'LBody'), true) as Node
    return label && isObject(out) ? { ...out, pdfLabelTag: { tree, element: label } } : out
  })
  if (numbered) node.ol = tagged
  else node.ul = tagged
}

function tagTable(node: Node, kind: PdfRole | undefined, tree: StructureTree, parent: StructNode): void {
  const table = node.table as Node & { body: unknown[][]; headerRows?: number }
  let body: unknown[][]
  if (kind === 'Table') {
    const element = tree.add(parent, 'Table')
    const headerRows = table.headerRows ?? 0
    body = table.body.map((cells, r) => {
      const row = tree.add(element, 'TR')
      return cells.map((cell) => {
        if (!isObject(cell) || Object.keys(cell).length === 0) return cell
        const roles = rolesOf(cell)
        const own = CELL_ROLES.has(roles[0]) ? roles.shift()! : r < headerRows ? 'TH' : 'TD'
        return tagNode(cell, tree, tree.add(row, own, cellAttributes(cell, own, r < headerRows)), true, roles)
      })
    })
  } else if (kind === 'TOC') {
    // A line of the contents (TOCI): the heading's words and its page, a paragraph each (so the two never
    // run together as "Reading3"), each a link to the heading.
    const element = tree.add(parent, 'TOC')
    body = table.body.map((cells) => {
      const line = tree.add(element, 'TOCI')
      return cells.map((cell) => tagNode(cell, tree, line, false))
    })
  } else {
    body = table.body.map((cells) => cells.map((cell) => tagNode(cell, tree, parent, false)))
  }
  node.table = { ...table, body }
}

/** A header cell's scope (its column in a header row, else its row); a cell's spans. */
function cellAttributes(cell: Node, role: PdfRole, inHeaderRow: boolean): StructAttributes | undefined {
  const attributes: StructAttributes = { O: 'Table' }
  if (role === 'TH') attributes.Scope = inHeaderRow ? 'Column' : 'Row'
  if (typeof cell.colSpan === 'number' && cell.colSpan > 1) attributes.ColSpan = cell.colSpan
  if (typeof cell.rowSpan === 'number' && cell.rowSpan > 1) attributes.RowSpan = cell.rowSpan
  return Object.keys(attributes).length > 1 ? attributes : undefined
}

/** Running headers and footers: every word an artifact of pagination, which screen readers skip. */
export function asArtifact(dynamic: DynamicContent): DynamicContent {
  return (...args) => {
    const content = dynamic(...args)
    return content === null || content === undefined ? content : (artifact(content) as Content)
  }
}

const PAGINATION: PdfTag = { artifact: 'Pagination' }

function artifact(value: unknown): unknown {
  if (typeof value === 'string' || typeof value === 'number') return { text: value, pdfTag: PAGINATION }
  if (Array.isArray(value)) return value.map(artifact)
  if (!isObject(value)) return value
  const node: Node = { ...value }
  if (isText(node)) node.pdfTag = PAGINATION
  for (const key of ['stack', 'columns', 'ul', 'ol']) if (Array.isArray(node[key])) node[key] = (node[key] as unknown[]).map(artifact)
  if (isObject(node.table) && Array.isArray(node.table.body)) {
    node.table = { ...node.table, body: (node.table.body as unknown[][]).map((cells) => cells.map(artifact)) }
  }
  return node
}
