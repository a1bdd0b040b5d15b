// A caret whose text someone else moved (Enter earlier in its paragraph, Backspace at its start) follows it.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { followMovedText, whereItWas } from '../../../client/editor/pendingSelection.ts'

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  return element
}

/** A plan of the given paragraphs, and a caret kept (as y-tiptap keeps it) after `at` characters of paragraph `index`. */
function planWithCaret(texts: string[], index: number, at: number) {
  const doc = new Y.Doc()
  const body = doc.getXmlFragment('content')
  body.insert(0, texts.map(paragraph))
  const text = (body.get(index) as Y.XmlElement).get(0) as Y.XmlText
  return { doc, body, text, caret: Y.createRelativePositionFromTypeIndex(text, at, -1) }
}

/** Runs `change` as someone else's change and returns where followMovedText puts the caret: [paragraph, offset], or null. */
function afterChange(doc: Y.Doc, body: Y.XmlFragment, caret: Y.RelativePosition, change: () => void): [number, number] | null {
  let followed: Y.RelativePosition | null = null
  const look = (transaction: Y.Transaction) => { followed = followMovedText(doc, transaction, caret) }
  doc.on('beforeObserverCalls', look)
  doc.transact(change, 'remote')
  doc.off('beforeObserverCalls', look)
  if (!followed) return null
  const found = Y.createAbsolutePositionFromRelativePosition(followed, doc)!
  const paragraphIndex = body.toArray().indexOf(found.type._item!.parent as Y.XmlElement)
  return [paragraphIndex, found.index]
}

describe('followMovedText', () => {
  it('follows the rest of a paragraph split before the caret into the new paragraph', () => {
    const { doc, body, text, caret } = planWithCaret(['Stamina is low. Marking varies.'], 0, 'Stamina is low. Marking var'.length)
    const moved = afterChange(doc, body, caret, () => {
      text.delete('Stamina is low.'.length, ' Marking varies.'.length)
      body.insert(1, [paragraph(' Marking varies.')])
    })
    expect(moved).toEqual([1, ' Marking var'.length])
  })

  it('follows it when the other person has already typed at the start of the new paragraph', () => {
    const { doc, body, text, caret } = planWithCaret(['Intro', 'Hello world'], 1, 'Hello wo'.length)
    const moved = afterChange(doc, body, caret, () => {
      text.delete(5, 6)
      body.insert(2, [paragraph('New world')])
    })
    expect(moved).toEqual([2, 'New wo'.length])
  })

  it('follows a paragraph joined to the one before into the end of that one', () => {
    const { doc, body, caret } = planWithCaret(['Hello', 'world wide'], 1, 'world'.length)
    const first = (body.get(0) as Y.XmlElement).get(0) as Y.XmlText
    const moved = afterChange(doc, body, caret, () => {
      first.insert(5, 'world wide')
      body.delete(1, 1)
    })
    expect(moved).toEqual([0, 'Helloworld'.length])
  })

  it('follows a block moved up past its neighbour (deleted, and written again before it)', () => {
    const { doc, body, caret } = planWithCaret(['Intro', 'Attendance lead and SENCo', 'Deputy head'], 2, 'Dep'.length)
    const moved = afterChange(doc, body, caret, () => {
      body.delete(2, 1)
      body.insert(1, [paragraph('Deputy head')])
    })
    expect(moved).toEqual([1, 'Dep'.length])
  })

  it('leaves the caret to Yjs after an ordinary deletion, or where the text is written twice', () => {
    const deleted = planWithCaret(['Hello world'], 0, 8)
    expect(afterChange(deleted.doc, deleted.body, deleted.caret, () => deleted.text.delete(5, 6))).toBeNull()

    const twice = planWithCaret(['Hello world'], 0, 8)
    expect(afterChange(twice.doc, twice.body, twice.caret, () => {
      twice.text.delete(5, 6)
      twice.body.insert(1, [paragraph(' world'), paragraph(' world')])
    })).toBeNull()
  })

  it('leaves a caret whose character is still there, or that keeps to nothing', () => {
    const kept = planWithCaret(['Hello world'], 0, 3)
    expect(afterChange(kept.doc, kept.body, kept.caret, () => {
      kept.text.delete(5, 6)
      kept.body.insert(1, [paragraph(' world')])
    })).toBeNull()
    const start = planWithCaret(['Hello world'], 0, 0)
    expect(afterChange(start.doc, start.body, start.caret, () => start.text.delete(0, 11))).toBeNull()
  })
})

describe('whereItWas', () => {
  function block(id: string, text: string): Y.XmlElement {
    const element = new Y.XmlElement('action')
    element.setAttribute('id', id)
    element.insert(0, [paragraph(text)])
    return element
  }
  const planOf = (...blocks: Y.XmlElement[]) => {
    const doc = new Y.Doc()
    const body = doc.getXmlFragment('content')
    body.insert(0, blocks)
    return { doc, body }
  }
  const caretIn = (element: Y.XmlElement, at: number) => Y.createRelativePositionFromTypeIndex((element.get(0) as Y.XmlElement).get(0) as Y.XmlText, at, -1)
  /** whereItWas as the editor asks it: once someone else's change is applied, before Yjs collects what it deleted. */
  const whereAfter = (doc: Y.Doc, body: Y.XmlFragment, caret: Y.RelativePosition, change: () => void) => {
    let place: Y.RelativePosition | null = null
    const look = () => { place = whereItWas(doc, body, caret) }
    doc.on('beforeObserverCalls', look)
    doc.transact(change, 'remote')
    doc.off('beforeObserverCalls', look)
    return place as Y.RelativePosition | null
  }
  const resolved = (doc: Y.Doc, place: Y.RelativePosition | null) => {
    const found = place && Y.createAbsolutePositionFromRelativePosition(place, doc)
    return found ? { text: found.type.toString(), index: found.index } : null
  }

  it('puts a caret whose block was deleted at the end of the text before it', () => {
    const { doc, body } = planOf(block('a', 'Owner: SENCo'), block('b', 'Deputy head'), block('c', 'After'))
    const caret = caretIn(body.get(1) as Y.XmlElement, 3)
    expect(resolved(doc, whereAfter(doc, body, caret, () => body.delete(1, 1)))).toEqual({ text: 'Owner: SENCo', index: 'Owner: SENCo'.length })
  })

  it('or at the start of the text after it, or in an empty block before it', () => {
    const first = planOf(block('b', 'Deputy head'), block('c', 'After'))
    const caret = caretIn(first.body.get(0) as Y.XmlElement, 3)
    expect(resolved(first.doc, whereAfter(first.doc, first.body, caret, () => first.body.delete(0, 1)))).toEqual({ text: 'After', index: 0 })

    const empty = planOf(new Y.XmlElement('paragraph'), block('b', 'Deputy head'))
    const inB = caretIn(empty.body.get(1) as Y.XmlElement, 3)
    const place = whereAfter(empty.doc, empty.body, inB, () => empty.body.delete(1, 1))
    expect(Y.createAbsolutePositionFromRelativePosition(place!, empty.doc)?.type).toBe(empty.body.get(0))
  })

  it('leaves a block that lives on (moved: written again with its id) and one not deleted', () => {
    const { doc, body } = planOf(block('a', 'First'), block('b', 'Deputy head'))
    const caret = caretIn(body.get(1) as Y.XmlElement, 3)
    expect(whereItWas(doc, body, caret)).toBeNull()
    expect(whereAfter(doc, body, caret, () => {
      body.delete(1, 1)
      body.insert(0, [block('b', 'Deputy head')])
    })).toBeNull()
  })
})
