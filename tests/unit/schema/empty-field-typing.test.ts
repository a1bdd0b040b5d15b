// Two people type the first characters of the same empty field of a block at once, each page going through
// y-tiptap's own paths: ProseMirror → Yjs (updateYFragment, what the editor's sync plugin calls on each edit)
// and Yjs → ProseMirror (what it draws when others' changes arrive). Each character stays, once, as every
// empty field holds one Yjs text (shared/schema/fieldTexts.ts): in plans the server makes or restores, in
// blocks a page adds, in fields a page empties, and in older plans once an editor's page has given them.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { prosemirrorJSONToYXmlFragment, updateYFragment, yXmlFragmentToProseMirrorRootNode, ySyncPluginKey } from '@tiptap/y-tiptap'
import type { Node as PMNode } from '@tiptap/pm/model'
import { EditorState, type Transaction } from '@tiptap/pm/state'
import { contentUpdate } from '../../../server/plans/content.ts'
import { restoreUpdate } from '../../../server/plans/snapshotService.ts'
import { newAction } from '../../../shared/plan/blocks.ts'
import { fillEmptyFields, keepEmptyFieldsFilled } from '../../../shared/schema/fieldTexts.ts'
import { PLAN_FRAGMENT } from '../../../shared/ydoc.ts'
import { action, planJson, priority, schema, target } from '../plan/planFixtures.ts'

interface Page {
  doc: Y.Doc
  fragment: Y.XmlFragment
  /** Every update the page has sent, in order. */
  sent: Uint8Array[]
  /** What the page draws from its Y.Doc (y-tiptap's Yjs → ProseMirror, as when others' changes arrive). */
  draw(): PMNode
  /** A local edit as the editor makes it: a ProseMirror transaction on what is drawn, synced into the Y.Doc. */
  edit(change: (tr: Transaction, doc: PMNode) => void): void
}

/** A page with the plan open; `mayWrite` as the editor's page says (false: a viewer's). */
function page(clientID: number, start: Uint8Array, mayWrite = true): Page {
  const doc = new Y.Doc()
  doc.clientID = clientID
  Y.applyUpdate(doc, start)
  const fragment = doc.getXmlFragment(PLAN_FRAGMENT)
  keepEmptyFieldsFilled(doc, () => mayWrite)
  const sent: Uint8Array[] = []
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'relay') sent.push(update)
  })
  const draw = () => yXmlFragmentToProseMirrorRootNode(fragment, schema)
  return {
    doc,
    fragment,
    sent,
    draw,
    edit(change) {
      const tr = EditorState.create({ schema, doc: draw() }).tr
      change(tr, tr.doc)
      doc.transact(() => updateYFragment(doc, fragment, tr.doc, { mapping: new Map(), isOMark: new Map() } as never), ySyncPluginKey)
    },
  }
}

/** Each page receives what the other has written (as the server relays it). */
function exchange(a: Page, b: Page): void {
  const fromA = Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc))
  const fromB = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc))
  Y.applyUpdate(b.doc, fromA, 'relay')
  Y.applyUpdate(a.doc, fromB, 'relay')
}

/** The first field of a block type with this name: its node and where its text ends. */
function field(doc: PMNode, block: string, name: string): { node: PMNode; end: number } {
  let found: { node: PMNode; end: number } | null = null
  doc.descendants((node, pos, parent) => {
    if (!found && node.type.name === 'field' && node.attrs.name === name && parent?.type.name === block) found = { node, end: pos + 1 + node.content.size }
    return !found
  })
  if (!found) throw new Error(`no ${block} ${name}`)
  return found
}

const typeAtEnd = (who: Page, block: string, name: string, text: string) =>
  who.edit((tr, doc) => tr.insertText(text, field(doc, block, name).end))

const textOf = (who: Page, block: string, name: string) => field(who.draw(), block, name).node.textContent

/** A new plan's content, as the server makes it from a template. */
const newPlan = () => contentUpdate(planJson(target({}), priority({ title: 'Reading' }, action({}))))

