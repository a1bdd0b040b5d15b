// The comparison of two plans: the structural summary (every kind of change) and the text, block by block.
import { describe, expect, it } from 'vitest'
import type { JSONContent } from '@tiptap/core'
import { diffBlocks } from '../../../shared/compare/blockDiff.ts'
import { comparePlans } from '../../../shared/compare/comparePlans.ts'
import { countChanges } from '../../../shared/compare/structure.ts'
import { wordDiff } from '../../../shared/compare/wordDiff.ts'
import { planSchema } from '../../../shared/schema/extensions.ts'
import { block, doc, h, p } from '../../helpers/planJson.ts'

const schema = planSchema()

const target = (id: string, currentValue: number | null, extra: Record<string, unknown> = {}) => block('target', id, {
  direction: 'higher', unit: '%', baselineValue: 50, baselineDate: '2026-09-01', targetValue: 70, targetDate: '2027-07-31', currentValue, ...extra,
}, { measure: `Measure ${id}` })
const action = (id: string, status: string, due: string | null) => block('action', id, { status, due }, { description: `Action ${id}` })
const priority = (id: string, ...actions: JSONContent[]) => block('priority', id, {}, { title: `Priority ${id}` }, actions)
const finding = (id: string, inPlan = true) => block('finding', id, { inPlan }, { statement: `Finding ${id}` })
const review = (id: string, date: string) => block('reviewPoint', id, { date }, { reviewer: 'Sam Reviewer' })

const autumn = new Date('2026-12-01T12:00:00Z')
const spring = new Date('2027-03-15T12:00:00Z')

describe('structural compare', () => {
  const before = doc(
    h('Diagnosis'),
    finding('findA'), finding('findB'), finding('findC'),
    target('targetA', 55), target('targetB', 60), target('targetC', 52, { ragOverride: 'amber' }),
    priority('prioA', action('actA', 'in-progress', '2027-01-31'), action('actB', 'not-started', '2027-02-28'), action('actC', 'not-started', '2026-11-01')),
    review('reviewA', '2026-11-20'),
  )
  const after = doc(
    h('Diagnosis'),
    finding('findA'), finding('findB', false), finding('findD'),
    // targetA: value moved; targetB: value same (but RAG judged later, so it may move); targetC: override changed.
    target('targetA', 66), target('targetB', 60), target('targetC', 52, { ragOverride: 'red' }), target('targetD', null),
    priority('prioA', action('actA', 'done', '2027-01-31'), action('actB', 'in-progress', '2027-02-28'), action('actC', 'not-started', '2026-11-01'), action('actD', 'not-started', '2027-03-01')),
    review('reviewA', '2026-11-20'), review('reviewB', '2027-03-10'),
  )
  const { structure } = comparePlans(schema, { doc: before, at: autumn }, { doc: after, at: spring })

  it('reports targets whose current value or RAG moved, and targets added', () => {
    const moved = Object.fromEntries(structure.targetsMoved.map((move) => [move.id.slice(0, 7), move]))
    expect(moved.targetA).toMatchObject({ name: 'Measure targetA', unit: '%', before: { value: 55 }, after: { value: 66 } })
    expect(moved.targetC).toMatchObject({ before: { value: 52, rag: 'amber', manual: true }, after: { value: 52, rag: 'red', manual: true } })
    expect(moved.targetA).toMatchObject({ before: { manual: false }, after: { manual: false } })
    // targetB: the same value in March is further behind the trajectory than in December.
    expect(moved.targetB).toMatchObject({ before: { value: 60, rag: 'green' }, after: { value: 60, rag: 'amber' } })
    expect(structure.targetsAdded.map((t) => t.id)).toEqual(['targetD0'])
  })

  it('reports actions completed, newly overdue and added', () => {
    expect(structure.actionsCompleted.map((a) => a.id)).toEqual(['actA000'.padEnd(8, '0')])
    expect(structure.actionsCompleted[0]).toMatchObject({ description: 'Action actA', priorityTitle: 'Priority prioA', status: 'done' })
    // actB was due in February and is not done by March; actC was already overdue in December; actA is done.
    // actD is new and due 1 March: overdue on 15 March, so it is both added and newly overdue.
    expect(structure.actionsNewlyOverdue.map((a) => a.id)).toEqual(['actB0000', 'actD0000'])
    expect(structure.actionsAdded.map((a) => a.id)).toEqual(['actD0000'])
  })

  it('reports findings added and closed (deleted or taken out of the plan)', () => {
    expect(structure.findingsAdded.map((f) => f.id)).toEqual(['findD000'])
    expect(structure.findingsClosed).toEqual([
      { id: 'findB000', statement: 'Finding findB', how: 'notInPlan' },
      { id: 'findC000', statement: 'Finding findC', how: 'removed' },
    ])
  })

  it('reports review points added', () => {
    expect(structure.reviewPointsAdded).toEqual([{ id: 'reviewB0', date: '2027-03-10', reviewer: 'Sam Reviewer', ratings: [] }])
  })

  it('finds nothing between a plan and itself', () => {
    const same = comparePlans(schema, { doc: before, at: autumn }, { doc: before, at: autumn })
    expect(countChanges(same.structure)).toBe(0)
    expect(same.blocks.every((change) => change.kind === 'unchanged')).toBe(true)
  })
})

