import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkUpdate, splitUpdate } from '../../../server/collab/updateGuard.ts'

const MAX = 8 * 1024 * 1024

/** A document edited by several clients, with deletions, formatting and nested types. */
function editedDoc(script: { client: number; at: number; text: string; remove: number; mark: boolean }[]): Y.Doc {
  const replicas = new Map<number, Y.Doc>()
  const main = new Y.Doc()
  for (const step of script) {
    let doc = replicas.get(step.client)
    if (!doc) {
      doc = new Y.Doc()
      doc.clientID = 1000 + step.client
      replicas.set(step.client, doc)
    }
    // Each replica sees only part of the others' work: concurrent edits, so some structs depend on others.
    if (step.at % 3 === 0) Y.applyUpdate(doc, Y.encodeStateAsUpdate(main))
    const text = doc.getText('t')
    const at = step.at % (text.length + 1)
    text.insert(at, step.text, step.mark ? { bold: true } : undefined)
    if (step.remove > 0 && text.length > step.remove) text.delete(Math.max(0, at - step.remove), step.remove)
    if (step.at % 5 === 0) doc.getArray<unknown>('a').push([{ nested: [step.at, { deep: step.text }] }])
    Y.applyUpdate(main, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(main)))
  }
  return main
}

function contentOf(doc: Y.Doc) {
  return { text: doc.getText('t').toDelta(), array: doc.getArray('a').toJSON(), state: [...Y.encodeStateVector(doc)] }
}

describe('splitting large updates', () => {
  it('gives parts that, applied in order, make exactly the document the whole update makes', () => {
    fc.assert(fc.property(
      fc.array(fc.record({
        client: fc.integer({ min: 0, max: 4 }),
        at: fc.nat(200),
        text: fc.string({ minLength: 1, maxLength: 6 }),
        remove: fc.nat(3),
        mark: fc.boolean(),
      }), { minLength: 1, maxLength: 80 }),
      fc.integer({ min: 1, max: 7 }),
      (script, maxStructs) => {
        const source = editedDoc(script)
        const update = Y.encodeStateAsUpdate(source)
        const split = splitUpdate(update, MAX, maxStructs)
        expect(split.ok).toBe(true)
        if (!split.ok) return
        const whole = new Y.Doc()
        Y.applyUpdate(whole, update)
        const pieced = new Y.Doc()
        for (const part of split.parts) {
          expect(Y.decodeUpdate(part).structs.length).toBeLessThanOrEqual(maxStructs)
          Y.applyUpdate(pieced, part)
        }
        expect(contentOf(pieced)).toEqual(contentOf(whole))
        expect(Y.encodeStateAsUpdate(pieced)).toEqual(Y.encodeStateAsUpdate(whole))
      },
    ), { numRuns: 60 })
  })

  it('keeps a small update whole', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'hello')
    const update = Y.encodeStateAsUpdate(doc)
    expect(splitUpdate(update, MAX, 100)).toEqual({ ok: true, parts: [update] })
  })

  it('refuses what cannot be read, and values nested so deeply that reading them would overflow the stack', () => {
    expect(splitUpdate(new Uint8Array([1, 5, 200]), MAX, 10).ok).toBe(false)
    // An item whose content is an array nested 100,000 levels deep (lib0 reads such values recursively).
    const doc = new Y.Doc()
    doc.getArray('a').push(['x'])
    const update = Y.encodeStateAsUpdate(doc)
    const marker = update.indexOf(119) // 'w': the string value tag written for 'x'
    expect(marker).toBeGreaterThan(0)
    const depth = 100_000
    const nested = new Uint8Array(depth * 2 + 1)
    for (let i = 0; i < depth; i++) { nested[i * 2] = 117; nested[i * 2 + 1] = 1 } // array of one element
    nested[depth * 2] = 126 // undefined
    const crafted = new Uint8Array([...update.subarray(0, marker), ...nested, ...update.subarray(marker + 3)])
    const verdict = checkUpdate(crafted, MAX)
    expect(verdict).toEqual({ ok: false, reason: 'undecodable update (RangeError)' })
    expect(splitUpdate(crafted, MAX, 10).ok).toBe(false)
  })

  it('refuses an update over the size limit unread', () => {
    expect(checkUpdate(new Uint8Array(100), 99)).toEqual({ ok: false, reason: 'update too large' })
  })
})
