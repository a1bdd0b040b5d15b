/**
 * The text typed here that the server never stored: the items of this person's client ids past the
 * server's stored clock, read from the plan's XML in document order. Used when the server refuses the
 * changes (access removed or reduced while offline) so the person can copy their words out.
 */
import * as Y from 'yjs'

export function unsentText(doc: Y.Doc, clients: Iterable<number>, stored: ReadonlyMap<number, number>): string[] {
  const mine = new Set(clients)
  const blocks: string[] = []
  const visit = (type: Y.AbstractType<unknown>): void => {
    if (type instanceof Y.XmlText) {
      let text = ''
      let previousUnsent = false
      for (let item = type._start; item; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentString)) continue
        const from = mine.has(item.id.client) ? Math.max(0, (stored.get(item.id.client) ?? 0) - item.id.clock) : item.length
        const unsent = from < item.length ? item.content.str.slice(from) : ''
        if (unsent) {
          // Two separate runs in one paragraph: mark the gap of stored text between them.
          if (text && (!previousUnsent || from > 0)) text = `${text.trimEnd()} … ${unsent.trimStart()}`
          else text += unsent
        }
        previousUnsent = unsent !== ''
      }
      if (text.trim()) blocks.push(text.trim())
      return
    }
    if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment) {
      for (const child of type.toArray()) if (child instanceof Y.AbstractType) visit(child as Y.AbstractType<unknown>)
    }
  }
  visit(doc.getXmlFragment('content') as unknown as Y.AbstractType<unknown>)
  return blocks
}

/** The whole plan as plain text, one block a line: the fallback when only deletions or formatting were refused. */
export function planText(doc: Y.Doc): string {
  const lines: string[] = []
  const visit = (type: Y.AbstractType<unknown>): void => {
    if (type instanceof Y.XmlText) {
      const text = (type.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')
      if (text.trim()) lines.push(text)
      return
    }
    if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment) {
      for (const child of type.toArray()) if (child instanceof Y.AbstractType) visit(child as Y.AbstractType<unknown>)
    }
  }
  visit(doc.getXmlFragment('content') as unknown as Y.AbstractType<unknown>)
  return lines.join('\n')
}