/** Both type at once in a field, then again before the other's next change arrives; returns what it reads. */
function typeAtOnce(vera: Page, harry: Page, block: string, name: string): string {
  typeAtEnd(vera, block, name, 'v')
  typeAtEnd(harry, block, name, 'h')
  exchange(vera, harry)
  vera.draw()
  harry.draw()
  typeAtEnd(vera, block, name, 'w')
  typeAtEnd(harry, block, name, 'i')
  exchange(vera, harry)
  exchange(vera, harry)
  const text = textOf(vera, block, name)
  expect(textOf(harry, block, name)).toBe(text)
  return text
}

/** The Yjs elements of every field of the blocks of a type, as a page holds them. */
function yFields(who: Page, block: string): Y.XmlElement[] {
  const found: Y.XmlElement[] = []
  const visit = (type: Y.XmlElement | Y.XmlFragment) => {
    for (const child of type.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (child.nodeName === 'field' && type instanceof Y.XmlElement && type.nodeName === block) found.push(child)
      else visit(child)
    }
  }
  visit(who.fragment)
  return found
}

/** Whether each field holds text, as a list of its children's kinds ("text", "hardBreak"). */
const shapeOf = (fields: Y.XmlElement[]) => fields.map((field) => field.toArray().map((child) => (child instanceof Y.XmlText ? 'text' : (child as Y.XmlElement).nodeName)))

