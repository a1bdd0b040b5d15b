// Styles resolved before pdfmake (flatten.ts): the same document as pdfmake's own resolution, byte for byte.
import { describe, expect, it } from 'vitest'
import type { JSONContent } from '@tiptap/core'
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { planPdfDefinition, planPdfDocument } from '../../../server/render/pdf/definition.ts'
import { flattenStyles } from '../../../server/render/pdf/flatten.ts'
import { renderDefinition } from '../../../server/render/pdf/renderPlanPdf.ts'
import type { PlanPdfInput } from '../../../server/render/pdf/types.ts'
import { warmUpInput } from '../../../server/render/pdf/warmUp.ts'
import { findTemplate } from '../../../shared/templates/index.ts'

const STYLES = {
  body: { fontSize: 10, color: '#111111' },
  heading: { fontSize: 16, bold: true, margin: [0, 8, 0, 4] as [number, number, number, number] },
  muted: { color: '#777777', italics: true },
  small: { fontSize: 8 },
}

async function pdfBytes(definition: TDocumentDefinitions): Promise<Buffer> {
  // A fixed creation date makes the file (and its ID) the same from one rendering to the next.
  const stream = await renderDefinition({ ...definition, info: { ...definition.info, creationDate: new Date('2026-11-23T12:00:00Z') } })
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const t = (text: string, ...marks: string[]): JSONContent => ({ type: 'text', text, ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}) })
const p = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })

describe('flattenStyles', () => {
  it('merges named styles under a node’s own properties, later names winning, and drops the names', () => {
    const [node] = flattenStyles([{ text: 'x', style: ['heading', 'muted'], color: '#ff0000', bold: null } as unknown as Content], STYLES)
    expect(node).toMatchObject({ text: 'x', fontSize: 16, bold: true, italics: true, color: '#ff0000', margin: [0, 8, 0, 4] })
    expect(node).not.toHaveProperty('style')
  })

  it('gives a text node what it inherits, and leaves its runs small, with their own styles merged', () => {
    const [table] = flattenStyles([{
      table: { body: [[{ stack: [{ text: [{ text: 'a' }, { text: 'b', style: 'muted' }, 'c'] }], style: 'small' }, {}]] },
      fontSize: 9,
    } as Content], STYLES, { font: 'Roboto', ...STYLES.body }) as { table: { body: Record<string, unknown>[][] } }[]
    const cell = table.table.body[0][0] as { stack: { text: unknown[] }[]; fontSize: number }
    expect(cell.fontSize).toBe(8)
    const leaf = cell.stack[0]
    expect(leaf).toMatchObject({ font: 'Roboto', fontSize: 8, color: '#111111', bold: false, lineHeight: 1 })
    expect(leaf.text).toEqual([{ text: 'a' }, { text: 'b', color: '#777777', italics: true }, 'c'])
    // A spanned cell's placeholder stays empty, as pdfmake wants it.
    expect(table.table.body[0][1]).toEqual({})
  })

  it('leaves the definition it was given untouched', () => {
    const content: Content[] = [{ stack: [{ text: 'x', style: 'muted' }] }]
    const before = JSON.stringify(content)
    flattenStyles(content, STYLES)
    expect(JSON.stringify(content)).toBe(before)
  })

  it('refuses styles that extend others (it does not follow them)', () => {
    expect(() => flattenStyles([], { a: { bold: true }, b: { extends: 'a' } as never })).toThrow(/extends/)
  })

  it('lays out exactly what pdfmake lays out from the named styles', async () => {
    const content: Content[] = [
      { text: 'Title', style: 'heading', id: 'top' },
      { text: [{ text: 'Plain, ' }, { text: 'muted, ', style: 'muted' }, { text: 'bold', bold: true }, { text: ' link', link: 'https://example.org/', decoration: 'underline' }], style: 'body' },
      { ul: [{ text: 'one', style: 'small' }, { stack: [{ text: 'two' }, { text: 'three', style: 'muted' }] }], color: '#224466', markerColor: '#999999' },
      { table: { widths: ['*', 60], body: [[{ text: 'head', style: 'heading' }, { text: 'x', style: ['muted', 'small'] }], [{ stack: [{ text: 'cell', style: 'small' }], colSpan: 2 }, {}]] }, fontSize: 9 },
      { columns: [{ text: 'left', style: 'muted' }, { text: [{ text: 'right ' }, { text: 'page', style: 'small' }] }] },
      { pageReference: 'top', style: 'small', alignment: 'right' },
    ]
    const definition: TDocumentDefinitions = { content, styles: STYLES, defaultStyle: { font: 'Roboto', ...STYLES.body } }
    const flattened: TDocumentDefinitions = { ...definition, content: flattenStyles(content, STYLES, definition.defaultStyle) }
    expect((await pdfBytes(flattened)).equals(await pdfBytes(definition))).toBe(true)
  })

  it('leaves an exported plan byte for byte as it was: every template, rich text and every block', async () => {
    const template = findTemplate('nle-support')!.content({ title: 'Plan', schoolName: 'Seaview Primary' })
    const rich: JSONContent[] = [
      p(t('Reading is '), t('strong', 'bold'), t(' but '), t('writing lags', 'italic'), t(', '), t('both', 'bold', 'italic'), t(' and '), t('code', 'code')),
      { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('one')), { type: 'orderedList', content: [{ type: 'listItem', content: [p(t('nested'))] }] }] }] },
      { type: 'blockquote', content: [p(t('quoted'))] },
      { type: 'table', content: [
        { type: 'tableRow', content: [{ type: 'tableHeader', attrs: { colspan: 2 }, content: [p(t('Wide'))] }] },
        { type: 'tableRow', content: [{ type: 'tableCell', content: [p(t('a'))] }, { type: 'tableCell', content: [p(t('b'))] }] },
      ] },
    ]
    const inputs: PlanPdfInput[] = [
      warmUpInput(),
      { ...warmUpInput(), doc: { ...template, content: [...template.content!, ...rich, ...warmUpInput().doc.content!] }, label: { kind: 'live', exportedAt: new Date('2026-11-23T12:00:00Z') } },
    ]
    for (const input of inputs) {
      expect((await pdfBytes(planPdfDefinition(input))).equals(await pdfBytes(planPdfDocument(input)))).toBe(true)
    }
  })
})
