// When a block's React view is redrawn: at once for what it draws from, once typing pauses for field text.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { JSONContent } from '@tiptap/core'
import { onlyFieldTextChanged, redrawWhenDue } from '../../../client/editor/blocks/redraw.ts'
import { MAX_WAIT_MS, QUIET_MS } from '../../../client/editor/settle.ts'
import { action, priority, schema, target } from '../plan/planFixtures.ts'

const node = (json: JSONContent) => schema.nodeFromJSON(json)
/** The same block (same ids) with different texts or attributes. */
const withIds = (json: JSONContent, ids: JSONContent): JSONContent => ({
  ...json, attrs: { ...json.attrs, id: ids.attrs?.id },
  content: json.content?.map((child, i) => (child.type === 'field' ? child : withIds(child, ids.content![i]))),
})

describe('which changes to a block only touch its fields’ text', () => {
  const before = priority({ title: 'Reading', lead: 'Harry' }, action({ status: 'in-progress' }, { description: 'Daily reading' }))

  it('text typed in a field, its own or a nested block’s', () => {
    expect(onlyFieldTextChanged(node(before), node(withIds(priority({ title: 'Reading fluency', lead: 'Harry' }, action({ status: 'in-progress' }, { description: 'Daily reading' })), before)))).toBe(true)
    expect(onlyFieldTextChanged(node(before), node(withIds(priority({ title: 'Reading', lead: 'Harry' }, action({ status: 'in-progress' }, { description: 'Daily paired reading' })), before)))).toBe(true)
  })

  it('not an attribute of the block or of a nested one, nor a block added', () => {
    const t = target({ direction: 'higher' }, { measure: 'Attendance' })
    expect(onlyFieldTextChanged(node(t), node(withIds(target({ direction: 'lower' }, { measure: 'Attendance' }), t)))).toBe(false)
    expect(onlyFieldTextChanged(node(before), node(withIds(priority({ title: 'Reading', lead: 'Harry' }, action({ status: 'done' }, { description: 'Daily reading' })), before)))).toBe(false)
    const more = priority({ title: 'Reading', lead: 'Harry' }, action({ status: 'in-progress' }, { description: 'Daily reading' }), action({}))
    expect(onlyFieldTextChanged(node(before), node({ ...more, attrs: before.attrs, content: [...withIds(priority({ title: 'Reading', lead: 'Harry' }, action({ status: 'in-progress' }, { description: 'Daily reading' })), before).content!, more.content!.at(-1)!] }))).toBe(false)
  })
})

describe('a block view’s redraws', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())
  const t = target({ direction: 'higher' }, { measure: 'Attendance' })
  const typed = (text: string) => node(withIds(target({ direction: 'higher' }, { measure: text }), t))

  it('wait while someone types in a field, and come once typing pauses, with the latest', () => {
    const update = redrawWhenDue()
    const redraws: string[] = []
    let previous = node(t)
    for (const text of ['Attendanc', 'Attendance o', 'Attendance of']) {
      const next = typed(text)
      expect(update({ oldNode: previous, newNode: next, updateProps: () => redraws.push(text) })).toBe(true)
      previous = next
      vi.advanceTimersByTime(QUIET_MS - 50)
    }
    expect(redraws).toEqual([])
    vi.advanceTimersByTime(50)
    expect(redraws).toEqual(['Attendance of'])
  })

  it('come at least every so often while typing goes on, and at once for anything else', () => {
    const update = redrawWhenDue()
    const redraws: string[] = []
    let previous = node(t)
    for (let i = 0; i < 20; i++) {
      const next = typed(`Attendance ${'x'.repeat(i)}`)
      update({ oldNode: previous, newNode: next, updateProps: () => redraws.push('text') })
      previous = next
      vi.advanceTimersByTime(100)
    }
    expect(redraws.length).toBe(Math.floor((20 * 100) / MAX_WAIT_MS))
    redraws.length = 0
    update({ oldNode: previous, newNode: node(withIds(target({ direction: 'lower' }, { measure: 'Attendance' }), t)), updateProps: () => redraws.push('direction') })
    expect(redraws).toEqual(['direction'])
    // The text redraw that was waiting is covered by that one.
    vi.advanceTimersByTime(MAX_WAIT_MS)
    expect(redraws).toEqual(['direction'])
  })
})
