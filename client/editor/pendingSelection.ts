/**
 * Takes the caret a person has just placed before anything redraws the editor. A click (or an arrow key)
 * moves the browser's caret at once, but ProseMirror reads it only at the next `selectionchange` event.
 * A change drawn in between (another person's typing, or their caret moving) was drawn with the old
 * selection, which ProseMirror then put back in the page: the caret jumped back to where it had been,
 * often another block's field, the page scrolled back there, and what the person typed next went there
 * (y-prosemirror issue 146). So the selection in the page, when ProseMirror has not read it yet, is the
 * one y-tiptap keeps across someone else's change, and the one any other redrawing transaction carries.
 *
 * It also keeps the caret where Yjs says it is across someone else's change. y-tiptap second-guesses that
 * place after any change to the plan's structure: it looks for "the same" block in the new plan by its type,
 * attributes and text. Two people who each pressed Enter at the end of the same block and began typing
 * both have a new empty paragraph, and each page's guess could take its own caret into the other person's
 * paragraph: their sentences ended up run into each other ("Varry: moderation…era: writing…H"). The guess
 * is kept only where it is needed, when the block the caret was in has itself been deleted (a block moved
 * by someone else is deleted and written again). Where Yjs alone is wrong, the caret is put right: in an
 * empty block (`atStartIfEmpty`), in text someone else moved on by pressing Enter earlier in the paragraph,
 * joining it to the one before or moving its block (`followMovedText`), and in a block someone else deleted
 * (`whereItWas`).
 */
