/**
 * Keeps the plan's blocks whole after local edits: every block has an id and no two share one (a pasted
 * copy gets a fresh id; the block that was there before keeps its own, so links to it still work), and
 * each block's fields carry the names its type expects, in order (an edit that cut a block open is
 * repaired). Changes that arrive from others (y-sync transactions) are left alone: the person who made
 * them repaired them, and a viewer's page must never write.
 */
import { Extension } from '@tiptap/core'
import { Fragment, type Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Mapping } from '@tiptap/pm/transform'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { isBlockId } from './attributes.ts'
import { newBlockId } from './blockIds.ts'
import { BLOCK_FIELDS, FIELD_NODE, isBlockType } from './blockFields.ts'

export const blockIntegrityKey = new PluginKey('blockIntegrity')

export const BlockIntegrity = Extension.create({
  name: 'blockIntegrity',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: blockIntegrityKey,
        appendTransaction(transactions, oldState, newState) {
          const local = transactions.some((tr) => tr.docChanged && !tr.getMeta(ySyncPluginKey))
          if (!local) return null
          const mapping = new Mapping()
          for (const tr of transactions) mapping.appendMapping(tr.mapping)
          return repairBlocks(newState, oldState.doc, mapping)
        },
      }),
    ]
  },
})

/** Visits every plan block (top level, and the actions and evidence inside them) with its position. */
export function forEachBlock(doc: PMNode, visit: (node: PMNode, pos: number) => void): void {
  doc.descendants((node, pos) => {
    if (!isBlockType(node.type.name)) return false
    visit(node, pos)
    // Only findings and priorities hold blocks (evidence, actions); fields hold text.
    return node.type.name === 'finding' || node.type.name === 'priority'
  })
}

/**
 * A transaction that repairs ids and field names in `state`, or null if nothing needs it. `previous` and
 * `mapping` (from the document before the change) tell an original from its copy.
 */
export function repairBlocks(state: EditorState, previous?: PMNode, mapping?: Mapping): Transaction | null {
  const tr = state.tr

  // 1. Structure. A block whose content no longer fits (a field lost, something pasted inside) is rebuilt;
  // first broken block first, so a parent is whole again before its children are looked at.
  for (let guard = 0; guard < 1000; guard++) {
    let broken: { node: PMNode; pos: number } | null = null
    forEachBlock(tr.doc, (node, pos) => {
      if (!broken && !node.type.validContent(node.content)) broken = { node, pos }
    })
    if (!broken) break
    const { node, pos } = broken as { node: PMNode; pos: number }
    tr.replaceWith(pos + 1, pos + node.nodeSize - 1, rebuiltContent(node))
  }

  // 2. Field names, by position.
  forEachBlock(tr.doc, (node, pos) => {
    if (!isBlockType(node.type.name)) return
    const expected = BLOCK_FIELDS[node.type.name]
    node.forEach((child, offset, index) => {
      if (index < expected.length && child.type.name === FIELD_NODE && child.attrs.name !== expected[index]) {
        tr.setNodeAttribute(pos + 1 + offset, 'name', expected[index])
      }
    })
  })

  // 3. Ids: every block has one, and no two share one.
  const occurrences = new Map<string, number[]>()
  const renew: number[] = []
  forEachBlock(tr.doc, (node, pos) => {
    const id = node.attrs.id
    if (!isBlockId(id)) renew.push(pos)
    else occurrences.set(id, [...(occurrences.get(id) ?? []), pos])
  })
  if ([...occurrences.values()].some((positions) => positions.length > 1)) {
    const before = new Map<string, number>()
    if (previous) forEachBlock(previous, (node, pos) => { if (isBlockId(node.attrs.id)) before.set(node.attrs.id, pos) })
    const sinceBefore = new Mapping()
    if (mapping) sinceBefore.appendMapping(mapping)
    sinceBefore.appendMapping(tr.mapping)
    // (In the document as the change left it: the repairs above rebuild broken blocks' content, and so lose
    // where it came from. They change no ids.)
    const heirs = previous && mapping ? heirsByContent(state.doc, previous, mapping) : new Map<string, number>()
    for (const [id, positions] of occurrences) {
      if (positions.length < 2) continue
      // The original keeps its id: the occurrence holding most of what it held, else the one where it
      // started, else the first.
      const heir = heirs.get(id)
      const inherited = heir !== undefined ? tr.mapping.mapResult(heir, 1) : null
      const old = before.get(id)
      const mapped = old !== undefined && mapping ? sinceBefore.mapResult(old, 1) : null
      const keep = [inherited, mapped].find((at) => at && !at.deleted && positions.includes(at.pos))?.pos ?? positions[0]
      renew.push(...positions.filter((pos) => pos !== keep))
    }
  }
  for (const pos of renew) tr.setNodeAttribute(pos, 'id', newBlockId())

  return tr.steps.length > 0 ? tr : null
}

