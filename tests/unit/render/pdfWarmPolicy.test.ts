// When a PDF thread is warmed: while a long plan is being edited, never for short ones.
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import type { JSONContent } from '@tiptap/core'
import { contentUpdate } from '../../../server/plans/content.ts'
import { LONG_PLAN_CHARACTERS, planTextLength, PdfWarmPolicy } from '../../../server/render/pdf/warmPolicy.ts'
import { findTemplate } from '../../../shared/templates/index.ts'
import { PLAN_FRAGMENT } from '../../../shared/ydoc.ts'

function fragmentOf(content: JSONContent): Y.XmlFragment {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, contentUpdate(content))
  return doc.getXmlFragment(PLAN_FRAGMENT)
}

const text = (value: string): JSONContent => ({ type: 'text', text: value })
const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: [text(value)] })
/** `paragraphs` paragraphs of about 600 characters each. */
const plan = (paragraphs: number): JSONContent => ({
  type: 'doc',
  content: Array.from({ length: paragraphs }, (_, i) => paragraph(`${i}. ${'Pupils read widely and often. '.repeat(20)}`)),
})

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

function policy(lengths: Record<string, number>, remeasureMs = 30_000) {
  let warmed = 0
  const measured: string[] = []
  const warmth = new PdfWarmPolicy(
    { warm: async () => { warmed++; return true } },
    async (planId) => {
      measured.push(planId)
      if (!(planId in lengths)) throw new Error('no such plan')
      return lengths[planId]
    },
    { remeasureMs },
  )
  return { warmth, measured, warmed: () => warmed }
}

describe('planTextLength', () => {
  it('counts the characters of a plan’s text, nested blocks included', () => {
    expect(planTextLength(fragmentOf({ type: 'doc', content: [
      { type: 'heading', attrs: { level: 1 }, content: [text('Ab')] },
      { type: 'paragraph', content: [text('cd'), { type: 'text', text: 'e', marks: [{ type: 'bold' }] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('fg')] }] },
      { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph('h')] }] }] },
    ] }))).toBe(8)
    expect(planTextLength(fragmentOf(plan(100)))).toBeGreaterThan(LONG_PLAN_CHARACTERS)
    expect(planTextLength(fragmentOf(plan(20)))).toBeLessThan(LONG_PLAN_CHARACTERS)
    const template = fragmentOf(findTemplate('nle-support')!.content({ title: 'Plan', schoolName: 'School' }))
    expect(planTextLength(template)).toBeGreaterThan(500)
    expect(planTextLength(template)).toBeLessThan(5_000)
    expect(planTextLength(new Y.Doc().getXmlFragment(PLAN_FRAGMENT))).toBe(0)
  })
})

describe('PdfWarmPolicy', () => {
  it('warms a thread when a long plan is edited, and keeps it wanted on later edits without measuring again', async () => {
    const { warmth, measured, warmed } = policy({ long: LONG_PLAN_CHARACTERS })
    warmth.edited('long')
    await settle()
    expect(warmed()).toBe(1)
    warmth.edited('long')
    warmth.edited('long')
    await settle()
    expect(warmed()).toBe(3)
    expect(measured).toEqual(['long'])
  })

  it('warms nothing for a short plan, nor for a plan it cannot read', async () => {
    const { warmth, measured, warmed } = policy({ short: LONG_PLAN_CHARACTERS - 1 })
    warmth.edited('short')
    warmth.edited('gone')
    warmth.edited('short')
    await settle()
    expect(warmed()).toBe(0)
    expect(measured).toEqual(['short', 'gone'])
  })

  it('measures a plan again once remeasureMs has passed: a plan that grew long warms a thread', async () => {
    // Only the clock is faked (settle's timer is real), so a stall between the edits cannot add a measurement.
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const start = new Date('2025-03-03T09:00:00Z').getTime()
      vi.setSystemTime(start)
      const lengths = { growing: 10 }
      const { warmth, measured, warmed } = policy(lengths, 50)
      warmth.edited('growing')
      await settle()
      lengths.growing = LONG_PLAN_CHARACTERS
      vi.setSystemTime(start + 49)
      warmth.edited('growing')
      await settle()
      expect(measured).toEqual(['growing'])
      expect(warmed()).toBe(0)
      vi.setSystemTime(start + 50)
      warmth.edited('growing')
      await settle()
      expect(measured).toEqual(['growing', 'growing'])
      expect(warmed()).toBe(1)
    } finally {
      vi.useRealTimers()
    }
  })
})