import { Extension } from '@tiptap/core'
import { Plugin, TextSelection, type EditorState, type Selection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { getRelativeSelection, ySyncPluginKey, type ProsemirrorBinding } from '@tiptap/y-tiptap'
import * as Y from 'yjs'

/** The selection the person has made in the page and ProseMirror has not read yet, or null. */
function unreadSelection(view: EditorView): Selection | null {
  if (!view.editable || view.composing || !view.hasFocus()) return null
  const page = (view.root as Document).getSelection?.() ?? document.getSelection()
  const { anchorNode, focusNode } = page ?? {}
  if (!page || !anchorNode || !focusNode || !view.dom.contains(anchorNode) || !view.dom.contains(focusNode)) return null
  try {
    const anchor = view.posAtDOM(anchorNode, page.anchorOffset)
    const head = view.posAtDOM(focusNode, page.focusOffset)
    const { doc, selection } = view.state
    if (anchor === selection.anchor && head === selection.head) return null
    // Only a caret or a range in text: ProseMirror reads any other kind itself, as before.
    if (!doc.resolve(anchor).parent.inlineContent || !doc.resolve(head).parent.inlineContent) return null
    return TextSelection.create(doc, anchor, head)
  } catch {
    return null
  }
}

/** y-tiptap's note of the selection before a change: places in Yjs terms, and where they were in the old plan. */
interface KeptSelection {
  type: string
  anchor: Y.RelativePosition | null
  head: Y.RelativePosition | null
  absAnchor?: number
  absHead?: number
}

/**
 * Where a place in Yjs terms is now: the document it is in (`root`), and the outermost of the text and
 * blocks around it that is deleted (null when none is); null when Yjs cannot place it at all.
 */
function locate(doc: Y.Doc, place: Y.RelativePosition | null): { root: Y.AbstractType<any>; outermost: Y.Item | null } | null {
  const found = place && Y.createAbsolutePositionFromRelativePosition(place, doc)
  if (!found) return null
  let outermost: Y.Item | null = null
  let type: Y.AbstractType<any> = found.type
  while (type._item) {
    if (type._item.deleted) outermost = type._item
    type = type._item.parent as Y.AbstractType<any>
  }
  return { root: type, outermost }
}

/** Whether a place in Yjs terms is in text or a block that is still in the plan (nothing around it deleted). */
function stillThere(sync: { doc: Y.Doc; binding: ProsemirrorBinding }, place: Y.RelativePosition | null): boolean {
  const found = locate(sync.doc, place)
  return found !== null && found.outermost === null && found.root === (sync.binding.type as unknown)
}

/**
 * A caret in an empty paragraph or field is noted as "the end of that block". Someone else's first character
 * there then went before the caret and the rest after it: they typed "test", this person typed "X", and it
 * read "tXest" (Tiptap issue 7332). Everywhere else a caret keeps to the character on its left, so others'
 * typing at the caret goes after it; noted as the block's start, the empty block does the same ("Xtest").
 */
function atStartIfEmpty(doc: Y.Doc, place: Y.RelativePosition | null): Y.RelativePosition | null {
  if (!place || place.item !== null || place.type === null || place.assoc < 0) return place
  const found = Y.createAbsolutePositionFromRelativePosition(place, doc)
  if (!found || !(found.type instanceof Y.XmlElement) || found.type.length !== 0) return place
  return new Y.RelativePosition(place.type, place.tname, null, -1)
}

/** The most text on each side of a caret that is looked for when following text moved by someone else. */
const MOVED_TEXT_CONTEXT = 200

/**
 * When someone else presses Enter earlier in the paragraph the caret is in, y-tiptap deletes the rest of the
 * paragraph and writes it again as a new paragraph: the character the caret kept to is deleted, and Yjs puts
 * the caret where it was, at the end of the first half. What the person typed next went there ("HelloX",
 * " world", not " woXrld"; Tiptap issue 7213). Backspace at the start of the caret's paragraph does the
 * same the other way: the paragraph is deleted and its text written again at the end of the one before,
 * and the caret was put at the end of the joined paragraph. So when the caret's character was deleted by
 * this change, and the text deleted around it was written again by this change (found once, in the two
 * blocks before the caret's, the caret's or the next few), the caret follows it there: this also keeps it in
 * a block someone else moved. Null when it was not (an ordinary deletion keeps the Yjs place).
 */
export function followMovedText(doc: Y.Doc, transaction: Y.Transaction, place: Y.RelativePosition | null): Y.RelativePosition | null {
  if (!place?.item || place.assoc >= 0 || !Y.isDeleted(transaction.deleteSet, place.item)) return null
  let found: Y.AbstractStruct
  try {
    found = Y.getItem(doc.store, place.item)
  } catch {
    return null
  }
  if (!(found instanceof Y.Item) || !(found.parent instanceof Y.XmlText)) return null
  const deletedNow = (item: Y.Item | null): item is Y.Item => item !== null && item.deleted && Y.isDeleted(transaction.deleteSet, item.id)
  const textOf = (item: Y.Item) => (item.content instanceof Y.ContentString ? item.content.str : '')
  // The text deleted by this change on each side of the caret (it keeps to the character on its left).
  const at = place.item.clock - found.id.clock + 1
  let left = textOf(found).slice(0, at)
  let right = textOf(found).slice(at)
  for (let item = found.left; deletedNow(item) && left.length < MOVED_TEXT_CONTEXT; item = item.left) left = textOf(item) + left
  for (let item = found.right; deletedNow(item) && right.length < MOVED_TEXT_CONTEXT; item = item.right) right += textOf(item)
  left = left.slice(-MOVED_TEXT_CONTEXT)
  right = right.slice(0, MOVED_TEXT_CONTEXT)
  const moved = left + right

  // Where this change wrote that text again.
  const writtenNow = (item: Y.Item | null) => item !== null && item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)
  const matches: { text: Y.XmlText; index: number }[] = []
  // (Any Yjs type: their event types differ.)
  const search = (type: Y.AbstractType<any>) => {
    if (type instanceof Y.XmlText) {
      const text = type.toDelta().map((part: { insert: unknown }) => (typeof part.insert === 'string' ? part.insert : '\ufffc')).join('')
      for (let index = text.indexOf(moved); index >= 0; index = text.indexOf(moved, index + 1)) {
        if (writtenNow(itemAt(type, index)) && writtenNow(itemAt(type, index + moved.length - 1))) matches.push({ text: type, index: index + left.length })
      }
    } else if (type instanceof Y.XmlElement) {
      for (const child of type.toArray()) search(child)
    }
  }
  let block: Y.AbstractType<any> = found.parent
  while (block._item && block._item.parent instanceof Y.XmlElement) block = block._item.parent
  // (Two before: a block moved up past its neighbour is written again before that neighbour.)
  let first = block._item
  for (let item = first?.left ?? null, before = 0; item && before < 2; item = item.left) {
    if (item.deleted) continue
    first = item
    before++
  }
  for (let item = first, blocks = 0; item && blocks < 7; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue
    search(item.content.type)
    blocks++
  }
  // Only where it is plain which text it is.
  if (matches.length !== 1) return null
  return Y.createRelativePositionFromTypeIndex(matches[0].text, matches[0].index, -1)
}

