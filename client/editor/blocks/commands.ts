/**
 * Editing the plan's blocks as wholes: insert, move, delete, add an action or evidence, jump to a block.
 * Each is one transaction, so one undo takes it back.
 */
import type { Editor } from '@tiptap/react'
import type { Node as PMNode, ResolvedPos } from '@tiptap/pm/model'
import { TextSelection } from '@tiptap/pm/state'
import { newBlock } from '../../../shared/plan/blocks.ts'
import { FIELD_NODE, TOP_LEVEL_BLOCKS, type BlockType } from '../../../shared/schema/blockFields.ts'
import { forEachBlock } from '../../../shared/schema/blockIntegrity.ts'

/** Where a block may be added next to the selection, or null if it may not. */
function insertPosition($from: ResolvedPos, type: BlockType): { pos: number; replace: { from: number; to: number } | null } | null {
  if (type === 'action' || type === 'evidence') {
    const parentType = type === 'action' ? 'priority' : 'finding'
    for (let depth = $from.depth; depth > 0; depth--) {
      const node = $from.node(depth)
      if (node.type.name === parentType) {
        // After the action or evidence the cursor is in, else at the end of the block.
        const child = $from.node(depth + 1)
        if (child && child.type.name === type) return { pos: $from.after(depth + 1), replace: null }
        return { pos: $from.end(depth), replace: null }
      }
    }
    return null
  }
  if ($from.depth === 0) return { pos: $from.pos, replace: null }
  const top = $from.node(1)
  // An empty paragraph at the top level is replaced by the block, as a "/" command on an empty line does.
  if (top.type.name === 'paragraph' && top.content.size === 0) return { pos: $from.before(1), replace: { from: $from.before(1), to: $from.after(1) } }
  return { pos: $from.after(1), replace: null }
}

export function canInsertBlock(editor: Editor, type: BlockType): boolean {
  return editor.isEditable && insertPosition(editor.state.selection.$from, type) !== null
}

/** The position of the start of the first field's text inside the block at `pos`. */
function firstFieldText(doc: PMNode, pos: number): number | null {
  const node = doc.nodeAt(pos)
  if (!node) return null
  let found: number | null = null
  node.forEach((child, offset) => {
    if (found === null && child.type.name === FIELD_NODE) found = pos + 1 + offset + 1
  })
  return found
}

/** Inserts an empty block next to the selection and puts the cursor in its first field. */
export function insertBlock(editor: Editor, type: BlockType, range?: { from: number; to: number }): boolean {
  if (!editor.isEditable) return false
  const { state } = editor
  let tr = state.tr
  if (range) tr = tr.delete(range.from, range.to)
  const where = insertPosition(tr.selection.$from, type)
  if (!where) return false
  const node = state.schema.nodeFromJSON(newBlock(type))
  let at = where.pos
  if (where.replace) {
    tr.replaceWith(where.replace.from, where.replace.to, node)
    at = where.replace.from
  } else {
    tr.insert(at, node)
  }
  const text = firstFieldText(tr.doc, at)
  if (text !== null) tr.setSelection(TextSelection.create(tr.doc, text))
  editor.view.dispatch(tr.scrollIntoView())
  editor.view.focus()
  return true
}

/** Where a block's siblings may be: top-level blocks move among the document's top level; actions and evidence within their block. */
export function moveTargets(doc: PMNode, pos: number): { up: boolean; down: boolean } {
  const $pos = doc.resolve(pos)
  const index = $pos.index()
  const parent = $pos.parent
  const before = index > 0 ? parent.child(index - 1) : null
  const after = index < parent.childCount - 1 ? parent.child(index + 1) : null
  const movable = (node: PMNode | null) => node !== null && node.type.name !== FIELD_NODE
  return { up: movable(before), down: movable(after) }
}

/**
 * Moves a block one place up or down. Yjs cannot move an element, so one of the two swapped nodes is
 * deleted and inserted again; the smaller one is, so less of anyone's concurrent typing is at stake.
 */
export function moveBlock(editor: Editor, pos: number, direction: 'up' | 'down'): boolean {
  const { state } = editor
  const node = state.doc.nodeAt(pos)
  if (!node || !moveTargets(state.doc, pos)[direction]) return false
  const $pos = state.doc.resolve(pos)
  const index = $pos.index()
  const neighbour = $pos.parent.child(direction === 'up' ? index - 1 : index + 1)
  const neighbourPos = direction === 'up' ? pos - neighbour.nodeSize : pos + node.nodeSize
  const tr = state.tr
  if (neighbour.nodeSize <= node.nodeSize) {
    // Move the neighbour to the other side of the block.
    tr.delete(neighbourPos, neighbourPos + neighbour.nodeSize)
    const blockNow = tr.mapping.map(pos)
    tr.insert(direction === 'up' ? blockNow + node.nodeSize : blockNow, neighbour)
  } else {
    tr.delete(pos, pos + node.nodeSize)
    tr.insert(direction === 'up' ? neighbourPos : neighbourPos - node.nodeSize + neighbour.nodeSize, node)
  }
  editor.view.dispatch(tr.scrollIntoView())
  return true
}

