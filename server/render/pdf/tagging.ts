/**
 * Tagged PDF from pdfmake. Why this exists: pdfmake (0.3) has no notion of a PDF's logical structure, so its
 * files reach a screen reader as one unstructured stream of words, page numbers and all; pdfkit, which pdfmake
 * drives, can write a tagged PDF (structure elements, marked content, artifacts) but is never asked to.
 * pdfmake passes `tagged`, `language` and `displayTitle` from the document definition on to pdfkit, which
 * marks the file as tagged; what it cannot pass on is which words are a heading, a paragraph or a table cell.
 * structure.ts works that out from the definition and stamps each text node with its element (`pdfTag`);
 * the hooks below carry the stamp to pdfkit:
 *
 * - DocMeasure.prototype.measureLeaf: copies a text node's pdfTag onto the inlines (words) pdfmake builds from
 *   it, which the layout then breaks into lines (`line.inlines`) and renders one by one.
 * - DocMeasure.prototype.buildOrderedMarker: tags a numbered list's number as the item's label (Lbl).
 * - Renderer.prototype.renderPages: per document, when pdfkit's `tagged` option is on, sets up the state
 *   below, then, once every page is drawn, adds the structure tree to pdfkit in reading order. (For every
 *   document it also escapes what pdfkit copies into the XMP metadata: see escapeXmpInfo.)
 * - Renderer.prototype.renderLine: wraps each run of words in marked content for its element. renderLine
 *   calls pdfkit's text() once per inline, in order, so pdfkit's text() and annotate() are wrapped on the
 *   document for the length of the render (a link's annotations join its Link element and say where it goes). A line's background (inline code) is drawn before its words
 *   and its decorations (underlines) after them: both are marked as artifacts.
 * - Renderer.prototype.renderVector: every rule, box, fill and list bullet is an artifact.
 *
 * pdfmake internals relied on (checked against pdfmake 0.3.11 and pdfkit 0.19.1): the module paths
 * pdfmake/js/Renderer.js and pdfmake/js/DocMeasure.js; Renderer's `pdfDocument`; a measured text node's
 * `_inlines`; renderLine calling `pdfDocument.text` exactly once per inline in `line.inlines` order; a table's
 * header row repeated on a later page being a clone of the first line that shares its `inlines` array (the
 * copy is then an artifact, so the header is read once); pdfkit's `options.tagged`, `annotate` options taking
 * `structParent`, and `_addInfo` (see escapeXmpInfo). If pdfmake changes any of these, the tests in
 * tests/unit/render/pdfTagging.test.ts fail.
 */
import { createRequire } from 'node:module'
import type { PdfTag, StructNode, StructureTree } from './structure.ts'

/** What these hooks use of pdfkit's document (pdfmake's PDFDocument extends it). */
interface PdfKitDocument {
  options: { tagged?: boolean }
  info: Record<string, unknown>
  text(...args: unknown[]): unknown
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown
  struct(role: string): StructElement
  markStructureContent(role: string): StructContent
  markContent(tag: 'Artifact', options: { type: 'Pagination' | 'Layout' }): unknown
  endMarkedContent(): unknown
  addStructure(element: StructElement): unknown
  _addInfo(): void
}
interface StructElement {
  add(child: StructElement | StructContent): StructElement
  end(): void
  dictionary: { data: Record<string, unknown> }
}
type StructContent = { readonly refs: unknown[] }

interface Inline {
  text: string
  pdfTag?: PdfTag
  link?: string | null
  linkToDestination?: string | null
  linkToPage?: number | null
  background?: string | null
  decoration?: string | null
}
interface Line { inlines: Inline[] }
interface RendererInstance { pdfDocument: PdfKitDocument }
interface MeasuredNode { pdfTag?: PdfTag; pdfLabelTag?: PdfTag; _inlines?: Inline[] }

type Artifact = 'Pagination' | 'Layout'

/** The state of one tagged document while pdfmake renders it. */
class TaggedRendering {
  private tree: StructureTree | null = null
  /** pdfkit's element for each element of the tree that has been given content so far. */
  private readonly elements = new Map<StructNode, StructElement>()
  /** The paragraph for words no builder tagged, and the line it is for (see enter and finish). */
  private untagged: { element: StructNode; line: Line | null } | null = null
  /** Lines' inline arrays already drawn: a repeated table header shares its array with the first. */
  private readonly drawn = new WeakSet<Inline[]>()
  private line: Line | null = null
  private next = 0
  private repeated = false
  private decorated = false
  /** What the open marked content belongs to: an element, a link in one, or an artifact. */
  private open: StructNode | StructElement | Artifact | null = null
  /** What the last words drawn belong to (artifacts aside). */
  private lastWords: StructNode | StructElement | null = null
  /** The link being written, while its words are drawn; its annotations join its element. */
  private link: { element: StructElement; parent: StructNode; target: unknown } | null = null
  private readonly restore: () => void

