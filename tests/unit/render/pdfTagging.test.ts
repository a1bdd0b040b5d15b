// Tagged PDF (structure.ts, tagging.ts): what a screen reader gets from an exported plan. Read back with
// poppler: `pdfinfo` for the tagged flag and title, `pdfinfo -struct-text` for the structure tree.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { JSONContent } from '@tiptap/core'
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { renderDefinition, renderPlanPdfBuffer } from '../../../server/render/pdf/renderPlanPdf.ts'
import { asArtifact, tagStructure, type PdfTag } from '../../../server/render/pdf/structure.ts'
import type { PlanPdfInput } from '../../../server/render/pdf/types.ts'
import {
  elementText, findElements, pdfCatalog, pdfInfo, pdfPages, pdfStructure, pdfText, savePdf, untaggedDrawing, type PdfElement,
} from '../../helpers/pdf.ts'

const t = (text: string, ...marks: string[]): JSONContent => ({ type: 'text', text, ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}) })
const p = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })
const h = (level: number, text: string): JSONContent => ({ type: 'heading', attrs: { level }, content: [t(text)] })
const item = (text: string): JSONContent => ({ type: 'listItem', content: [p(t(text))] })
const cell = (type: 'tableHeader' | 'tableCell', text: string): JSONContent => ({ type, content: [p(t(text))] })
const field = (name: string, text: string): JSONContent => ({ type: 'field', attrs: { name }, content: [t(text)] })

const SCHOOL = 'Harbourside Academy'
const TITLE = 'Maths & English <first> plan'
/** A link long enough to run onto a second line. */
const GUIDANCE = 'the guidance on reading fluency published by the Department for Education for primary schools, with examples'
/** Long enough to run from one page onto the next. */
const LONG = Array.from({ length: 60 }, (_, i) => `Sentence ${i + 1} of the long paragraph says what the school will do and how leaders will know it worked.`).join(' ')

function plan(): PlanPdfInput {
  const when = new Date('2026-11-23T12:00:00Z')
  return {
    plan: { title: TITLE, schoolName: SCHOOL, ownerName: 'Ada Lovelace' },
    label: { kind: 'live', exportedAt: when },
    asOf: when,
    doc: {
      type: 'doc',
      content: [
        h(2, 'Plan details'),
        { type: 'planDetails', attrs: { id: 'tagDetails01', phase: 'primary', inspectionGrades: { 'curriculum-and-teaching': 'strong' } }, content: [field('urn', '123456')] },
        h(2, 'Reading'),
        p(t('Reading is a strength: '), t('pupils read widely', 'bold'), t(' and see '), { type: 'text', text: GUIDANCE, marks: [{ type: 'link', attrs: { href: 'https://www.gov.uk/' } }] }, t('.')),
        p(t(LONG)),
        { type: 'bulletList', content: [item('Daily phonics'), item('Reading for pleasure')] },
        { type: 'orderedList', attrs: { start: 1 }, content: [item('Agree the diagnosis'), item('Set targets')] },
        h(3, 'Outcomes'),
        p(t('Results by cohort follow.')),
        { type: 'table', content: [
          { type: 'tableRow', content: [cell('tableHeader', 'Cohort'), cell('tableHeader', 'Result')] },
          ...Array.from({ length: 60 }, (_, i) => ({ type: 'tableRow', content: [cell('tableCell', `Cohort ${i + 1}`), cell('tableCell', `${40 + i}%`)] })),
        ] },
        h(2, 'Blocks'),
        { type: 'finding', attrs: { id: 'tagFinding01', area: 'achievement', kind: 'development', confidence: 'high', inPlan: true }, content: [field('statement', 'Too few pupils read fluently.')] },
        { type: 'priority', attrs: { id: 'tagPriority1' }, content: [
          field('title', 'Fluent reading'), field('rationale', 'Fluency holds comprehension back.'),
          { type: 'action', attrs: { id: 'tagAction001', due: '2027-01-31', status: 'in-progress' }, content: [field('description', 'Daily paired reading'), field('owner', 'Class teachers')] },
        ] },
        { type: 'reviewPoint', attrs: { id: 'tagReview001', date: '2027-02-12', priorityRag: { tagPriority1: 'green' } }, content: [field('impact', 'Fluency improved.')] },
      ],
    },
  }
}

let rendered: Promise<string> | undefined
const trees: Record<string, PdfElement | null> = {}

