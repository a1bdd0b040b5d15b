/**
 * When a block's React view is redrawn. It shows its fields' text only in passing (its name for screen
 * readers, a priority's title in a button's label): the text itself is ProseMirror's. So while someone types
 * in a field, the view is redrawn once typing pauses (settle.ts), not at every key: each redraw is a React
 * commit, which walks the whole editor. A change to anything else the view draws from (a status, a date, a
 * link, an action added) redraws it at once.
 */
import type { Node as PMNode } from '@tiptap/pm/model'
import { FIELD_NODE } from '../../../shared/schema/blockFields.ts'
import { settler } from '../settle.ts'

/** Whether two versions of a block differ only in the text of its fields, or of its nested blocks' fields. */
export function onlyFieldTextChanged(a: PMNode, b: PMNode): boolean {
  // (hasMarkup: the same type and attributes, compared deeply, as lists of linked ids are arrays.)
  if (a.childCount !== b.childCount || !a.hasMarkup(b.type, b.attrs)) return false
  for (let i = 0; i < a.childCount; i++) {
    const x = a.child(i)
    const y = b.child(i)
    if (x === y) continue
    if (x.type.name === FIELD_NODE ? !x.hasMarkup(y.type, y.attrs) : !onlyFieldTextChanged(x, y)) return false
  }
  return true
}

/** The redraws waiting for typing to pause, by view: the latest of a view's wins (one destroyed meanwhile ignores it). */
const waiting = new Map<object, () => void>()
const redrawWaiting = settler(() => {
  const redraws = [...waiting.values()]
  waiting.clear()
  for (const redraw of redraws) redraw()
})

interface UpdateArguments {
  oldNode: PMNode
  newNode: PMNode
  updateProps(): void
}

/** Tiptap's `update` option for one block's view. */
export function redrawWhenDue(): (update: UpdateArguments) => boolean {
  const key = {}
  return ({ oldNode, newNode, updateProps }) => {
    if (onlyFieldTextChanged(oldNode, newNode)) {
      waiting.set(key, updateProps)
      redrawWaiting.changed()
    } else {
      waiting.delete(key)
      updateProps()
    }
    return true
  }
}