  constructor(private readonly doc: PdfKitDocument) {
    const { text, annotate } = doc
    doc.text = (...args: unknown[]) => {
      this.beforeText()
      const result = text.apply(doc, args)
      this.afterText()
      return result
    }
    doc.annotate = (x, y, w, h, options) => {
      if (this.link && options.Subtype === 'Link') {
        options.structParent = this.link.element
        // A link's annotation says where it goes (PDF/UA asks every annotation for a description).
        options.Contents = new String(linkDescription(this.link.target))
      }
      return annotate.call(doc, x, y, w, h, options)
    }
    this.restore = () => {
      doc.text = text
      doc.annotate = annotate
    }
  }

  beginLine(line: Line): void {
    this.line = line
    this.next = 0
    this.repeated = this.drawn.has(line.inlines)
    this.drawn.add(line.inlines)
    this.decorated = line.inlines.some((inline) => inline.background || inline.decoration)
    // A background (inline code) is drawn before the words. Otherwise the first word's marked content opens
    // now: renderLine sets each word's colour with a `fill` (an empty paint) just before drawing it.
    if (this.decorated) this.mark('Layout')
    else this.enter(line.inlines[0])
  }

  endLine(): void {
    this.close()
    this.line = null
  }

  /** A rule, box, fill or bullet. */
  vector(draw: () => void): void {
    this.mark('Layout')
    draw()
    this.close()
  }

  private beforeText(): void {
    this.enter(this.line?.inlines[this.next++])
  }

  /** Opens the marked content `inline`'s words belong to (nothing new if it is open already). */
  private enter(inline: Inline | undefined): void {
    if (!inline || this.repeated) return this.mark(this.repeated ? 'Pagination' : 'Layout')
    const tag = inline.pdfTag
    if (tag && 'artifact' in tag) return this.mark(tag.artifact)
    let element: StructNode
    if (tag) {
      this.tree ??= tag.tree
      element = tag.element
    } else {
      // Words no builder tagged: a paragraph per line, read after the rest rather than hidden.
      if (this.untagged?.line !== this.line) this.untagged = { element: { role: 'P', children: [] }, line: this.line }
      element = this.untagged.element
    }
    const target = inline.link ?? inline.linkToDestination ?? inline.linkToPage ?? null
    if (target === null) {
      this.link = null
      return this.mark(element)
    }
    // The words of a link, and its annotations, are a Link element within their paragraph (or cell); a link
    // that runs onto the next line (or page) stays one.
    if (this.link?.parent !== element || this.link.target !== target || this.lastWords !== this.link.element) {
      this.close()
      this.link = { element: this.doc.struct('Link'), parent: element, target }
      this.element(element).add(this.link.element)
    }
    this.mark(this.link.element)
  }

  private afterText(): void {
    // Decorations (underlines) are drawn after the line's last word.
    if (this.decorated && this.line && this.next === this.line.inlines.length) this.mark('Layout')
  }

  /** Opens marked content for `owner`, unless it is already open. */
  private mark(owner: StructNode | StructElement | Artifact): void {
    if (this.open === owner) return
    this.close()
    this.open = owner
    if (typeof owner === 'string') {
      this.doc.markContent('Artifact', { type: owner })
      return
    }
    this.lastWords = owner
    if ('role' in owner) this.element(owner).add(this.doc.markStructureContent(owner.role))
    else owner.add(this.doc.markStructureContent('Link'))
  }

  private close(): void {
    if (this.open === null) return
    this.doc.endMarkedContent()
    this.open = null
  }

  private element(node: StructNode): StructElement {
    let element = this.elements.get(node)
    if (!element) {
      element = this.doc.struct(node.role)
      this.elements.set(node, element)
    }
    return element
  }

  /**
   * The tree, in reading order, under the document's structure root. An element with no content is left
   * out (an empty paragraph), except a table cell: a row keeps all its cells, so columns stay in step.
   */
  finish(): void {
    this.restore()
    const built = new Set<StructNode>()
    const root = this.build(this.tree?.root ?? { role: 'Document', children: [] }, built)!
    // Elements outside the tree (untagged words, another tree's) go at the end: read rather than lost, and
    // pdfkit cannot finish the file while an element it made is left out of the structure.
    for (const [node, element] of this.elements) if (!built.has(node)) root.add(element)
    this.doc.addStructure(root)
    root.end()
  }