/** The plan, exported once for all the tests below. */
function exportedFile(): Promise<string> {
  rendered ??= renderPlanPdfBuffer(plan()).then((bytes) => savePdf('tagged-plan', bytes))
  return rendered
}

/** The exported plan and its structure tree, which must be there. */
async function exported(): Promise<{ file: string; tree: PdfElement }> {
  const file = await exportedFile()
  const tree = (trees[file] ??= pdfStructure(file))
  if (!tree) throw new Error('the PDF has no structure tree')
  return { file, tree }
}

const byRole = (tree: PdfElement, ...roles: string[]) => findElements(tree, (element) => roles.includes(element.role))
const children = (element: PdfElement) => element.content.filter((part): part is PdfElement => typeof part !== 'string')

describe('the exported PDF is tagged', () => {
  it('is marked as tagged, in British English, with the plan’s title shown in the viewer’s title bar', async () => {
    const file = await exportedFile()
    const info = pdfInfo(file)
    expect(info.Tagged).toBe('yes')
    expect(info.Title).toBe(`${TITLE} (${SCHOOL})`)
    const catalog = pdfCatalog(file)
    expect(catalog).toMatch(/\/Lang \(en-GB\)/)
    expect(catalog).toMatch(/\/MarkInfo \d+ 0 R/)
    expect(catalog).toMatch(/\/StructTreeRoot \d+ 0 R/)
    expect(catalog).toMatch(/\/ViewerPreferences \d+ 0 R/)
    // The preference itself (an object of its own) and the title in the XMP metadata, escaped.
    const pdf = readFileSync(file, 'latin1')
    expect(pdf).toMatch(/<<\n\/DisplayDocTitle true\n>>/)
    expect(pdf).toContain('<rdf:li xml:lang="x-default">Maths &amp; English &lt;first&gt; plan (Harbourside Academy)</rdf:li>')
  })

  it('describes where each link goes, as PDF/UA asks of every annotation', async () => {
    const pdf = readFileSync(await exportedFile(), 'latin1')
    // Each annotation is an object of its own: its dictionary up to the end of the object.
    const links = [...pdf.matchAll(/<<[^]*?\/Subtype \/Link[^]*?endobj/g)].map((match) => match[0])
    expect(links.length).toBeGreaterThan(3)
    const descriptions = links.map((link) => /\/Contents \(([^)]*)\)/.exec(link)?.[1] ?? '')
    expect(descriptions.filter((description) => description === '')).toEqual([])
    expect(descriptions).toContain('Go to this section of the plan')
    expect(descriptions.some((description) => description.startsWith('Link to https://'))).toBe(true)
  })

  it('gives headings in the order and at the levels they are printed, never skipping a level', async () => {
    const { tree } = await exported()
    const headings = byRole(tree, 'H1', 'H2', 'H3', 'H4').map((heading) => `${heading.role} ${elementText(heading)}`)
    expect(headings).toEqual([
      `H1 ${TITLE}`, // the cover
      'H1 Contents',
      'H2 Plan details',
      'H2 Reading',
      'H3 Outcomes',
      'H2 Blocks',
      // Findings are grouped under their evaluation area, printed as a level-4 heading: right after an H2 it
      // is tagged H3, so that a screen reader's outline does not suggest a missing level.
      'H3 Achievement',
      'H3 Priority P1: Fluent reading',
      'H3 Review of 12 February 2027',
    ])
  })

  it('reads the body in order: paragraphs, lists and tables as such, a paragraph one element across lines and pages', async () => {
    const { file, tree } = await exported()
    expect(tree.role).toBe('Document')
    const body = children(tree)
    const start = body.findIndex((element) => elementText(element) === 'Reading')
    expect(body.slice(start, start + 7).map((element) => `${element.role} ${elementText(element).slice(0, 30)}`)).toEqual([
      'H2 Reading',
      'P Reading is a strength: pupils ',
      'P Sentence 1 of the long paragra',
      'L Daily phonicsReading for pleas',
      'L 1. Agree the diagnosis2. Set t',
      'H3 Outcomes',
      'P Results by cohort follow.',
    ])
    // The link is a Link element within its paragraph, between the words around it, and one Link though it
    // runs over two lines.
    const linked = body[start + 1]
    expect(linked.content.map((part) => (typeof part === 'string' ? part : `[${part.role}: ${elementText(part)}]`)).join(''))
      .toBe(`Reading is a strength: pupils read widely and see [Link: ${GUIDANCE}].`)
    expect(findElements(linked, (element) => element.role === 'Link')[0].content.length).toBeGreaterThan(1)

    // The long paragraph runs onto the next page, and is still one paragraph holding every word.
    const long = body[start + 2]
    const pages = Array.from({ length: pdfPages(file) }, (_, i) => pdfText(file, i + 1, i + 1))
    const first = pages.findIndex((page) => page.includes('Sentence 1 of'))
    expect(pages[first]).not.toContain('Sentence 60 of')
    expect(pages[first + 1]).toContain('Sentence 60 of')
    expect(elementText(long)).toBe(LONG)
    expect(long.content.length).toBeGreaterThan(5) // a run of text per line

    const [bullets, numbers] = [body[start + 3], body[start + 4]]
    expect(bullets.attributes.ListNumbering).toBe('Disc')
    expect(children(bullets).map((li) => children(li).map((part) => `${part.role} ${elementText(part)}`))).toEqual([
      ['LBody Daily phonics'], ['LBody Reading for pleasure'],
    ])
    expect(numbers.attributes.ListNumbering).toBe('Decimal')
    expect(children(numbers).map((li) => children(li).map((part) => `${part.role} ${elementText(part)}`))).toEqual([
      ['Lbl 1. ', 'LBody Agree the diagnosis'], ['Lbl 2. ', 'LBody Set targets'],
    ])
  })

  it('gives tables rows, header cells and cells (a header row repeated overleaf read once), and the contents its lines', async () => {
    const { file, tree } = await exported()
    const cohorts = byRole(tree, 'Table').find((table) => elementText(table).startsWith('CohortResult'))!
    const rows = children(cohorts)
    expect(rows.map((row) => row.role)).toEqual(Array(61).fill('TR'))
    expect(children(rows[0]).map((th) => [th.role, th.attributes.Scope, elementText(th)])).toEqual([['TH', 'Column', 'Cohort'], ['TH', 'Column', 'Result']])
    expect(children(rows[60]).map((td) => [td.role, elementText(td)])).toEqual([['TD', 'Cohort 60'], ['TD', '99%']])
    // Printed at the top of the next page too (as it should be), but not read there again.
    expect(pdfText(file).match(/Cohort Result/g)!.length).toBeGreaterThan(1)

    // Labelled details: each label heads its row.
    const details = byRole(tree, 'Table').find((table) => elementText(table).startsWith('URN'))!
    expect(children(details).map((row) => children(row).map((c) => `${c.role}${c.attributes.Scope ? `(${c.attributes.Scope})` : ''} ${elementText(c)}`))).toEqual([
      ['TH(Row) URN', 'TD 123456'],
      ['TH(Row) Phase', 'TD Primary'],
      ['TH(Row) Inspection grades', 'TD Curriculum and teachingStrong standard'],
    ])
    const grades = children(children(children(details)[2])[1])
    expect(grades.map((table) => table.role)).toEqual(['Table'])
    expect(children(children(grades[0])[0]).map((c) => `${c.role}(${c.attributes.Scope ?? ''}) ${elementText(c)}`)).toEqual([
      'TH(Row) Curriculum and teaching', 'TD() Strong standard',
    ])
    // The contents: a line per heading, its words and its page each a link to it.
    const [contents] = byRole(tree, 'TOC')
    expect(children(contents).map((line) => `${line.role}: ${children(line).map((p) => `${p.role} ${children(p).map((link) => `${link.role} ${elementText(link)}`)}`).join(', ')}`)).toEqual([
      'TOCI: P Link Plan details, P Link 3',
      'TOCI: P Link Reading, P Link 3',
      'TOCI: P Link Blocks, P Link 6',
      'TOCI: P Link Priority P1: Fluent reading, P Link 6',
    ])
    // A priority's title is a heading in the first row, across every column; its actions are rows.
    const priority = byRole(tree, 'Table').find((table) => elementText(table).startsWith('Priority P1'))!
    const [title, header] = children(priority)
    expect(children(title).map((c) => [c.role, c.attributes.ColSpan, children(c).map((inner) => inner.role)])).toEqual([['TD', '6', ['H3']]])
    expect(children(header).map((c) => `${c.role} ${elementText(c)}`)).toEqual(['TH Ref', 'TH Action', 'TH Owner', 'TH Due', 'TH Status', 'TH Targets'])
  })

  it('leaves running headers, footers and page numbers out of the structure, and everything drawn is tagged or an artifact', async () => {
    const { file, tree } = await exported()
    const text = elementText(tree)
    expect(pdfText(file)).toMatch(/Page 3 of \d+/)
    expect(text).not.toMatch(/Page \d+ of \d+/)
    expect(text).not.toContain('Live draft exported')
    // The school is named on the cover once; the running header repeats it on every other page.
    expect(text.split(SCHOOL).length - 1).toBe(1)
    // Every word of the body is there.
    for (const words of ['Too few pupils read fluently.', 'Daily paired reading', 'Fluency improved.', 'Cohort 60']) expect(text).toContain(words)
    expect(untaggedDrawing(file)).toEqual([])
  })
})

