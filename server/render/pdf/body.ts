// The plan's body, block by block in document order: rich text as written, structured blocks laid out for
// paper, and anything unknown kept as its plain words so no content is ever silently dropped.
import type { JSONContent } from '@tiptap/core'
import type { Content } from 'pdfmake/interfaces'
import { findings, planDetails, priority, reviewPoint, targets } from './blocks.ts'
import {
  blockquote, bulletList, codeBlock, heading, horizontalRule, orderedList, paragraph, table,
} from './richText.ts'
import { fitsOnAPage } from './keep.ts'
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
 * The whole body. A heading is kept on the same page as what follows it: its introduction (a paragraph,
 * in the templates the section's guidance) and the first part of the section (a paragraph, a finding, a
 * priority's opening rows), so no page ends on a heading, or a heading and its guidance, whose section
 * starts overleaf. Only as much as surely fits on a page is kept together (see keep.ts).
 */
export function renderBody(doc: JSONContent, ctx: RenderContext): Content[] {
  const nodes = doc.content ?? []
  const out: Content[] = []
  for (let i = 0; i < nodes.length;) {
    if (nodes[i].type !== 'heading') {
      const part = renderPart(nodes, i, ctx)
      out.push(...part.content)
      i = part.next
      continue
    }
    const kept = renderBlock(nodes[i], ctx)
    let next = i + 1
    if (nodes[next]?.type === 'paragraph' && !isEmptyParagraph(nodes[next])) {
      kept.push(...renderBlock(nodes[next], ctx))
      next++
    }
    while (isEmptyParagraph(nodes[next])) next++
    const following = next < nodes.length && nodes[next].type !== 'heading' ? renderPart(nodes, next, ctx) : null
    const first = following?.content[0]
    if (first !== undefined && fitsOnAPage(kept, first)) out.push({ stack: [...kept, first], unbreakable: true }, ...following!.content.slice(1))
    else if (kept.length > 1 && fitsOnAPage(kept)) out.push({ stack: kept, unbreakable: true }, ...(following?.content ?? []))
    else out.push(...kept, ...(following?.content ?? []))
    i = following ? following.next : next
  }
  return out
}

/** The block at `i`, or the run of blocks gathered with it, and the index after them. */
function renderPart(nodes: JSONContent[], i: number, ctx: RenderContext): { content: Content[]; next: number } {
  const gather = nodes[i].type ? GATHERED[nodes[i].type!] : undefined
  if (!gather) return { content: renderBlock(nodes[i], ctx), next: i + 1 }
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
  return { content: gather(group, ctx), next: j }
}
