// Short references for the plan's blocks, in document order: findings F1, F2…; targets T1…; priorities
// P1…; actions P1.1, P1.2…. Links between blocks print as these references, clickable in the PDF.
import type { JSONContent } from '@tiptap/core'
import type { Content } from 'pdfmake/interfaces'
import { plainText } from './text.ts'

export interface BlockReference {
  label: string
  /** A priority's title, printed beside its reference where the reference alone says too little. */
  title: string
  /** The anchor id of the place the block's reference is printed. */
  anchor: string
}

export class References {
  private readonly byId = new Map<string, BlockReference>()
  private readonly printed = new Set<string>()

  constructor(doc: JSONContent) {
    const counts = { finding: 0, target: 0, priority: 0 }
    for (const node of doc.content ?? []) {
      const id = typeof node.attrs?.id === 'string' ? node.attrs.id : null
      if (node.type === 'finding' || node.type === 'target' || node.type === 'priority') {
        const n = ++counts[node.type]
        const label = `${node.type === 'finding' ? 'F' : node.type === 'target' ? 'T' : 'P'}${n}`
        const title = node.type === 'priority'
          ? plainText((node.content ?? []).find((child) => child.type === 'field' && child.attrs?.name === 'title')).trim()
          : ''
        if (id) this.set(id, label, title)
        if (node.type === 'priority') {
          let a = 0
          for (const child of node.content ?? []) {
            const childId = typeof child.attrs?.id === 'string' ? child.attrs.id : null
            if (child.type === 'action') {
              a++
              if (childId) this.set(childId, `${label}.${a}`, '')
            }
          }
        }
      }
    }
  }

  label(id: string): string | null {
    return this.byId.get(id)?.label ?? null
  }

  /** The block's own reference, as an anchor the links and contents can point at (printed once). */
  anchor(id: string, fallback: string): { text: string; id?: string } {
    const reference = this.byId.get(id)
    if (!reference || this.printed.has(id)) return { text: reference?.label ?? fallback }
    this.printed.add(id)
    return { text: reference.label, id: reference.anchor }
  }

  title(id: string): string {
    return this.byId.get(id)?.title ?? ''
  }

  /** "F2, F4", each a link to the block in the PDF; a link to a block no longer in the plan says so. */
  links(ids: string[]): Content[] {
    const out: Content[] = []
    ids.forEach((id, index) => {
      if (index > 0) out.push({ text: ', ' })
      const reference = this.byId.get(id)
      if (!reference) {
        out.push({ text: 'a removed block', italics: true })
        return
      }
      out.push({ text: reference.label, style: 'reference', linkToDestination: reference.anchor } as Content)
    })
    return out
  }

  private set(id: string, label: string, title: string): void {
    if (!this.byId.has(id)) this.byId.set(id, { label, title, anchor: `block-${label}` })
  }
}