export function deleteBlock(editor: Editor, pos: number): boolean {
  const node = editor.state.doc.nodeAt(pos)
  if (!node) return false
  const tr = editor.state.tr.delete(pos, pos + node.nodeSize)
  // The document must never be empty: a lone block leaves an empty paragraph behind.
  if (tr.doc.childCount === 0) tr.insert(0, editor.state.schema.nodes.paragraph.create())
  editor.view.dispatch(tr)
  return true
}

/** Sets attributes of the block at `pos`, one key at a time, so each is its own change in the Y.Doc. */
export function setBlockAttributes(editor: Editor, pos: number, attributes: Record<string, unknown>): void {
  const tr = editor.state.tr
  for (const [key, value] of Object.entries(attributes)) tr.setNodeAttribute(pos, key, value)
  editor.view.dispatch(tr)
}

/** Adds an empty action to a priority, or evidence to a finding, at its end; the cursor goes into it. */
export function appendChild(editor: Editor, parentPos: number, type: 'action' | 'evidence'): void {
  const parent = editor.state.doc.nodeAt(parentPos)
  if (!parent) return
  const at = parentPos + parent.nodeSize - 1
  const tr = editor.state.tr.insert(at, editor.state.schema.nodeFromJSON(newBlock(type)))
  const text = firstFieldText(tr.doc, at)
  if (text !== null) tr.setSelection(TextSelection.create(tr.doc, text))
  editor.view.dispatch(tr.scrollIntoView())
  editor.view.focus()
}

export function findBlock(doc: PMNode, id: string): { node: PMNode; pos: number } | null {
  let found: { node: PMNode; pos: number } | null = null
  forEachBlock(doc, (node, pos) => {
    if (!found && node.attrs.id === id) found = { node, pos }
  })
  return found
}

/**
 * Brings a block to the middle of the screen. Blocks away from the screen are not laid out (their height is
 * an estimate until they are first drawn: see `.plan-content > .react-renderer` in styles.css), so a long
 * smooth scroll would aim at a place that moves as the blocks it passes are drawn. A near block is scrolled
 * to smoothly; a far one at once, and once more when the blocks now on screen have their real heights.
 */
function scrollToBlock(dom: HTMLElement): void {
  const { top, bottom } = dom.getBoundingClientRect()
  const near = bottom > -window.innerHeight && top < 2 * window.innerHeight
  const smooth = near && !window.matchMedia('(prefers-reduced-motion: reduce)').matches
  dom.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' })
  if (smooth) return
  // (Two frames: the first draws the blocks that came on screen, the second sees their heights.)
  requestAnimationFrame(() => requestAnimationFrame(() => {
    if (dom.isConnected) dom.scrollIntoView({ block: 'center', behavior: 'auto' })
  }))
}

/**
 * Scrolls to a block and briefly highlights it. Where the plan can be edited, the cursor goes to the start
 * of its first field; where it is read-only (a snapshot, a viewer's page) the block itself takes focus, so
 * that keyboard and screen reader users are taken there too and the next Tab goes on from it, not from the
 * button they left off screen.
 */
export function jumpToBlock(editor: Editor, id: string): boolean {
  const found = findBlock(editor.state.doc, id)
  if (!found) return false
  const text = firstFieldText(editor.state.doc, found.pos)
  const tr = editor.state.tr
  if (text !== null) tr.setSelection(TextSelection.create(tr.doc, text))
  editor.view.dispatch(tr)
  const dom = editor.view.nodeDOM(found.pos)
  if (dom instanceof HTMLElement) {
    scrollToBlock(dom)
    dom.classList.remove('plan-block--flash')
    void dom.offsetWidth
    dom.classList.add('plan-block--flash')
    window.setTimeout(() => dom.classList.remove('plan-block--flash'), 2000)
  }
  if (editor.isEditable) {
    editor.view.focus()
    return true
  }
  const block = dom instanceof HTMLElement ? (dom.matches('[data-block-id]') ? dom : dom.querySelector<HTMLElement>('[data-block-id]')) : null
  if (block) {
    if (!block.hasAttribute('tabindex')) block.tabIndex = -1
    block.focus({ preventScroll: true })
  }
  return true
}

export const INSERTABLE_BLOCKS = [...TOP_LEVEL_BLOCKS, 'action', 'evidence'] as const satisfies readonly BlockType[]