describe('structural compare: goalposts and deadlines', () => {
  const before = doc(
    target('targetA', 55), target('targetB', 60), target('targetC', 52),
    priority('prioA', action('actA', 'in-progress', '2027-01-31'), action('actB', 'not-started', '2027-02-28'), action('actC', 'done', '2026-11-01'), action('actE', 'in-progress', '2027-05-01')),
  )
  const after = doc(
    // targetA: its goal raised and its date moved; targetB: reworded (spaces alone are no change), owner set;
    // targetC: removed.
    target('targetA', 55, { targetValue: 80, targetDate: '2027-12-31' }),
    block('target', 'targetB', { direction: 'higher', unit: '%', baselineValue: 50, baselineDate: '2026-09-01', targetValue: 70, targetDate: '2027-07-31', currentValue: 60 },
      { measure: 'Measure  of targetB', owner: 'Sam Head' }),
    // actA: deadline moved later; actB: blocked; actC: done, its date tidied (not news); actE: removed.
    priority('prioA', action('actA', 'in-progress', '2027-03-31'), action('actB', 'blocked', '2027-02-28'), action('actC', 'done', '2026-11-15')),
  )
  const { structure } = comparePlans(schema, { doc: before, at: autumn }, { doc: after, at: autumn })

  it('reports targets redefined, field by field, and targets removed', () => {
    expect(structure.targetsRedefined).toEqual([
      { id: 'targetA0', name: 'Measure targetA', unit: '%', unitBefore: '%', changes: [
        { field: 'targetValue', before: 70, after: 80 },
        { field: 'targetDate', before: '2027-07-31', after: '2027-12-31' },
      ] },
      { id: 'targetB0', name: 'Measure  of targetB', unit: '%', unitBefore: '%', changes: [
        { field: 'measure', before: 'Measure targetB', after: 'Measure of targetB' },
        { field: 'owner', before: '', after: 'Sam Head' },
      ] },
    ])
    expect(structure.targetsRemoved).toEqual([{ id: 'targetC0', name: 'Measure targetC' }])
    expect(structure.targetsMoved).toEqual([])
  })

  it('reports deadlines moved on unfinished actions, actions newly blocked and actions removed', () => {
    expect(structure.actionsRescheduled).toEqual([
      { id: 'actA0000', description: 'Action actA', priorityTitle: 'Priority prioA', due: '2027-03-31', dueBefore: '2027-01-31', status: 'in-progress' },
    ])
    expect(structure.actionsNewlyBlocked.map((a) => a.id)).toEqual(['actB0000'])
    expect(structure.actionsRemoved).toEqual([
      { id: 'actE0000', description: 'Action actE', priorityTitle: 'Priority prioA', due: '2027-05-01', status: 'in-progress' },
    ])
    expect(structure.actionsCompleted).toEqual([])
  })
})

describe('text compare', () => {
  it('marks inserted and deleted words', () => {
    expect(wordDiff('Raise attainment in maths', 'Raise attainment in reading and maths')).toEqual([
      { op: 'equal', text: 'Raise attainment in ' },
      { op: 'insert', text: 'reading and ' },
      { op: 'equal', text: 'maths' },
    ])
    expect(wordDiff('all pupils read daily', 'most pupils write daily')).toEqual([
      { op: 'delete', text: 'all' }, { op: 'insert', text: 'most' },
      { op: 'equal', text: ' pupils ' },
      { op: 'delete', text: 'read' }, { op: 'insert', text: 'write' },
      { op: 'equal', text: ' daily' },
    ])
    expect(wordDiff('old words here', 'new text here')).toEqual([
      { op: 'delete', text: 'old words' }, { op: 'insert', text: 'new text' }, { op: 'equal', text: ' here' },
    ])
  })

  it('aligns blocks by id however they move, and others by their text', () => {
    const before = doc(h('Targets'), p('First paragraph.'), target('targetA', 55), p('A paragraph that goes.'), finding('findA'))
    const after = doc(h('Targets'), finding('findA'), p('First paragraph, reworded.'), target('targetA', 60), p('A new paragraph.'))
    const changes = diffBlocks(before, after)
    expect(changes.map((change) => [change.kind, change.type])).toEqual([
      ['unchanged', 'heading'],
      ['unchanged', 'finding'],
      ['changed', 'paragraph'],
      ['changed', 'target'],
      ['changed', 'paragraph'],
    ])
    expect(changes[2].segments).toEqual([
      { op: 'equal', text: 'First ' },
      { op: 'delete', text: 'paragraph.' },
      { op: 'insert', text: 'paragraph, reworded.' },
    ])
    const targetText = changes[3].segments
    expect(targetText).toContainEqual({ op: 'delete', text: '55%' })
    expect(targetText).toContainEqual({ op: 'insert', text: '60%' })
    expect(changes[3].label).toBe('Target: Measure targetA')
  })

  it('shows blocks added and removed in place', () => {
    const before = doc(h('One'), p('Kept.'), target('targetA', 1), p('Gone.'))
    const after = doc(h('One'), p('Kept.'), h('Two'))
    expect(diffBlocks(before, after).map((change) => [change.kind, change.label])).toEqual([
      ['unchanged', 'Heading 2'],
      ['unchanged', 'Paragraph'],
      ['removed', 'Target: Measure targetA'],
      ['removed', 'Paragraph'],
      ['added', 'Heading 2'],
    ])
    // A typed block is never paired with a different typed block of the same kind.
    const swapped = diffBlocks(doc(target('targetA', 1)), doc(target('targetB', 1)))
    expect(swapped.map((change) => change.kind)).toEqual(['removed', 'added'])
  })
})

