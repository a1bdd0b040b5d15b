// The plan's body, block by block in document order: rich text as written, structured blocks laid out for
// paper, and anything unknown kept as its plain words so no content is ever silently dropped.
import type { JSONContent } from '@tiptap/core'
import type { Content } from 'pdfmake/interfaces'
import { findings, planDetails, priority, reviewPoint, targets } from './blocks.ts'
import {
  blockquote, bulletList, codeBlock, heading, horizontalRule, orderedList, paragraph, table,
} from './richText.ts'
import { plainText, printable } from './text.ts'
import type { RenderContext } from './types.ts'

export function renderBlock(node: JSONContent, ctx: RenderContext): Content[] {
  switch (node.type) {
    case 'paragraph': return paragraph(node)
    case 'heading': return heading(node, ctx)
    case 'bulletList': return bulletList(node, ctx, renderBlock)
    case 'orderedList': return orderedList(node, ctx, renderBlock)
    case 'blockquote': return blockquote(node, ctx, renderBlock)
    case 'codeBlock': return codeBlock(node)
    case 'horizontalRule': return horizontalRule()
    case 'table': return table(node, ctx, renderBlock)
  }
  switch (node.type) {
    case 'planDetails': return planDetails(node)
    case 'finding': return findings([node], ctx)
    case 'target': return targets([node], ctx)
    case 'priority': return priority(node, ctx)
    case 'reviewPoint': return reviewPoint(node, ctx)
  }
  // A node this renderer does not know yet (a newer schema): its words, never nothing.
  if (node.content?.some((child) => child.type === 'text')) return paragraph(node)
  if (node.content) return node.content.flatMap((child) => renderBlock(child, ctx))
  const text = plainText(node).trim()
  return text ? [{ text: printable(text), style: 'paragraph' }] : []
}

/** Blocks that read better gathered: a run of findings (grouped by area), a run of targets (one table). */
const GATHERED: Record<string, (group: JSONContent[], ctx: RenderContext) => Content[]> = { finding: findings, target: targets }

const isEmptyParagraph = (node: JSONContent | undefined) => node?.type === 'paragraph' && plainText(node).trim() === ''

/**
 * The whole body. A heading is kept on the same page as the paragraph after it (an unbreakable pair), so
 * no page ends on a heading whose text starts overleaf.
 */
export function renderBody(doc: JSONContent, ctx: RenderContext): Content[] {
  const nodes = doc.content ?? []
  const out: Content[] = []
  for (let i = 0; i < nodes.length; i++) {
    const gather = nodes[i].type ? GATHERED[nodes[i].type!] : undefined
    if (gather) {
      // Consecutive blocks of one type, with nothing but empty paragraphs between them.
      const group = [nodes[i]]
      let j = i + 1
      for (;;) {
        let k = j
        while (isEmptyParagraph(nodes[k])) k++
        if (nodes[k]?.type !== nodes[i].type) break
        group.push(nodes[k])
        j = k + 1
      }
      out.push(...gather(group, ctx))
      i = j - 1
      continue
    }
    const rendered = renderBlock(nodes[i], ctx)
    if (nodes[i].type === 'heading' && rendered.length > 0 && nodes[i + 1]?.type === 'paragraph') {
      const next = renderBlock(nodes[i + 1], ctx)
      if (next.length > 0) {
        out.push({ stack: [...rendered, ...next], unbreakable: true })
        i++
        continue
      }
    }
    out.push(...rendered)
  }
  return out
}
