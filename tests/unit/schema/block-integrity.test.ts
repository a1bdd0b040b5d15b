// The integrity plugin: a pasted or split copy of a block gets a fresh id, the original keeps its own (the
// part of a split block holding its text), and a block cut open gets its fields back. Remote (y-sync) changes are never touched.
import { describe, expect, it } from 'vitest'
import { EditorState } from '@tiptap/pm/state'
import { Slice, Fragment } from '@tiptap/pm/model'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { blockIntegrityKey, forEachBlock, repairBlocks } from '../../../shared/schema/blockIntegrity.ts'
import { isBlockId } from '../../../shared/schema/attributes.ts'
import { BlockIntegrity } from '../../../shared/schema/blockIntegrity.ts'
import { readPlan } from '../../../shared/plan/model.ts'
import { action, finding, idOf, planJson, planNode, priority, schema, target } from '../plan/planFixtures.ts'

function stateWith(...blocks: Parameters<typeof planNode>) {
  const plugins = BlockIntegrity.config.addProseMirrorPlugins!.call({} as never)
  return EditorState.create({ schema, doc: planNode(...blocks), plugins })
}

const ids = (state: EditorState) => {
  const found: string[] = []
  forEachBlock(state.doc, (node) => found.push(node.attrs.id))
  return found
}

describe('block integrity', () => {
  it('gives a pasted copy a fresh id and leaves the original its own, even when pasted above it', () => {
    const original = target({}, { measure: 'Attendance' })
    const state = stateWith(original)
    const copy = state.doc.child(1)
    // Paste the copy before the original (position 0 would be inside the heading's start; use after the heading).
    const at = state.doc.child(0).nodeSize
    const { state: after } = state.applyTransaction(state.tr.replace(at, at, new Slice(Fragment.from(copy), 0, 0)))
    const [first, second] = ids(after)
    expect(second).toBe(idOf(original))
    expect(isBlockId(first)).toBe(true)
    expect(first).not.toBe(idOf(original))
  })

  it('leaves the id with the part holding the original’s text when a change splits a block in two', () => {
    // A letter typed between a block's fields (at a gap cursor there, before the schema ruled one out) is
    // a new field the block cannot hold: ProseMirror splits the block, and both parts carry its id. The
    // new part, with the letter, comes first, where the original started.
    for (const [name, original, text] of [
      ['finding', finding({}, { statement: 'Pupils with SEND do not get help.', rootCause: 'No training' }), 'Pupils with SEND do not get help.'],
      ['target', target({}, { measure: 'Attendance', owner: 'Head' }), 'Attendance'],
      ['priority', priority({ title: 'Reading' }, action({}, { description: 'Library' })), 'Reading'],
    ] as const) {
      const state = stateWith(original, target({}))
      const at = state.doc.child(0).nodeSize + 1
      const { state: after } = state.applyTransaction(state.tr.insertText('P', at))
      const blocks: { id: string; title: string }[] = []
      forEachBlock(after.doc, (node, pos) => { if (after.doc.resolve(pos).depth === 0) blocks.push({ id: node.attrs.id, title: node.child(0).textContent }) })
      expect(blocks.length, name).toBe(3)
      expect(blocks.find((block) => block.title === text)?.id, name).toBe(idOf(original))
      expect(blocks.find((block) => block.title === 'P')?.id, name).not.toBe(idOf(original))
      expect(new Set(ids(after)).size, name).toBe(ids(after).length)
    }
  })

  it('gives a copy pasted after the original a fresh id', () => {
    const original = finding({}, { statement: 'Behaviour' })
    const state = stateWith(original)
    const at = state.doc.content.size
    const { state: after } = state.applyTransaction(state.tr.replace(at, at, new Slice(Fragment.from(state.doc.child(1)), 0, 0)))
    const [first, second] = ids(after)
    expect(first).toBe(idOf(original))
    expect(isBlockId(second) && second !== first).toBe(true)
  })

  it('gives an id to a block that has none', () => {
    const state = stateWith(target({ id: null }))
    const { state: after } = state.applyTransaction(state.tr.insertText('x', 1))
    expect(isBlockId(ids(after)[0])).toBe(true)
  })

  it('leaves changes from others alone', () => {
    const state = stateWith(target({ id: null }))
    const tr = state.tr.insertText('x', 1).setMeta(ySyncPluginKey, { isChangeOrigin: true })
    const { state: after } = state.applyTransaction(tr)
    expect(ids(after)).toEqual([null])
    expect(blockIntegrityKey.get(after)).toBeDefined()
  })

  it('restores missing fields and their names, in order', () => {
    const json = planJson(target({}, { measure: 'Attendance' }))
    // A target left with only its owner field, misnamed.
    json.content![1].content = [{ type: 'field', attrs: { name: 'wrong' }, content: [{ type: 'text', text: 'Head' }] }]
    const state = EditorState.create({ schema, doc: schema.nodeFromJSON(json) })
    const tr = repairBlocks(state)!
    const names: string[] = []
    tr.doc.child(1).forEach((field) => names.push(field.attrs.name))
    expect(names).toEqual(['measure', 'dataSource', 'owner'])
    expect(tr.doc.child(1).child(0).textContent).toBe('Head')
    expect(() => tr.doc.check()).not.toThrow()
  })

  it('keeps text that landed inside a block by joining it to the last field, and repairs blocks inside blocks', () => {
    const json = planJson(priority({ title: 'Reading' }, action({}, { description: 'Library' })))
    const priorityJson = json.content![1]
    priorityJson.content!.splice(1, 1)
    priorityJson.content!.push({ type: 'paragraph', content: [{ type: 'text', text: 'Pasted note' }] })
    priorityJson.content![2].content = [] // the action lost all its fields
    const state = EditorState.create({ schema, doc: schema.nodeFromJSON(json) })
    const tr = repairBlocks(state)!
    expect(() => tr.doc.check()).not.toThrow()
    const model = readPlan(tr.doc)
    expect(model.priorities[0].title).toBe('Reading')
    expect(model.priorities[0].lead).toBe('Pasted note')
    expect(model.priorities[0].actions).toHaveLength(1)
  })

  it('does nothing to a healthy plan', () => {
    const state = EditorState.create({ schema, doc: planNode(target({}), target({})) })
    expect(repairBlocks(state)).toBeNull()
  })
})
