/**
 * A long editing history for the large-plan scenario, made deterministically (seeded): many editing
 * sessions (each its own Yjs client id, as each browser session is), each typing at random places,
 * deleting, formatting and adding headings and paragraphs. The updates are written to a file, one
 * length-prefixed Yjs update per transaction, so every server is fed the same history.
 */
import * as Y from 'yjs'
import { readFileSync, writeFileSync } from 'node:fs'

export interface HistoryStats {
  operations: number
  updates: number
  stateBytes: number
  logBytes: number
  paragraphs: number
  generateMs: number
  /** State vector of the whole history (sorted "client:clock" list). */
  sv: string
}

const WORDS = 'pupils attainment reading maths writing progress leaders staff governors curriculum phonics attendance'.split(' ')

export function generateHistory(file: string, sessions: number, opsPerSession: number, seed: number): HistoryStats {
  const started = performance.now()
  let state = seed >>> 0
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]
  const doc = new Y.Doc()
  const body = doc.getXmlFragment('content')
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const texts: Y.XmlText[] = []
  let operations = 0
  const perTransaction = 50
  for (let session = 0; session < sessions; session++) {
    // A new editing session is a new Yjs client, as a new browser tab would be.
    doc.clientID = 100_000 + session * 7919
    for (let batch = 0; batch < opsPerSession / perTransaction; batch++) {
      doc.transact(() => {
        for (let k = 0; k < perTransaction; k++) {
          operations++
          const roll = random()
          if (texts.length === 0 || roll < 0.03) {
            const heading = random() < 0.2
            const block = new Y.XmlElement(heading ? 'heading' : 'paragraph')
            if (heading) block.setAttribute('level', String(1 + Math.floor(random() * 3)))
            const text = new Y.XmlText(pick(WORDS) + ' ')
            block.insert(0, [text])
            body.insert(random() < 0.5 ? body.length : 0, [block])
            texts.push(text)
            continue
          }
          const text = pick(texts)
          if (roll < 0.75) {
            text.insert(Math.floor(random() * (text.length + 1)), random() < 0.9 ? pick([...'abcdefghij']) : ' ' + pick(WORDS))
          } else if (roll < 0.9 && text.length > 2) {
            const at = Math.floor(random() * (text.length - 1))
            text.delete(at, Math.min(1 + Math.floor(random() * 3), text.length - at))
          } else if (text.length > 4) {
            text.format(Math.floor(random() * (text.length - 3)), 3, { bold: random() < 0.5 ? true : null })
          }
        }
      })
    }
  }
  const total = updates.reduce((sum, update) => sum + 4 + update.length, 0)
  const out = Buffer.allocUnsafe(total)
  let offset = 0
  for (const update of updates) {
    out.writeUInt32LE(update.length, offset)
    out.set(update, offset + 4)
    offset += 4 + update.length
  }
  writeFileSync(file, out)
  const stats: HistoryStats = {
    operations,
    updates: updates.length,
    stateBytes: Y.encodeStateAsUpdate(doc).length,
    logBytes: total,
    paragraphs: body.length,
    generateMs: performance.now() - started,
    sv: [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()].sort((a, b) => a[0] - b[0]).map(([client, clock]) => `${client}:${clock}`).join(','),
  }
  doc.destroy()
  return stats
}

export function readHistory(file: string): Uint8Array[] {
  const bytes = readFileSync(file)
  const updates: Uint8Array[] = []
  let offset = 0
  while (offset + 4 <= bytes.length) {
    const length = bytes.readUInt32LE(offset)
    updates.push(new Uint8Array(bytes.subarray(offset + 4, offset + 4 + length)))
    offset += 4 + length
  }
  return updates
}
