// Nothing written is ever left out of a PDF, however long, and no page ends on a heading whose section
// starts overleaf. pdfmake prints only the first page of anything it must keep together (keep.ts).
import { describe, expect, it } from 'vitest'
import type { JSONContent } from '@tiptap/core'
import type { Content } from 'pdfmake/interfaces'
import { renderBody } from '../../../server/render/pdf/body.ts'
import { fitsOnAPage } from '../../../server/render/pdf/keep.ts'
import { References } from '../../../server/render/pdf/references.ts'
import { renderPlanPdfBuffer } from '../../../server/render/pdf/renderPlanPdf.ts'
import type { RenderContext } from '../../../server/render/pdf/types.ts'
import { pdfPages, pdfText, savePdf } from '../../helpers/pdf.ts'
import { block, h, p } from '../../helpers/planJson.ts'

/** About three pages of words, numbered, ending with a word of its own. */
const long = (tag: string) => `${Array.from({ length: 1600 }, (_, i) => `${tag}${i}`).join(' ')} ${tag}Last`

async function textOf(name: string, content: JSONContent[]): Promise<{ text: string; pages: number }> {
  const file = savePdf(`long-${name}`, await renderPlanPdfBuffer({
    doc: { type: 'doc', content }, plan: { title: 'Long plan', schoolName: 'Eastgate Academy' }, label: { kind: 'live', exportedAt: new Date('2026-11-25T12:00:00Z') },
  }))
  return { text: pdfText(file), pages: pdfPages(file) }
}

describe('a PDF of a plan with text longer than a page', () => {
  const cases: [string, JSONContent[], string][] = [
    ['a paragraph after a heading', [h('Diagnosis'), p(long('para'))], 'para'],
    ['a finding\'s statement', [block('finding', 'findA', { kind: 'development' }, { statement: long('statement'), rootCause: 'Leaders do not check.' })], 'statement'],
    ['an action\'s description', [block('priority', 'prioA', {}, { title: 'Reading' }, [block('action', 'actA', { status: 'in-progress' }, { description: long('action') })])], 'action'],
    ['a priority\'s rationale', [block('priority', 'prioA', {}, { title: 'Reading', rationale: long('rationale') }, [block('action', 'actA', {}, { description: 'Train staff' })])], 'rationale'],
    ['a target\'s measure', [block('target', 'targetA', {}, { measure: long('measure') })], 'measure'],
    ['a review point\'s evidence of impact', [block('reviewPoint', 'reviewA', { date: '2027-03-10' }, { reviewer: 'Sam Reviewer', impact: long('impact') })], 'impact'],
  ]
  for (const [what, content, tag] of cases) {
    it(`prints all of ${what}`, async () => {
      const { text, pages } = await textOf(tag, content)
      for (const word of [`${tag}0`, `${tag}800`, `${tag}1599`, `${tag}Last`]) expect(text, word).toContain(` ${word} `)
      expect(pages).toBeGreaterThan(4)
    })
  }
})

describe('keeping a section\'s start together', () => {
  const ctx = (doc: JSONContent): RenderContext => ({ asOf: new Date('2026-11-25T12:00:00Z'), references: new References(doc), contents: [], nextId: (prefix) => `${prefix}-1` })
  const body = (...content: JSONContent[]) => {
    const doc = { type: 'doc', content }
    return renderBody(doc, ctx(doc))
  }
  const texts = (content: Content): string => JSON.stringify(content)

  it('keeps a heading, its guidance and the first finding of the section on one page', () => {
    const out = body(h('Diagnosis'), p('One finding for each area for improvement.'), p(''), block('finding', 'findA', {}, { statement: 'Reading is weak.' }), block('finding', 'findB', {}, { statement: 'Maths is weak.' }))
    expect(out).toHaveLength(2)
    const first = out[0] as { stack: Content[]; unbreakable: boolean }
    expect(first.unbreakable).toBe(true)
    expect(first.stack.map(texts)).toEqual([
      expect.stringContaining('Diagnosis'), expect.stringContaining('One finding for each area'), expect.stringContaining('Reading is weak.'),
    ])
    expect(texts(out[1])).toContain('Maths is weak.')
  })

  it('keeps a heading with the start of a priority', () => {
    const out = body(h('Priorities and actions'), p('One priority for each area.'), block('priority', 'prioA', {}, { title: 'Reading' }, [block('action', 'actA', {}, { description: 'Train staff' })]))
    expect(out).toHaveLength(1)
    expect((out[0] as { unbreakable: boolean }).unbreakable).toBe(true)
    expect(texts(out[0])).toContain('Train staff')
  })

  it('keeps nothing together that might not fit on a page', () => {
    const out = body(h('Diagnosis'), p(long('para')))
    expect(out.some((content) => (content as { unbreakable?: boolean }).unbreakable)).toBe(false)
    expect(fitsOnAPage({ text: 'A short line.' }, { stack: [{ text: 'Another.' }] })).toBe(true)
    expect(fitsOnAPage({ text: 'x'.repeat(80 * 30) })).toBe(true)
    expect(fitsOnAPage({ text: 'x'.repeat(80 * 45) })).toBe(false)
    expect(fitsOnAPage({ table: { body: Array.from({ length: 31 }, () => [{ text: '1' }]) } })).toBe(false)
  })
})
