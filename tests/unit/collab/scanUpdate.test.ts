// The allocation-free update reader must accept exactly what Yjs can read, and refuse what it cannot.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { scanUpdate, UnreadableUpdate } from '../../../server/collab/scanUpdate.ts'
import { checkUpdate } from '../../../server/collab/updateGuard.ts'

const MAX_CLOCK = 2 ** 32

/** Updates with every kind of content Yjs writes: text with formats and embeds, maps, arrays, XML, binary, subdocs, deletions. */
function richUpdates(seed: number): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = 100 + seed
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const text = doc.getText('t')
  text.insert(0, `Héllo 🌍 wörld ${seed}`, { bold: true })
  text.insertEmbed(3, { image: 'x.png' })
  text.format(1, 4, { italic: true })
  text.delete(2, 3)
  const map = doc.getMap('m')
  map.set('n', seed)
  map.set('s', 'string')
  map.set('o', { deep: [1, 'two', null, true, { three: 3.5 }] })
  map.set('b', new Uint8Array([1, 2, 3]))
  map.set('u', undefined as unknown as string)
  const array = doc.getArray<unknown>('a')
  array.push([1, 2, 3, 'four', { five: 5 }])
  array.push([new Y.Map()])
  array.delete(1, 2)
  const fragment = doc.getXmlFragment('prosemirror')
  const element = new Y.XmlElement('paragraph')
  element.setAttribute('level', '2')
  fragment.insert(0, [element, new Y.XmlText('plain')])
  element.insert(0, [new Y.XmlText('inside')])
  // (An XmlHook is a type Yjs keeps in fragments, though its typings do not say so.)
  fragment.insert(0, [new Y.XmlHook('hook') as unknown as Y.XmlElement])
  array.push([new Y.Doc({ guid: `sub-${seed}` })])
  map.delete('s')
  updates.push(Y.encodeStateAsUpdate(doc))
  return updates
}

/** What Yjs says: can it read the update, and are its clocks in range. */
function yjsVerdict(update: Uint8Array): boolean {
  try {
    const { structs, ds } = Y.decodeUpdate(update)
    for (const struct of structs) if (struct.id.clock + struct.length > MAX_CLOCK) return false
    for (const ranges of ds.clients.values()) for (const range of ranges) if (range.clock + range.len > MAX_CLOCK) return false
    return true
  } catch {
    return false
  }
}

function scanVerdict(update: Uint8Array): boolean {
  try {
    scanUpdate(update, MAX_CLOCK)
    return true
  } catch {
    return false
  }
}

describe('reading an update without building it', () => {
  it('accepts every update Yjs writes', () => {
    for (let seed = 0; seed < 5; seed++) {
      for (const update of richUpdates(seed)) expect(scanVerdict(update)).toBe(true)
    }
  })

  it('agrees with Yjs on updates cut short, garbled or spliced', () => {
    const samples = richUpdates(7)
    fc.assert(fc.property(
      fc.nat(samples.length - 1),
      fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }), kind: fc.constantFrom('set', 'cut', 'insert') }), { minLength: 1, maxLength: 4 }),
      (which, edits) => {
        let bytes = Uint8Array.from(samples[which])
        for (const edit of edits) {
          const at = edit.at % Math.max(1, bytes.length)
          if (edit.kind === 'set') bytes[at] = edit.value
          else if (edit.kind === 'cut') bytes = bytes.subarray(0, at)
          else bytes = Uint8Array.from([...bytes.subarray(0, at), edit.value, ...bytes.subarray(at)])
        }
        expect(scanVerdict(bytes)).toBe(yjsVerdict(bytes))
      },
    ), { numRuns: 3000 })
  })

  it('takes a Skip only as Yjs writes it: flags on it make an item of unknown content', () => {
    // One client, one struct: a Skip of length 1 (info 10), and the same with the parentSub flag (info 42).
    const skip = new Uint8Array([1, 1, 107, 0, 10, 1, 0])
    const flagged = new Uint8Array([1, 1, 107, 0, 42, 1, 0])
    expect([scanVerdict(skip), yjsVerdict(skip)]).toEqual([true, true])
    expect([scanVerdict(flagged), yjsVerdict(flagged)]).toEqual([false, false])
  })

  it('refuses clocks and delete ranges past the bound', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'abc')
    const update = Y.encodeStateAsUpdate(doc)
    expect(() => scanUpdate(update, 2)).toThrow(UnreadableUpdate)
    expect(() => scanUpdate(update, 3)).not.toThrow()
    doc.getText('t').delete(0, 3)
    const withDeletes = Y.encodeStateAsUpdate(doc)
    expect(checkUpdate(withDeletes, 1 << 20)).toEqual({ ok: true })
  })

  it('refuses an update over the size limit unread', () => {
    expect(checkUpdate(new Uint8Array(100), 99)).toEqual({ ok: false, reason: 'update too large' })
  })
})
