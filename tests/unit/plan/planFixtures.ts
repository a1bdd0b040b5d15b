// Plans for unit tests, built from the same block factories the editor and the templates use.
import type { JSONContent } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { newAction, newFinding, newPriority, newReviewPoint, newTarget } from '../../../shared/plan/blocks.ts'
import { planSchema } from '../../../shared/schema/extensions.ts'

export const schema = planSchema()

/** Puts text into a block's named fields. */
export function filled(block: JSONContent, texts: Record<string, string>): JSONContent {
  return {
    ...block,
    content: block.content?.map((child) => {
      const text = child.type === 'field' ? texts[child.attrs?.name as string] : undefined
      return text ? { ...child, content: [{ type: 'text', text }] } : child
    }),
  }
}

export function target(attrs: Record<string, unknown>, texts: Record<string, string> = {}): JSONContent {
  return filled(newTarget(attrs), texts)
}

export function finding(attrs: Record<string, unknown>, texts: Record<string, string> = {}): JSONContent {
  return filled(newFinding(attrs, 0), texts)
}

export function action(attrs: Record<string, unknown>, texts: Record<string, string> = {}): JSONContent {
  return filled(newAction(attrs), texts)
}

export function priority(texts: Record<string, string>, ...actions: JSONContent[]): JSONContent {
  const made = filled(newPriority(0), texts)
  return { ...made, content: [...(made.content ?? []), ...actions] }
}

export function reviewPoint(attrs: Record<string, unknown>, texts: Record<string, string> = {}): JSONContent {
  return filled(newReviewPoint(attrs), texts)
}

export function planJson(...blocks: JSONContent[]): JSONContent {
  return { type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Plan' }] }, ...blocks] }
}

export function planNode(...blocks: JSONContent[]): PMNode {
  const node = schema.nodeFromJSON(planJson(...blocks))
  node.check()
  return node
}

export const idOf = (block: JSONContent): string => block.attrs?.id as string