describe('compare: the RAG ratings given at review points', () => {
  const rated = (id: string, date: string, priorityRag: Record<string, string>) => block('reviewPoint', id, { date, priorityRag }, { reviewer: 'Sam Reviewer' })
  const [reading, maths, gone] = ['prioRead', 'prioMath', 'prioGone'].map((id) => id.padEnd(8, '0'))
  const before = doc(
    priority('prioRead'), priority('prioMath'), priority('prioGone'),
    rated('reviewA', '2026-11-20', { [reading]: 'amber', [maths]: 'red', [gone]: 'green' }),
  )
  const after = doc(
    // Maths comes first now; "gone" is deleted, its rating cleared; reading is rated green.
    priority('prioMath'), priority('prioRead'),
    rated('reviewA', '2026-11-20', { [reading]: 'green', [maths]: 'red' }),
    rated('reviewB', '2027-03-10', { [reading]: 'green', [maths]: 'amber' }),
  )
  const { structure, blocks } = comparePlans(schema, { doc: before, at: autumn }, { doc: after, at: spring })

  it('reports each priority rated differently at a review point both versions hold', () => {
    expect(structure.reviewRatingsChanged).toEqual([
      { reviewId: 'reviewA0', date: '2026-11-20', reviewer: 'Sam Reviewer', priorityId: reading, priorityTitle: 'Priority prioRead', before: 'amber', after: 'green' },
      { reviewId: 'reviewA0', date: '2026-11-20', reviewer: 'Sam Reviewer', priorityId: gone, priorityTitle: 'Priority prioGone', before: 'green', after: null },
    ])
  })

  it('gives a new review point\'s ratings, in the order of the priorities in the plan', () => {
    expect(structure.reviewPointsAdded).toEqual([{
      id: 'reviewB0', date: '2027-03-10', reviewer: 'Sam Reviewer',
      ratings: [{ priorityId: maths, priorityTitle: 'Priority prioMath', rag: 'amber' }, { priorityId: reading, priorityTitle: 'Priority prioRead', rag: 'green' }],
    }])
  })

  it('shows the ratings in the text of the review point, named by the priorities\' titles', () => {
    const review = blocks.find((change) => change.type === 'reviewPoint' && change.kind === 'changed')!
    const deleted = review.segments.filter((segment) => segment.op === 'delete').map((segment) => segment.text).join(' ')
    // (Reading's "Amber" and the deleted priority's line go; the "Green" left is reading's.)
    expect(deleted).toBe('Amber\nRAG for Priority prioGone: ')
    const text = review.segments.filter((segment) => segment.op !== 'delete').map((segment) => segment.text).join('')
    expect(text).toContain('RAG for Priority prioMath: Red\nRAG for Priority prioRead: Green')
    expect(countChanges(comparePlans(schema, { doc: after, at: spring }, { doc: after, at: spring }).structure)).toBe(0)
  })

  it('counts a retitled priority once, not again in each review point that rates it', () => {
    const retitled = doc(
      block('priority', 'prioMath', {}, { title: 'Mathematics fluency' }), priority('prioRead'),
      rated('reviewA', '2026-11-20', { [reading]: 'green', [maths]: 'red' }),
      rated('reviewB', '2027-03-10', { [reading]: 'green', [maths]: 'amber' }),
    )
    const kinds = comparePlans(schema, { doc: after, at: spring }, { doc: retitled, at: spring }).blocks.map((change) => `${change.type} ${change.kind}`)
    expect(kinds).toEqual(['priority changed', 'priority unchanged', 'reviewPoint unchanged', 'reviewPoint unchanged'])
  })
})

describe('compare: a target\'s text', () => {
  it('includes its termly milestones, so a milestone moved shows in the target\'s text', () => {
    const before = doc(target('targetA', 55, { milestoneAutumn: 58, milestoneSpring: 62 }))
    const after = doc(target('targetA', 55, { milestoneAutumn: 58, milestoneSpring: 65 }))
    const [change] = diffBlocks(before, after)
    expect(change.kind).toBe('changed')
    const text = change.segments.map((segment) => `${segment.op === 'equal' ? '' : segment.op === 'insert' ? '+' : '-'}${segment.text}`).join('')
    expect(text).toContain('Autumn milestone: 58%')
    expect(text).toContain('Spring milestone: -62%+65%')
  })
})