  private build(node: StructNode, built: Set<StructNode>): StructElement | null {
    const children = node.children.map((child) => this.build(child, built)).filter((child) => child !== null)
    const existing = this.elements.get(node)
    if (!existing && children.length === 0 && node.role !== 'TH' && node.role !== 'TD' && node.role !== 'Document') return null
    built.add(node)
    const element = existing ?? this.element(node)
    // pdfkit writes a string as a name, as these attribute values are (/Table, /Column, /Decimal).
    if (node.attributes) element.dictionary.data.A = { ...node.attributes }
    for (const child of children) element.add(child)
    return element
  }
}

/**
 * pdfkit copies the title, subject and author into the XMP metadata of any PDF newer than 1.3 without
 * escaping them, so a plan called "Maths & English" would make the metadata malformed XML.
 */
function escapeXmpInfo(doc: PdfKitDocument): void {
  const addInfo = doc._addInfo
  doc._addInfo = function (this: PdfKitDocument) {
    const info = this.info
    this.info = Object.fromEntries(Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]))
    try {
      addInfo.call(this)
    } finally {
      this.info = info
    }
  }
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c])

let installed = false

type Prototype = Record<string, (...args: never[]) => unknown>

/** One of pdfmake's classes, checked to have the methods hooked here (a newer pdfmake may not). */
function pdfmakeClass(require: NodeJS.Require, name: string, methods: string[]): { prototype: Prototype } {
  const found = (require(`pdfmake/js/${name}.js`) as { default?: { prototype: Prototype } }).default
  for (const method of methods) {
    if (typeof found?.prototype[method] !== 'function') {
      throw new Error(`pdfmake's ${name}.${method} is not there: server/render/pdf/tagging.ts needs updating for this pdfmake`)
    }
  }
  return found!
}

/** Installs the hooks (once; they leave documents without pdfkit's `tagged` option as pdfmake draws them). */
export function installTagging(): void {
  if (installed) return
  // pdfmake's own modules: the instances pdfmake itself loaded, since Node caches a module by its real path.
  const require = createRequire(import.meta.url)
  const Renderer = pdfmakeClass(require, 'Renderer', ['renderPages', 'renderLine', 'renderVector'])
  const DocMeasure = pdfmakeClass(require, 'DocMeasure', ['measureLeaf', 'buildOrderedMarker'])
  const rendering = new WeakMap<object, TaggedRendering>()

  const measureLeaf = DocMeasure.prototype.measureLeaf as (this: unknown, node: MeasuredNode) => MeasuredNode
  DocMeasure.prototype.measureLeaf = function (this: unknown, node: MeasuredNode) {
    const measured = measureLeaf.call(this, node)
    const tag = node.pdfTag
    if (tag) for (const inline of measured._inlines ?? []) inline.pdfTag = tag
    return measured
  }

  const buildOrderedMarker = DocMeasure.prototype.buildOrderedMarker as (this: unknown, item: MeasuredNode, ...rest: unknown[]) => MeasuredNode
  DocMeasure.prototype.buildOrderedMarker = function (this: unknown, item: MeasuredNode, ...rest: unknown[]) {
    const marker = buildOrderedMarker.call(this, item, ...rest)
    const tag = item.pdfLabelTag
    if (tag) for (const inline of marker._inlines ?? []) inline.pdfTag = tag
    return marker
  }

  const renderPages = Renderer.prototype.renderPages as (this: RendererInstance, pages: unknown) => void
  Renderer.prototype.renderPages = function (this: RendererInstance, pages: unknown) {
    escapeXmpInfo(this.pdfDocument)
    if (!this.pdfDocument.options.tagged) return renderPages.call(this, pages)
    const tagged = new TaggedRendering(this.pdfDocument)
    rendering.set(this, tagged)
    try {
      renderPages.call(this, pages)
    } finally {
      rendering.delete(this)
    }
    tagged.finish()
  }

  const renderLine = Renderer.prototype.renderLine as (this: RendererInstance, line: Line, x: number, y: number) => void
  Renderer.prototype.renderLine = function (this: RendererInstance, line: Line, x: number, y: number) {
    const tagged = rendering.get(this)
    if (!tagged) return renderLine.call(this, line, x, y)
    tagged.beginLine(line)
    try {
      renderLine.call(this, line, x, y)
    } finally {
      tagged.endLine()
    }
  }

  const renderVector = Renderer.prototype.renderVector as (this: RendererInstance, vector: unknown) => void
  Renderer.prototype.renderVector = function (this: RendererInstance, vector: unknown) {
    const tagged = rendering.get(this)
    if (!tagged) return renderVector.call(this, vector)
    tagged.vector(() => renderVector.call(this, vector))
  }
  installed = true
}

/** Where a link goes, in words: a web address, a page of this document, or a place in it. */
export function linkDescription(target: unknown): string {
  if (typeof target === 'number') return `Go to page ${target}`
  if (typeof target === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(target)) return `Link to ${target}`
  return 'Go to this section of the plan'
}
