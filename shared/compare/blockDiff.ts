/**
 * The text of two versions of a plan compared block by block (top-level blocks of the ProseMirror JSON).
 * Blocks are aligned by their id where they have one (typed blocks keep an id however they move), and the
 * others by a longest common subsequence of (type, text); between two aligned blocks, unaligned blocks of
 * the same type are paired in order as "changed". Inside a changed block the words are diffed.
 */
import type { JSONContent } from '@tiptap/core'
import { isBlockId } from '../schema/attributes.ts'
import { blockLabel, blockText, priorityTitles } from './blockText.ts'
import { wordDiff, type DiffSegment } from './wordDiff.ts'

export type BlockChangeKind = 'unchanged' | 'changed' | 'added' | 'removed'

export interface BlockChange {
  kind: BlockChangeKind
  /** The node type ("paragraph", "target"). */
  type: string
  /** A short name for the block, from the newer side when it exists. */
  label: string
  /** The text with insertions and deletions; one `equal` segment when unchanged. */
  segments: DiffSegment[]
}

interface Item {
  node: JSONContent
  id: string | null
  type: string
  text: string
}

function items(doc: JSONContent, titles: Map<string, string>): Item[] {
  const seen = new Set<string>()
  return (doc.content ?? []).map((node) => {
    const raw = node.attrs?.id
    // A duplicated id (a pasted copy not yet repaired) aligns by text, like a block without one.
    const id = isBlockId(raw) && !seen.has(raw) ? raw : null
    if (id) seen.add(id)
    return { node, id, type: node.type ?? '', text: blockText(node, titles) }
  })
}

export function diffBlocks(before: JSONContent, after: JSONContent): BlockChange[] {
  // Both sides name priorities as the newer one does: a retitled priority is one change, not one more in
  // every review point that rates it.
  const titles = priorityTitles(after)
  for (const [id, title] of priorityTitles(before)) if (!titles.has(id)) titles.set(id, title)
  const from = items(before, titles)
  const to = items(after, titles)
  // match[j] = index in `from` aligned with to[j], or -1.
  const match = new Array<number>(to.length).fill(-1)
  const fromById = new Map<string, number>()
  from.forEach((item, i) => { if (item.id) fromById.set(item.id, i) })
  const matchedFrom = new Set<number>()
  to.forEach((item, j) => {
    const i = item.id ? fromById.get(item.id) : undefined
    if (i !== undefined) { match[j] = i; matchedFrom.add(i) }
  })

  // Blocks without a matching id: exact matches first (LCS), then same-type pairs between them.
  const restFrom = from.map((_, i) => i).filter((i) => !matchedFrom.has(i))
  const restTo = to.map((_, j) => j).filter((j) => match[j] < 0)
  const same = (i: number, j: number) => from[i].type === to[j].type && from[i].text === to[j].text && (from[i].id === to[j].id || !from[i].id || !to[j].id)
  const pairs = lcsPairs(restFrom, restTo, same)
  for (const [i, j] of pairs) { match[j] = i; matchedFrom.add(i) }
  // Gaps between exact matches: pair blocks of the same type in order.
  const anchors = [[-1, -1], ...pairs, [Infinity, Infinity]]
  for (let k = 1; k < anchors.length; k++) {
    const [fromLow, toLow] = anchors[k - 1]
    const [fromHigh, toHigh] = anchors[k]
    const gapFrom = restFrom.filter((i) => i > fromLow && i < fromHigh && !matchedFrom.has(i))
    const gapTo = restTo.filter((j) => j > toLow && j < toHigh && match[j] < 0)
    let cursor = 0
    for (const j of gapTo) {
      const found = gapFrom.findIndex((i, index) => index >= cursor && from[i].type === to[j].type && !(from[i].id && to[j].id))
      if (found < 0) continue
      match[j] = gapFrom[found]
      matchedFrom.add(gapFrom[found])
      cursor = found + 1
    }
  }

  // In the newer order, each removed block placed after the blocks that came before it.
  const changes: BlockChange[] = []
  let pointer = 0
  const flushRemoved = (upTo: number) => {
    for (; pointer < upTo; pointer++) {
      if (!matchedFrom.has(pointer)) changes.push(removed(from[pointer]))
    }
  }
  // Removed blocks go before the blocks added in the same place (deletions before insertions).
  const nextMatched = new Array<number>(to.length + 1).fill(from.length)
  for (let j = to.length - 1; j >= 0; j--) nextMatched[j] = match[j] >= 0 ? match[j] : nextMatched[j + 1]
  to.forEach((item, j) => {
    const i = match[j]
    if (i < 0) {
      flushRemoved(nextMatched[j])
      changes.push({ kind: 'added', type: item.type, label: blockLabel(item.node), segments: item.text ? [{ op: 'insert', text: item.text }] : [] })
      return
    }
    if (i >= pointer) flushRemoved(i + 1)
    const old = from[i]
    const unchanged = old.text === item.text && old.type === item.type
    changes.push({
      kind: unchanged ? 'unchanged' : 'changed',
      type: item.type,
      label: blockLabel(item.node),
      segments: unchanged ? (item.text ? [{ op: 'equal', text: item.text }] : []) : wordDiff(old.text, item.text),
    })
  })
  flushRemoved(from.length)
  return changes
}

function removed(item: Item): BlockChange {
  return { kind: 'removed', type: item.type, label: blockLabel(item.node), segments: item.text ? [{ op: 'delete', text: item.text }] : [] }
}

/** Pairs (a[i], b[j]) of a longest common subsequence under `same`, in order. */
function lcsPairs(a: number[], b: number[], same: (x: number, y: number) => boolean): [number, number][] {
  const n = a.length
  const m = b.length
  if (n === 0 || m === 0) return []
  if (n * m > 4_000_000) return []
  const width = m + 1
  const lengths = new Uint32Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = same(a[i], b[j])
        ? lengths[(i + 1) * width + j + 1] + 1
        : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
    }
  }
  const pairs: [number, number][] = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (same(a[i], b[j])) { pairs.push([a[i], b[j]]); i++; j++ }
    else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) i++
    else j++
  }
  return pairs
}
