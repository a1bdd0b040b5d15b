/**
 * A long improvement plan as ProseMirror JSON (the plan schema's node types): per page, roughly a
 * heading, about 450 words of paragraphs, a bulleted list and, every other page, a table of actions.
 * Forty "pages" is about 20,000 words: at least forty pages of A4 in any reasonable layout.
 */
import type { JSONContent } from '@tiptap/core'
import { newFinding, newPriority, newTarget } from '../../shared/plan/blocks.ts'

const WORDS = ('the school will raise attainment in reading writing and mathematics by improving the quality of teaching ' +
  'through coaching regular low stakes assessment and precise feedback so that disadvantaged pupils make at least ' +
  'expected progress leaders will check the impact each half term and report to governors on attendance behaviour ' +
  'and the curriculum in every key stage').split(' ')

function sentence(seed: number, words: number): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 31 + i * 7) % WORDS.length])
  const text = out.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1) + '.'
}

const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({ type: 'text', text: value, ...(marks ? { marks } : {}) })
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })
const cell = (type: 'tableHeader' | 'tableCell', value: string): JSONContent => ({ type, content: [paragraph(text(value))] })

export function longPlan(pages: number): JSONContent {
  const content: JSONContent[] = [{ type: 'heading', attrs: { level: 1 }, content: [text('School improvement plan 2026 to 2029')] }]
  for (let page = 1; page <= pages; page++) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: [text(`${page}. Priority ${page}: ${sentence(page, 6).slice(0, -1)}`)] })
    for (let p = 0; p < 4; p++) {
      content.push(paragraph(
        text(sentence(page * 10 + p, 45) + ' '),
        text(sentence(page * 10 + p + 5, 12), [{ type: 'bold' }]),
        text(' ' + sentence(page * 10 + p + 7, 40)),
      ))
    }
    content.push({
      type: 'bulletList',
      content: Array.from({ length: 5 }, (_, i) => ({ type: 'listItem', content: [paragraph(text(sentence(page + i, 14)))] })),
    })
    if (page % 2 === 0) {
      content.push({
        type: 'table',
        content: [
          { type: 'tableRow', content: ['Action', 'Who', 'By when', 'Evidence of impact'].map((h) => cell('tableHeader', h)) },
          ...Array.from({ length: 6 }, (_, r) => ({
            type: 'tableRow',
            content: [sentence(page + r, 8), 'Head of maths', `Term ${1 + (r % 3)}`, sentence(page + r + 3, 10)].map((v) => cell('tableCell', v)),
          })),
        ],
      })
    }
  }
  return { type: 'doc', content }
}

/**
 * A long plan of blocks, as a leader builds one from a template: per area of the school, a heading, a
 * finding with two pieces of evidence, a target, and a priority with three actions, every field filled.
 * Thirty areas make 240 blocks and 750 text fields.
 */
export function blockPlan(areas: number): JSONContent {
  const filled = (block: JSONContent, seed: number): JSONContent => ({
    ...block,
    content: block.content?.map((child, i) => (child.type === 'field' ? { ...child, content: [text(sentence(seed + i, 8))] } : filled(child, seed + i * 7))),
  })
  const content: JSONContent[] = [{ type: 'heading', attrs: { level: 1 }, content: [text('School improvement plan 2026 to 2029')] }]
  for (let area = 1; area <= areas; area++) {
    content.push({ type: 'heading', attrs: { level: 2 }, content: [text(`Area ${area}`)] })
    content.push(filled(newFinding({}, 2), area * 100))
    content.push(filled(newTarget(), area * 100 + 30))
    content.push(filled(newPriority(3), area * 100 + 60))
  }
  return { type: 'doc', content }
}