/**
 * For each id that several blocks in `doc` share, where the one that is the block which had it in
 * `previous` starts: the one now holding most of that block's fields and children (each counts one, and
 * one more for each character of its text), found by where `mapping` took them. Where the block was
 * split in two, the part with its text keeps its id, even when the new part comes first and starts where
 * the block did. An id with no clear heir is left out.
 */
function heirsByContent(doc: PMNode, previous: PMNode, mapping: Mapping): Map<string, number> {
  const occurrences = new Map<string, { pos: number; end: number }[]>()
  forEachBlock(doc, (node, pos) => {
    if (isBlockId(node.attrs.id)) occurrences.set(node.attrs.id, [...(occurrences.get(node.attrs.id) ?? []), { pos, end: pos + node.nodeSize }])
  })
  const shared = new Map([...occurrences].filter(([, places]) => places.length > 1))
  const heirs = new Map<string, number>()
  if (shared.size === 0) return heirs
  forEachBlock(previous, (node, pos) => {
    const places = shared.get(node.attrs.id)
    if (!places || heirs.has(node.attrs.id)) return
    const held = places.map(() => 0)
    node.forEach((child, offset) => {
      // (Just inside the child: a change at its edge, such as something put before it, moves it on.)
      const at = mapping.mapResult(pos + 1 + offset + 1, 1)
      if (at.deleted) return
      const index = places.findIndex((place) => place.pos < at.pos && at.pos < place.end)
      if (index >= 0) held[index] += 1 + child.textContent.length
    })
    const most = Math.max(...held)
    if (most > 0 && held.filter((amount) => amount === most).length === 1) heirs.set(node.attrs.id, places[held.indexOf(most)].pos)
  })
  return heirs
}

/** Children a block may hold after its fields. */
const CHILD_BLOCK: Partial<Record<string, string>> = { finding: 'evidence', priority: 'action' }

/**
 * A broken block's content made whole: its fields in order (missing ones empty), then the blocks it may
 * hold. Text from anything else (a field too many, a pasted paragraph) joins the last field, so none is lost.
 */
function rebuiltContent(block: PMNode): Fragment {
  const { schema } = block.type
  const expected = isBlockType(block.type.name) ? BLOCK_FIELDS[block.type.name] : []
  const fields: PMNode[] = []
  const children: PMNode[] = []
  const strays: string[] = []
  block.forEach((child) => {
    if (child.type.name === FIELD_NODE && fields.length < expected.length) fields.push(child)
    else if (child.type.name === CHILD_BLOCK[block.type.name] && child.type.name !== FIELD_NODE) children.push(child)
    else if (child.textContent.trim()) strays.push(child.textBetween(0, child.content.size, '\n', '\n'))
  })
  while (fields.length < expected.length) fields.push(schema.nodes[FIELD_NODE].create({ name: expected[fields.length] }))
  if (strays.length > 0 && fields.length > 0) {
    const last = fields[fields.length - 1]
    const extra: PMNode[] = []
    for (const text of strays) {
      if (last.content.size > 0 || extra.length > 0) extra.push(schema.nodes.hardBreak.create())
      extra.push(schema.text(text.replace(/\n/g, ' ')))
    }
    fields[fields.length - 1] = last.copy(last.content.append(Fragment.from(extra)))
  }
  return Fragment.from([...fields, ...children])
}
