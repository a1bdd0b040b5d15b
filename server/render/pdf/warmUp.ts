/**
 * A small plan a PDF thread renders before anyone asks it for a real one (see workerPool.ts warm): it opens
 * the four faces of the font (regular, bold, italic, bold italic) and goes once through everything a plan can
 * hold (headings, marks, links, lists, a quote, code, tables, every structured block, the contents page,
 * running header and footer), so pdfmake, pdfkit and fontkit are loaded, their tables parsed and their code
 * compiled. About two pages: enough to warm the code, small enough to leave little garbage behind.
 */
import type { JSONContent } from '@tiptap/core'
import type { PlanPdfInput } from './types.ts'

const text = (value: string, ...marks: string[]): JSONContent =>
  ({ type: 'text', text: value, ...(marks.length > 0 ? { marks: marks.map((type) => ({ type })) } : {}) })
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })
const heading = (level: number, value: string): JSONContent => ({ type: 'heading', attrs: { level }, content: [text(value)] })
const field = (name: string, value: string): JSONContent => ({ type: 'field', attrs: { name }, content: [text(value)] })
const cell = (type: string, value: string): JSONContent => ({ type, content: [paragraph(text(value))] })
const item = (value: string): JSONContent => ({ type: 'listItem', content: [paragraph(text(value))] })

const WORDS = 'Pupils read widely and often; teachers check understanding, adapt lessons and give precise feedback.'

export function warmUpInput(): PlanPdfInput {
  const doc: JSONContent = {
    type: 'doc',
    content: [
      heading(1, 'Warm-up plan'),
      paragraph(text(`${WORDS} `), text('Bold, ', 'bold'), text('italic, ', 'italic'), text('both, ', 'bold', 'italic'),
        text('underlined, ', 'underline'), text('struck, ', 'strike'), text('code', 'code'), text(' and a '),
        { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.org/' } }] }, text('.')),
      heading(2, 'Lists and tables'),
      paragraph(text(WORDS), { type: 'hardBreak' }, text(WORDS)),
      { type: 'bulletList', content: [item(WORDS), item('Attendance £1,200 – “quoted” café')] },
      { type: 'orderedList', attrs: { start: 1 }, content: [item(WORDS), item(WORDS)] },
      { type: 'blockquote', content: [paragraph(text(WORDS))] },
      { type: 'codeBlock', content: [text('  indented code')] },
      { type: 'horizontalRule' },
      { type: 'table', content: [
        { type: 'tableRow', content: [cell('tableHeader', 'Action'), cell('tableHeader', 'Who'), cell('tableHeader', 'By when')] },
        { type: 'tableRow', content: [cell('tableCell', WORDS), cell('tableCell', 'Head of maths'), cell('tableCell', 'Term 1')] },
      ] },
      heading(2, 'Blocks'),
      { type: 'finding', attrs: { id: 'warmFinding01', area: 'achievement', kind: 'development', confidence: 'high', inPlan: true }, content: [
        field('statement', WORDS), field('rootCause', WORDS),
        { type: 'evidence', attrs: { id: 'warmEvidence1', kind: 'lesson-visit', date: '2026-10-04' }, content: [field('source', 'Year 4'), field('note', WORDS)] },
      ] },
      { type: 'target', attrs: { id: 'warmTarget001', unit: '%', baselineValue: 48, milestoneAutumn: 55, targetValue: 75, targetDate: '2027-07-31', currentValue: 50, linkedFindings: ['warmFinding01'], direction: 'higher' }, content: [
        field('measure', WORDS), field('owner', 'Maths lead'),
      ] },
      { type: 'priority', attrs: { id: 'warmPriority1' }, content: [
        field('title', 'Fluent recall'), field('rationale', WORDS), field('lead', 'Deputy headteacher'),
        { type: 'action', attrs: { id: 'warmAction001', due: '2026-01-31', status: 'in-progress', linkedTargets: ['warmTarget001'] }, content: [
          field('description', WORDS), field('owner', 'Class teachers'), field('successCriteria', WORDS),
        ] },
      ] },
      { type: 'reviewPoint', attrs: { id: 'warmReview001', date: '2026-12-12', priorityRag: { warmPriority1: 'amber' } }, content: [
        field('reviewer', 'Reviewer'), field('impact', WORDS), field('nextSteps', WORDS),
      ] },
    ],
  }
  const now = new Date('2026-11-23T12:00:00Z')
  return {
    doc,
    plan: { title: 'Warm-up plan', schoolName: 'Warm-up school', ownerName: 'Warm-up' },
    label: { kind: 'snapshot', name: 'Warm-up', takenAt: now, approvedBy: ['One', 'Two'] },
    asOf: now,
  }
}

/**
 * How many times a warm-up renders its plan, unless an export comes. Much of a render's code runs once per
 * document (opening the fonts, finishing pages, subsetting and embedding the fonts, writing the file), so
 * V8 compiles it only after a few documents, whatever their length: a 40-page plan's first export took
 * 0.73 to 0.78 s after one warm-up render and 0.58 to 0.66 s after four (in-process, compiled code; six did
 * no better, and a second export takes about 0.55 s); in `npm run bench`, 0.74 to 0.81 s instead of 0.85 to
 * 0.91 s, with the same peak memory. The three more renders cost the warming thread, at its low priority,
 * about 0.35 s of CPU. A longer warm-up plan rendered once gained little.
 */
export const WARM_UP_RENDERS = 4

/**
 * Renders the warm-up plan up to `times` times, stopping after the current render once `stop()` says an
 * export is waiting (it should not wait for a warm-up). Resolves with the number of renders.
 */
export async function repeatWarmUp(render: () => Promise<unknown>, stop: () => boolean, times = WARM_UP_RENDERS): Promise<number> {
  let renders = 0
  while (renders < times) {
    await render()
    renders++
    if (stop()) break
  }
  return renders
}
