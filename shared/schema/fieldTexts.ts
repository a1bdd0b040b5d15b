/**
 * Every empty field of a plan's blocks holds one empty Yjs text (a Y.XmlText), made with the field or as
 * soon as the field is emptied, so that everyone's first characters there go into that one text and merge
 * character by character like any others.
 *
 * y-tiptap writes a field's text into the Y.XmlText it finds in the field's element, and makes one when there
 * is none. When two people typed the first characters of an empty field at once, each page made its own, and
 * the field then held two texts side by side. ProseMirror reads them as one run of text, and y-tiptap writes
 * such a run back as one: on the page that made the second text as soon as it draws the two (it moves its own
 * text into the first), and on any page as soon as the field is edited there (it writes the whole run into the
 * first and deletes the second). Two pages each copying the same characters put them in twice, for everyone:
 * "hh112345678" where Harry typed "h112345678".
 */
import * as Y from 'yjs'
import { FIELD_NODE } from './blockFields.ts'

/** The origin of a text given to fields on their own (plans made before fields had one, after undo or redo). */
export const FIELD_TEXT_ORIGIN = Symbol('uplift-field-text')

const isField = (type: unknown): type is Y.XmlElement => type instanceof Y.XmlElement && type.nodeName === FIELD_NODE

/** Whether a type is in its document still: neither it nor anything it is in is deleted. */
function inDocument(type: Y.AbstractType<any>): boolean {
  for (let item = type._item; item; item = (item.parent as Y.AbstractType<any>)._item) {
    if (item.deleted) return false
  }
  return true
}

/** Adds the empty fields at or under `type` to `found`. */
function collectEmptyFields(type: Y.AbstractType<any>, found: Set<Y.XmlElement>): void {
  if (isField(type)) {
    if (type.length === 0) found.add(type)
  } else if (type instanceof Y.XmlFragment) {
    // (Elements are fragments too; texts and hooks hold no fields.)
    for (const child of type.toArray()) collectEmptyFields(child as Y.AbstractType<any>, found)
  }
}

function giveTexts(fields: Iterable<Y.XmlElement>): void {
  for (const field of fields) {
    if (field.length === 0 && inDocument(field)) field.insert(0, [new Y.XmlText()])
  }
}

/** Gives every empty field in `root` its text, in one change (none when every field has one). */
export function fillEmptyFields(root: Y.XmlFragment, origin: unknown = FIELD_TEXT_ORIGIN): void {
  const found = new Set<Y.XmlElement>()
  collectEmptyFields(root, found)
  if (found.size > 0 && root.doc) root.doc.transact(() => giveTexts(found), origin)
}

/**
 * After each change made on this page (not those received), gives the fields it made or emptied their text,
 * while `mayWrite` says this page may change the plan. That is a change of its own, made at once, before the
 * first one is sent: Yjs sends a change with everything written since it began, so the first change already
 * carries the texts, and nobody receives a field without one. It has the first change's origin, so it is undone
 * with it; after undo or redo, its own (FIELD_TEXT_ORIGIN), so that the undo and redo steps stay as they were.
 * Returns a function that stops it.
 */
export function keepEmptyFieldsFilled(doc: Y.Doc, mayWrite: () => boolean): () => void {
  const afterTransaction = (transaction: Y.Transaction) => {
    if (!transaction.local || !mayWrite()) return
    const found = new Set<Y.XmlElement>()
    const madeNow = (item: Y.Item) => item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)
    for (const type of transaction.changed.keys()) {
      // A field whose content changed (it may be empty now), or elements given new content: blocks, fields.
      if (isField(type)) {
        if (type.length === 0) found.add(type)
      } else if (type instanceof Y.XmlFragment) {
        for (let item = type._start; item; item = item.right) {
          if (!item.deleted && madeNow(item) && item.content instanceof Y.ContentType) collectEmptyFields(item.content.type, found)
        }
      }
    }
    if (found.size === 0) return
    doc.transact(() => giveTexts(found), transaction.origin instanceof Y.UndoManager ? FIELD_TEXT_ORIGIN : transaction.origin)
  }
  doc.on('afterTransaction', afterTransaction)
  return () => doc.off('afterTransaction', afterTransaction)
}
