// Two people edit the same block at once, each through y-tiptap's own ProseMirror → Yjs path
// (updateYFragment, what the editor's sync plugin calls), and both keep their work.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { prosemirrorJSONToYXmlFragment, updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import type { Node as PMNode } from '@tiptap/pm/model'
import { EditorState, type Transaction } from '@tiptap/pm/state'
import { readPlan } from '../../../shared/plan/model.ts'
import { PLAN_FRAGMENT } from '../../../shared/ydoc.ts'
import { action, planJson, priority, schema, target } from '../plan/planFixtures.ts'

interface Person {
  doc: Y.Doc
  /** Makes a local edit as the editor would: a ProseMirror transaction, synced into the Y.Doc. */
  edit(change: (tr: Transaction, doc: PMNode) => void): void
  read(): PMNode
}

function person(clientID: number, start: Uint8Array): Person {
  const doc = new Y.Doc()
  doc.clientID = clientID
  Y.applyUpdate(doc, start)
  const fragment = doc.getXmlFragment(PLAN_FRAGMENT)
  const read = () => yXmlFragmentToProseMirrorRootNode(fragment, schema)
  return {
    doc,
    read,
    edit(change) {
      const state = EditorState.create({ schema, doc: read() })
      const tr = state.tr
      change(tr, tr.doc)
      const meta = { mapping: new Map(), isOMark: new Map() }
      doc.transact(() => updateYFragment(doc, fragment, tr.doc, meta as never))
    },
  }
}

function exchange(a: Person, b: Person): void {
  const fromA = Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc))
  const fromB = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc))
  Y.applyUpdate(b.doc, fromA)
  Y.applyUpdate(a.doc, fromB)
}

/** Position of the start of a block's named field's text, for the first block of `type`. */
function fieldStart(doc: PMNode, type: string, field: string): number {
  let found = -1
  doc.descendants((node, pos) => {
    if (found !== -1) return false
    if (node.type.name === type) {
      node.forEach((child, offset) => {
        if (found === -1 && child.type.name === 'field' && child.attrs.name === field) found = pos + 1 + offset + 1
      })
    }
    return true
  })
  if (found === -1) throw new Error(`no ${type}.${field}`)
  return found
}

function blockPos(doc: PMNode, type: string): number {
  let found = -1
  doc.descendants((node, pos) => {
    if (found === -1 && node.type.name === type) found = pos
    return found === -1
  })
  return found
}

function startingDoc(): Uint8Array {
  const origin = new Y.Doc()
  const json = planJson(
    target({ baselineValue: 90, linkedFindings: [] }, { measure: 'Attendance', owner: 'Head' }),
    priority({ title: 'Attendance' }, action({ status: 'not-started' }, { description: 'Calls' })),
  )
  prosemirrorJSONToYXmlFragment(schema, schema.nodeFromJSON(json).toJSON(), origin.getXmlFragment(PLAN_FRAGMENT))
  return Y.encodeStateAsUpdate(origin)
}

describe('two people editing one block at once', () => {
  it('keeps both when they set different attributes of the same target', () => {
    const start = startingDoc()
    const a = person(1, start)
    const b = person(2, start)
    a.edit((tr, doc) => tr.setNodeAttribute(blockPos(doc, 'target'), 'currentValue', 92))
    b.edit((tr, doc) => {
      const pos = blockPos(doc, 'target')
      tr.setNodeMarkup(pos, undefined, { ...doc.nodeAt(pos)!.attrs, targetValue: 96, targetDate: '2027-07-31' })
    })
    exchange(a, b)
    for (const side of [a, b]) {
      const [model] = readPlan(side.read()).targets
      expect(model).toMatchObject({ baselineValue: 90, currentValue: 92, targetValue: 96, targetDate: '2027-07-31' })
    }
  })

  it('keeps both when they type in different fields of the same target', () => {
    const start = startingDoc()
    const a = person(1, start)
    const b = person(2, start)
    a.edit((tr, doc) => tr.insertText(' (Year 9)', fieldStart(doc, 'target', 'measure') + 'Attendance'.length))
    b.edit((tr, doc) => tr.insertText('Deputy ', fieldStart(doc, 'target', 'owner')))
    exchange(a, b)
    for (const side of [a, b]) {
      expect(readPlan(side.read()).targets[0]).toMatchObject({ measure: 'Attendance (Year 9)', owner: 'Deputy Head' })
    }
  })

  it('keeps both when they type in the same field', () => {
    const start = startingDoc()
    const a = person(1, start)
    const b = person(2, start)
    a.edit((tr, doc) => tr.insertText('Whole-school ', fieldStart(doc, 'target', 'measure')))
    b.edit((tr, doc) => tr.insertText(' rate', fieldStart(doc, 'target', 'measure') + 'Attendance'.length))
    exchange(a, b)
    expect(readPlan(a.read()).targets[0].measure).toBe('Whole-school Attendance rate')
    expect(a.read().toJSON()).toEqual(b.read().toJSON())
  })

  it('keeps a status change and a field edit of the same action', () => {
    const start = startingDoc()
    const a = person(1, start)
    const b = person(2, start)
    a.edit((tr, doc) => tr.setNodeAttribute(blockPos(doc, 'action'), 'status', 'done'))
    b.edit((tr, doc) => tr.insertText('First-day ', fieldStart(doc, 'action', 'description')))
    exchange(a, b)
    const [actionModel] = readPlan(b.read()).priorities[0].actions
    expect(actionModel).toMatchObject({ status: 'done', description: 'First-day Calls' })
  })

  it('settles on one value when both set the same attribute (last writer wins, the same on both sides)', () => {
    const start = startingDoc()
    const a = person(1, start)
    const b = person(2, start)
    a.edit((tr, doc) => tr.setNodeAttribute(blockPos(doc, 'action'), 'status', 'done'))
    b.edit((tr, doc) => tr.setNodeAttribute(blockPos(doc, 'action'), 'status', 'blocked'))
    exchange(a, b)
    expect(a.read().toJSON()).toEqual(b.read().toJSON())
  })
})
