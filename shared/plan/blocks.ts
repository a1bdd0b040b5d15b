/**
 * Empty plan blocks as ProseMirror JSON, each with a fresh id: what the insert menus add and what the
 * templates are built from. `prefill` puts text in named fields (a template's school name).
 */
import type { JSONContent } from '@tiptap/core'
import { newBlockId } from '../schema/blockIds.ts'
import { BLOCK_FIELDS, FIELD_NODE, type BlockType, type FieldName } from '../schema/blockFields.ts'

type Prefill = Partial<Record<FieldName, string>>

function fields(type: BlockType, prefill: Prefill = {}): JSONContent[] {
  return BLOCK_FIELDS[type].map((name) => {
    const text = prefill[name]
    return text ? { type: FIELD_NODE, attrs: { name }, content: [{ type: 'text', text }] } : { type: FIELD_NODE, attrs: { name } }
  })
}

function block(type: BlockType, attrs: Record<string, unknown> = {}, prefill: Prefill = {}, children: JSONContent[] = []): JSONContent {
  return { type, attrs: { id: newBlockId(), ...attrs }, content: [...fields(type, prefill), ...children] }
}

export function newPlanDetails(attrs: Record<string, unknown> = {}, prefill: Prefill = {}): JSONContent {
  return block('planDetails', attrs, prefill)
}

export function newEvidence(attrs: Record<string, unknown> = {}): JSONContent {
  return block('evidence', attrs)
}

export function newFinding(attrs: Record<string, unknown> = {}, evidence = 1): JSONContent {
  return block('finding', attrs, {}, Array.from({ length: evidence }, () => newEvidence()))
}

export function newTarget(attrs: Record<string, unknown> = {}): JSONContent {
  return block('target', attrs)
}

export function newAction(attrs: Record<string, unknown> = {}): JSONContent {
  return block('action', attrs)
}

export function newPriority(actions = 1): JSONContent {
  return block('priority', {}, {}, Array.from({ length: actions }, () => newAction()))
}

export function newReviewPoint(attrs: Record<string, unknown> = {}): JSONContent {
  return block('reviewPoint', attrs)
}

/** A new empty block of a type, as the insert menus make it. */
export function newBlock(type: BlockType): JSONContent {
  switch (type) {
    case 'planDetails': return newPlanDetails()
    case 'finding': return newFinding()
    case 'evidence': return newEvidence()
    case 'target': return newTarget()
    case 'priority': return newPriority()
    case 'action': return newAction()
    case 'reviewPoint': return newReviewPoint()
  }
}