/**
 * Where a caret's block was, when someone else deleted it: the end of the text just before it (y-tiptap's
 * guess took it to any block whose text or type matched, or to the next text whatever it was, as far away as
 * another section's heading, and typing went on there). Null when the caret's block is not
 * deleted, or lives on elsewhere: a block moved is deleted and written again with the same id, and y-tiptap
 * finds it by that.
 */
export function whereItWas(doc: Y.Doc, root: Y.AbstractType<any>, place: Y.RelativePosition | null): Y.RelativePosition | null {
  const { root: inRoot, outermost } = locate(doc, place) ?? { root: null, outermost: null }
  if (inRoot !== root || !outermost || !(outermost.content instanceof Y.ContentType)) return null
  const id = deletedBlockId(outermost.content.type)
  if (id !== null && hasBlock(root, id)) return null
  // The end of the text before it, in its own parent (the block it was part of), else the start of the text
  // after it; else the gap itself.
  for (let item = outermost.left; item; item = item.left) {
    const text = !item.deleted && item.content instanceof Y.ContentType ? edgeText(item.content.type, -1) : null
    if (text) return Y.createRelativePositionFromTypeIndex(text, text.length, -1)
  }
  for (let item = outermost.right; item; item = item.right) {
    const text = !item.deleted && item.content instanceof Y.ContentType ? edgeText(item.content.type, 1) : null
    if (text) return Y.createRelativePositionFromTypeIndex(text, 0, -1)
  }
  let index = 0
  for (let item = outermost.left; item; item = item.left) if (!item.deleted && item.countable) index += item.length
  return Y.createRelativePositionFromTypeIndex(outermost.parent as Y.AbstractType<any>, index)
}

/**
 * The last text in a type (`side` -1) or the first (1): a Yjs text, or an element with nothing in it (an
 * empty field or paragraph, whose text has not been made yet); null when it has neither.
 */
function edgeText(type: Y.AbstractType<any>, side: 1 | -1): Y.XmlText | Y.XmlElement | null {
  if (type instanceof Y.XmlText) return type
  if (!(type instanceof Y.XmlElement)) return null
  if (type.length === 0) return type
  const children = type.toArray()
  if (side === -1) children.reverse()
  for (const child of children) {
    const text = edgeText(child as Y.AbstractType<any>, side)
    if (text) return text
  }
  return null
}

/** The id a deleted block had: its attributes are deleted with it, but still readable until Yjs collects them. */
function deletedBlockId(type: Y.AbstractType<any>): string | null {
  const content = type._map.get('id')?.content.getContent()
  const id = content?.[content.length - 1]
  return typeof id === 'string' ? id : null
}

function hasBlock(type: Y.AbstractType<any>, id: string): boolean {
  if (type instanceof Y.XmlElement && type.getAttribute('id') === id) return true
  if (!(type instanceof Y.XmlElement || type instanceof Y.XmlFragment)) return false
  return type.toArray().some((child) => hasBlock(child as Y.AbstractType<any>, id))
}

/** The item holding a text's character at `index` (embeds count one, formatting none). */
function itemAt(text: Y.XmlText, index: number): Y.Item | null {
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !item.countable) continue
    if (index < item.length) return item
    index -= item.length
  }
  return null
}

/**
 * The type of the block (or text) around a place in Yjs terms that a change deleted: "evidence",
 * "paragraph"; null when nothing around it is deleted, or it lives on elsewhere (a block moved).
 */
function deletedAround(doc: Y.Doc, root: Y.AbstractType<any>, place: Y.RelativePosition | null): string | null {
  const { root: inRoot, outermost } = locate(doc, place) ?? { root: null, outermost: null }
  if (inRoot !== root || !outermost || !(outermost.content instanceof Y.ContentType)) return null
  const id = deletedBlockId(outermost.content.type)
  if (id !== null && hasBlock(root, id)) return null
  const type = outermost.content.type
  return type instanceof Y.XmlElement ? type.nodeName : null
}

