/**
 * Styles resolved once, before pdfmake sees the document. pdfmake works out the look of every word on its
 * own: for each word it asks some twenty-five properties (font, size, colour, links, spacing…) of a stack
 * holding the word, every enclosing node and each of their named styles, looking a named style up (and
 * allocating) each time. For a 40-page plan that is about half a million look-ups per export, and much of
 * its garbage. Here named styles are merged into the nodes that use them, and every text node carries what
 * it inherits from the nodes around it, so pdfmake finds each property on the word's own run or on its text
 * node, one step up, without a single named style on the way.
 *
 * The runs themselves are left small on purpose: pdfmake copies a run's properties onto each of its words,
 * and copying two dozen properties per word costs more than the look-up it saves.
 *
 * The document is the same one pdfmake would have laid out (byte for byte, but for the dates): a node's own
 * properties win over its named styles (later names over earlier ones), and those over what it inherits, as
 * in pdfmake's StyleContextStack. Styles must not use `extends`, and nodes must not use marginLeft and the
 * like (Uplift uses neither; flattenStyles refuses the first).
 */
import type { Content, Style, StyleDictionary } from 'pdfmake/interfaces'

type PdfNode = Record<string, unknown>

/** Every property pdfmake resolves for each word (TextBreaker.getBreaks, TextInlines.buildInlines and measure). */
const TEXT_PROPERTIES = [
  'font', 'fontSize', 'fontFeatures', 'bold', 'italics', 'alignment', 'characterSpacing', 'color',
  'decoration', 'decorationColor', 'decorationStyle', 'decorationThickness', 'background',
  'link', 'linkToPage', 'linkToDestination', 'noWrap', 'opacity', 'sup', 'sub', 'lineHeight',
  'preserveLeadingSpaces', 'preserveTrailingSpaces', 'leadingIndent', 'wordBreak',
] as const

/**
 * What pdfmake uses when neither the text nor anything around it says (the defaults of TextInlines.measure
 * and TextBreaker; each is the same wherever pdfmake reads the property, or only ever tested for truth).
 * Properties whose default is "none" (links, decorations, background, font features) stay unset: a run
 * without them reads the same as before.
 */
const PDFMAKE_DEFAULTS: PdfNode = {
  font: 'Roboto', fontSize: 12, bold: false, italics: false, alignment: 'left', characterSpacing: 0, color: 'black',
  noWrap: false, opacity: 1, sup: false, sub: false, lineHeight: 1, preserveLeadingSpaces: false,
  preserveTrailingSpaces: false, leadingIndent: 0, wordBreak: 'normal',
}

const has = (value: unknown) => value !== undefined && value !== null

function isObject(value: unknown): value is PdfNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export class StyleFlattener {
  private readonly root: PdfNode

  constructor(private readonly styles: StyleDictionary, defaultStyle: Style = {}) {
    for (const [name, style] of Object.entries(styles)) {
      if (style && 'extends' in style) throw new Error(`Style "${name}" uses extends, which flattenStyles does not follow.`)
    }
    this.root = { ...PDFMAKE_DEFAULTS }
    this.inherit(this.root, defaultStyle as PdfNode)
  }

  /** The content as new nodes: named styles merged in, every text node carrying what it inherits. */
  content(content: Content[]): Content[] {
    return content.map((node) => this.node(node, this.root) as Content)
  }

  /** The node as a new object: its named styles merged under its own properties, its children resolved. */
  private node(value: unknown, inherited: PdfNode): unknown {
    if (Array.isArray(value)) return { stack: value.map((child) => this.node(child, inherited)) }
    if (!isObject(value) || Object.keys(value).length === 0) return value // text as a value, or a spanned cell's {}
    const node = this.withStyles(value)
    const here = this.inherit({ ...inherited }, node)
    if (Array.isArray(node.stack)) node.stack = node.stack.map((child) => this.node(child, here))
    else if (Array.isArray(node.columns)) node.columns = node.columns.map((child) => this.node(child, here))
    else if (Array.isArray(node.ul)) node.ul = node.ul.map((child) => this.node(child, here))
    else if (Array.isArray(node.ol)) node.ol = node.ol.map((child) => this.node(child, here))
    else if (isObject(node.table) && Array.isArray(node.table.body)) {
      node.table = { ...node.table, body: (node.table.body as unknown[][]).map((row) => row.map((cell) => this.node(cell, here))) }
    } else if ('text' in node || has(node.pageReference) || has(node.textReference)) this.leaf(node, here)
    return node
  }

  /** A text node carries every text property it inherits; its runs keep their own, named styles merged in. */
  private leaf(node: PdfNode, inherited: PdfNode): void {
    fill(node, inherited)
    const runs = Array.isArray(node.text) ? node.text : isObject(node.text) ? [node.text] : null
    // pdfmake flattens runs nested in runs and drops the outer run's properties: leave those as they are.
    if (!runs || runs.some((run) => isObject(run) && Array.isArray(run.text))) return
    node.text = runs.map((run) => (isObject(run) ? this.withStyles(run) : run))
  }

  /** A copy of the node with its named styles' properties under its own, and no style names left. */
  private withStyles(node: PdfNode): PdfNode {
    if (node.style === undefined) return { ...node }
    const names = Array.isArray(node.style) ? node.style : [node.style]
    const merged: PdfNode = {}
    for (const name of names) if (typeof name === 'string') Object.assign(merged, this.styles[name])
    for (const [key, value] of Object.entries(node)) if (key !== 'style' && (has(value) || !has(merged[key]))) merged[key] = value
    return merged
  }

  /** `inherited` updated with the text properties `node` sets itself. */
  private inherit(inherited: PdfNode, node: PdfNode): PdfNode {
    for (const key of TEXT_PROPERTIES) if (has(node[key])) inherited[key] = node[key]
    return inherited
  }
}

/** Sets on `node` every text property it does not set itself. */
function fill(node: PdfNode, inherited: PdfNode): void {
  for (const key of TEXT_PROPERTIES) if (!has(node[key]) && has(inherited[key])) node[key] = inherited[key]
}

export function flattenStyles(content: Content[], styles: StyleDictionary, defaultStyle: Style = {}): Content[] {
  return new StyleFlattener(styles, defaultStyle).content(content)
}