describe('documents the builders did not tag', () => {
  async function bytes(definition: TDocumentDefinitions): Promise<Buffer> {
    const chunks: Buffer[] = []
    for await (const chunk of await renderDefinition(definition)) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  }
  const content: Content[] = [{ text: 'Untagged words', fontSize: 14 }, { ul: ['one', 'two'] }, { table: { body: [['a', 'b']] } }]

  it('are still finished when tagged, every word read (a paragraph a line) and nothing drawn untagged', async () => {
    const file = savePdf('tagged-untagged-words', await bytes({ content, version: '1.7', tagged: true }))
    expect(pdfInfo(file).Tagged).toBe('yes')
    const tree = pdfStructure(file)!
    expect(children(tree).map((element) => `${element.role} ${elementText(element)}`)).toEqual(['P Untagged words', 'P one', 'P two', 'P a', 'P b'])
    expect(untaggedDrawing(file)).toEqual([])
  })

  it('are left untagged when they do not ask', async () => {
    const file = savePdf('untagged', await bytes({ content }))
    expect(pdfInfo(file).Tagged).toBe('no')
    expect(pdfStructure(file)).toBeNull()
    expect(pdfText(file)).toContain('Untagged words')
  })
})

describe('tagStructure', () => {
  const tagOf = (node: unknown) => (node as { pdfTag?: PdfTag }).pdfTag
  const roleOf = (node: unknown) => {
    const tag = tagOf(node)
    return tag && 'element' in tag ? tag.element.role : tag?.artifact
  }

  it('makes text a paragraph, or a cell’s or list item’s own words, and leaves layout tables and spans alone', () => {
    const content: Content[] = [
      'bare words',
      { text: '', pageBreak: 'after' },
      { table: { body: [[{ text: 'laid out' }, {}]] } },
      { table: { body: [[{ text: 'head' }], [{ stack: [{ text: 'one' }, { text: 'two' }] }]], headerRows: 1 }, pdfRole: 'Table' },
      { ul: [{ text: 'item' }] },
    ]
    const before = JSON.stringify(content)
    type Tagged = { table: { body: { stack: unknown[] }[][] }; ul: unknown[] }
    const [bare, pageBreak, layout, table, list] = tagStructure(content) as unknown as Tagged[]
    expect(JSON.stringify(content)).toBe(before)
    expect(roleOf(bare)).toBe('P')
    expect(roleOf(pageBreak)).toBe('Layout')
    expect(roleOf(layout.table.body[0][0])).toBe('P')
    expect(layout.table.body[0][1]).toEqual({})
    expect(roleOf(table.table.body[0][0])).toBe('TH')
    expect(table.table.body[1][0].stack.map(roleOf)).toEqual(['P', 'P'])
    expect(roleOf(list.ul[0])).toBe('LBody')
    const tree = (tagOf(bare) as { tree: { root: unknown } }).tree.root
    expect(tree).toEqual({
      role: 'Document',
      children: [
        { role: 'P', children: [] },
        { role: 'P', children: [] }, // the layout table's words
        { role: 'Table', children: [
          { role: 'TR', children: [{ role: 'TH', children: [], attributes: { O: 'Table', Scope: 'Column' } }] },
          { role: 'TR', children: [{ role: 'TD', children: [{ role: 'P', children: [] }, { role: 'P', children: [] }] }] },
        ] },
        { role: 'L', children: [{ role: 'LI', children: [{ role: 'LBody', children: [] }] }], attributes: { O: 'List', ListNumbering: 'Disc' } },
      ],
    })
  })

  it('makes every word of a running header or footer an artifact', () => {
    const footer = asArtifact(() => ({ stack: [{ text: 'Plan' }, { columns: ['left', { text: 'Page 2 of 9' }] }] }))
    const out = footer(2, 9, { width: 595, height: 842, orientation: 'portrait' }) as unknown as { stack: [unknown, { columns: unknown[] }] }
    expect([out.stack[0], ...out.stack[1].columns].map(roleOf)).toEqual(['Pagination', 'Pagination', 'Pagination'])
  })
})