export const PendingSelection = Extension.create<{
  /**
   * Someone else deleted the block (of this type) the person was writing in, while the editor had focus: the
   * caret has gone to the end of the text just before it, so they are told, or what they type next would go
   * there unawares, perhaps into another field.
   */
  onWritingPlaceDeleted: (type: string) => void
}>({
  name: 'pendingSelection',

  addOptions() {
    return { onWritingPlaceDeleted: () => undefined }
  },

  addProseMirrorPlugins() {
    const extension = this
    return [
      new Plugin({
        view(view) {
          extension.storage.view = view
          const sync = ySyncPluginKey.getState(view.state) as { doc: Y.Doc; binding: ProsemirrorBinding } | undefined
          // Someone else's change: y-tiptap notes the selection (in Yjs terms) before the change, to put it
          // back after redrawing the plan; it must be the one the person has just made (y-tiptap reads only
          // the state's selection), and a caret in an empty block keeps left like any other.
          const beforeChange = (transaction: Y.Transaction) => {
            if (!sync || transaction.origin === ySyncPluginKey) return
            const selection = unreadSelection(view)
            if (selection) sync.binding.beforeTransactionSelection = getRelativeSelection(sync.binding, { selection } as EditorState)
            const kept = sync.binding.beforeTransactionSelection as KeptSelection | null
            if (kept) {
              kept.anchor = atStartIfEmpty(sync.doc, kept.anchor)
              kept.head = atStartIfEmpty(sync.doc, kept.head)
            }
          }
          // Once the change is in and before y-tiptap redraws: if the caret's place still exists, Yjs knows
          // where it is now (or the text it was in has moved on), and y-tiptap is given no old place to
          // guess from.
          const changeApplied = (transaction: Y.Transaction) => {
            const kept = sync?.binding.beforeTransactionSelection as KeptSelection | null | undefined
            if (!sync || !kept || kept.absAnchor === undefined || transaction.origin === ySyncPluginKey || transaction.origin instanceof Y.UndoManager) return
            const known = (place: Y.RelativePosition | null) => followMovedText(sync.doc, transaction, place)
              ?? (stillThere(sync, place) ? place : whereItWas(sync.doc, sync.binding.type, place))
            // (Only a block deleted: not one moved, whose text Yjs or followMovedText still finds.)
            if (view.hasFocus() && view.editable && !followMovedText(sync.doc, transaction, kept.head) && !stillThere(sync, kept.head)) {
              const gone = deletedAround(sync.doc, sync.binding.type, kept.head)
              if (gone) extension.options.onWritingPlaceDeleted(gone)
            }
            const anchor = known(kept.anchor)
            const head = known(kept.head)
            if (!anchor || !head) return
            const trusted: KeptSelection = { ...kept, anchor, head, absAnchor: undefined, absHead: undefined }
            sync.binding.beforeTransactionSelection = trusted as typeof sync.binding.beforeTransactionSelection
          }
          sync?.doc.on('beforeTransaction', beforeChange)
          sync?.doc.on('beforeObserverCalls', changeApplied)
          return {
            destroy() {
              sync?.doc.off('beforeTransaction', beforeChange)
              sync?.doc.off('beforeObserverCalls', changeApplied)
              if (extension.storage.view === view) extension.storage.view = null
            },
          }
        },
      }),
    ]
  },

  addStorage() {
    return { view: null as EditorView | null }
  },

  // Any other transaction that keeps the selection it was made with (a remote caret's decoration moving,
  // say) carries the person's new selection instead. Left alone: those that set a selection, y-tiptap's
  // (above), and the one marking focus: while the editor takes focus, the page still holds the selection
  // the browser kept, which ProseMirror is about to replace.
  dispatchTransaction({ transaction, next }) {
    const view = this.storage.view
    const leave = transaction.selectionSet || transaction.getMeta(ySyncPluginKey) || transaction.getMeta('focus') || transaction.getMeta('blur')
    if (view && !leave) {
      const selection = unreadSelection(view)
      if (selection) transaction.setSelection(selection.map(transaction.doc, transaction.mapping))
    }
    next(transaction)
  },
})
