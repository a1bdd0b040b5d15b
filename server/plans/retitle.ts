/**
 * Keeping a plan's own words in step when it is renamed. Every template writes the plan's title as the
 * document's first heading, and its school in the plan details block (or on the line under the title).
 * Renaming the plan changed only the record, so the page, the snapshots and the PDF's body went on with
 * the old title under a cover with the new one. Where the document still says exactly what the record said,
 * a rename changes it too; wording people have changed is theirs, and is left alone.
 */
import * as Y from 'yjs'
import { FIELD_NODE } from '../../shared/schema/blockFields.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import { serverDoc } from '../collab/serverDoc.ts'

export interface PlanNames {
  title: string
  schoolName: string
}

/**
 * The Yjs update that renames the plan in its own text (see above), made against `live` (an encoded state),
 * or null when the text does not say the old names (or nothing changed).
 */
export function retitleUpdate(live: Uint8Array, before: PlanNames, after: PlanNames): Uint8Array | null {
  const scratch = serverDoc()
  try {
    Y.applyUpdate(scratch, live)
    const stateBefore = Y.encodeStateVector(scratch)
    const fragment = scratch.getXmlFragment(PLAN_FRAGMENT)
    let changed = false
    scratch.transact(() => {
      const nodes = fragment.toArray()
      if (before.title !== after.title) {
        const first = nodes[0]
        if (first instanceof Y.XmlElement && first.nodeName === 'heading' && Number(first.getAttribute('level')) === 1) {
          changed = replaceIfSays(first, before.title, after.title) || changed
        }
      }
      if (before.schoolName !== after.schoolName) {
        const details = nodes.find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'planDetails')
        const field = details?.toArray().find((node): node is Y.XmlElement =>
          node instanceof Y.XmlElement && node.nodeName === FIELD_NODE && node.getAttribute('name') === 'schoolName')
        // (The outline template has no details block: the school is the paragraph under the title.)
        const line = nodes[1] instanceof Y.XmlElement && nodes[1].nodeName === 'paragraph' ? nodes[1] : null
        const where = field ?? line
        if (where) changed = replaceIfSays(where, before.schoolName, after.schoolName) || changed
      }
    })
    return changed ? Y.encodeStateAsUpdate(scratch, stateBefore) : null
  } finally {
    scratch.destroy()
  }
}

/** Replaces the element's text with `next` if its text is `old` (spaces at the ends aside). */
function replaceIfSays(element: Y.XmlElement, old: string, next: string): boolean {
  const texts = element.toArray()
  if (texts.length !== 1 || !(texts[0] instanceof Y.XmlText)) return false
  const text = texts[0]
  const plain = (text.toDelta() as { insert: unknown }[]).map((part) => (typeof part.insert === 'string' ? part.insert : '\uFFFC')).join('')
  if (plain.trim() !== old.trim()) return false
  text.delete(0, text.length)
  text.insert(0, next)
  return true
}