describe('two people typing the first characters of an empty field at once', () => {
  for (const [block, name] of [['action', 'description'], ['action', 'owner'], ['target', 'measure']] as const) {
    it(`keeps each person's characters once (${block} ${name})`, () => {
      const start = newPlan()
      // Both type their first character before either has the other's; each page draws what arrived, then
      // both go on typing before the other's next change arrives.
      const text = typeAtOnce(page(1, start), page(2, start), block, name)
      expect([...text].sort().join('')).toBe('hivw')
    })
  }

  it('keeps them once in a block just added on one page, whose fields come with their texts', () => {
    const start = newPlan()
    const vera = page(1, start)
    const harry = page(2, start)
    vera.edit((tr, doc) => {
      let end = -1
      doc.descendants((node, pos) => {
        if (node.type.name === 'priority') end = pos + node.nodeSize - 1
        return end === -1
      })
      tr.insert(end, schema.nodeFromJSON(newAction()))
    })
    // The first change sent already holds the new fields' texts: nobody receives a field without one.
    const receiver = new Y.Doc()
    Y.applyUpdate(receiver, start)
    Y.applyUpdate(receiver, vera.sent[0])
    const newFields = yFields({ fragment: receiver.getXmlFragment(PLAN_FRAGMENT) } as Page, 'action').slice(4)
    expect(shapeOf(newFields)).toEqual([['text'], ['text'], ['text'], ['text']])

    exchange(vera, harry)
    // Both type at once in the new action's owner (the second action's).
    const typeInNew = (who: Page, text: string) => who.edit((tr, doc) => {
      const ends: number[] = []
      doc.descendants((node, pos, parent) => {
        if (node.type.name === 'field' && node.attrs.name === 'owner' && parent?.type.name === 'action') ends.push(pos + 1 + node.content.size)
        return true
      })
      tr.insertText(text, ends[1])
    })
    typeInNew(vera, 'v')
    typeInNew(harry, 'h')
    exchange(vera, harry)
    vera.draw()
    harry.draw()
    typeInNew(vera, 'w')
    typeInNew(harry, 'i')
    exchange(vera, harry)
    exchange(vera, harry)
    const newOwner = (who: Page) => yFields(who, 'action')[5].toString()
    expect(newOwner(harry)).toBe(newOwner(vera))
    expect([...newOwner(vera).replace(/<[^>]*>/g, '')].sort().join('')).toBe('hivw')
  })

  it('keeps them once in a field someone emptied of lines of text, which gets its text back', () => {
    const start = newPlan()
    const vera = page(1, start)
    const harry = page(2, start)
    typeAtEnd(vera, 'action', 'owner', 'Head')
    vera.edit((tr, doc) => tr.insert(field(doc, 'action', 'owner').end, schema.nodes.hardBreak.create()))
    typeAtEnd(vera, 'action', 'owner', 'Deputy')
    expect(shapeOf(yFields(vera, 'action'))[1]).toEqual(['text', 'hardBreak', 'text'])
    vera.edit((tr, doc) => {
      const owner = field(doc, 'action', 'owner')
      tr.delete(owner.end - owner.node.content.size, owner.end)
    })
    expect(shapeOf(yFields(vera, 'action'))[1]).toEqual(['text'])
    exchange(vera, harry)
    expect([...typeAtOnce(vera, harry, 'action', 'owner')].sort().join('')).toBe('hivw')
  })

  it('keeps them once in a plan made before fields had their texts, once an editor\'s page has given them', () => {
    const older = new Y.Doc()
    prosemirrorJSONToYXmlFragment(schema, planJson(target({}), priority({ title: 'Reading' }, action({}))), older.getXmlFragment(PLAN_FRAGMENT))
    const start = Y.encodeStateAsUpdate(older)
    const vera = page(1, start)
    const harry = page(2, start)
    expect(shapeOf(yFields(vera, 'action'))).toEqual([[], [], [], []])
    // Both open it at once: each page gives the fields a text. Two empty texts in a field take nothing twice.
    fillEmptyFields(vera.fragment)
    fillEmptyFields(harry.fragment)
    exchange(vera, harry)
    expect([...typeAtOnce(vera, harry, 'action', 'description')].sort().join('')).toBe('hivw')
    expect([...typeAtOnce(vera, harry, 'target', 'measure')].sort().join('')).toBe('hivw')
  })

  it('a page writes nothing for changes it receives, nor where it may not write', () => {
    const older = new Y.Doc()
    prosemirrorJSONToYXmlFragment(schema, planJson(priority({ title: 'Reading' }, action({}))), older.getXmlFragment(PLAN_FRAGMENT))
    const start = Y.encodeStateAsUpdate(older)
    // Someone else's page without texts in its new fields (an older version of the app): left to its writer.
    const elsewhere = new Y.Doc()
    Y.applyUpdate(elsewhere, start)
    prosemirrorJSONToYXmlFragment(schema, planJson(priority({ title: 'Reading' }, action({}), action({}))), elsewhere.getXmlFragment(PLAN_FRAGMENT))
    const editor = page(1, start)
    Y.applyUpdate(editor.doc, Y.encodeStateAsUpdate(elsewhere, Y.encodeStateVector(editor.doc)), 'relay')
    expect(editor.sent).toEqual([])
    // A viewer's page: nothing even for a change of its own (it makes none; the server would refuse it).
    const viewer = page(2, start, false)
    viewer.edit((tr, doc) => tr.insert(doc.content.size, schema.nodeFromJSON(priority({ title: 'Maths' }, action({})))))
    expect(shapeOf(yFields(viewer, 'action')).slice(4)).toEqual([[], [], [], []])
  })

  it('undoing a block\'s addition takes its fields\' texts with it; one redo brings all back', () => {
    const start = newPlan()
    const vera = page(1, start)
    const undo = new Y.UndoManager(vera.fragment, { trackedOrigins: new Set([ySyncPluginKey]) })
    vera.edit((tr, doc) => tr.insert(doc.content.size, schema.nodeFromJSON(priority({ title: 'Maths' }, action({})))))
    expect(yFields(vera, 'action')).toHaveLength(8)
    expect(undo.undoStack).toHaveLength(1)
    undo.undo()
    expect(yFields(vera, 'action')).toHaveLength(4)
    expect(undo.redoStack).toHaveLength(1)
    undo.redo()
    expect(shapeOf(yFields(vera, 'action')).slice(4)).toEqual([['text'], ['text'], ['text'], ['text']])
    expect(undo.redoStack).toHaveLength(0)
  })

  it('a plan made or restored on the server has a text in each empty field, in the same change', () => {
    const made = new Y.Doc()
    Y.applyUpdate(made, contentUpdate(planJson(priority({ title: 'Reading' }, action({}, { owner: 'Head' })))))
    const asPage = { fragment: made.getXmlFragment(PLAN_FRAGMENT) } as Page
    expect(shapeOf(yFields(asPage, 'action'))).toEqual([['text'], ['text'], ['text'], ['text']])
    // Restored to a version where the owner was empty and the priority had a second action.
    const version = planJson(priority({ title: 'Reading' }, action({}), action({})))
    Y.applyUpdate(made, restoreUpdate(Y.encodeStateAsUpdate(made), version))
    expect(shapeOf(yFields(asPage, 'action'))).toEqual(Array.from({ length: 8 }, () => ['text']))
    expect(yFields(asPage, 'action')[1].toString()).toBe('<field name="owner"></field>')
  })
})
