/**
 * Two versions of a plan compared: what moved in its structure, and its text block by block. Pure: the
 * server calls it with documents read from snapshots, versions or the live plan.
 */
import type { JSONContent } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import { londonToday } from '../plan/dates.ts'
import { readPlan } from '../plan/model.ts'
import { diffBlocks, type BlockChange } from './blockDiff.ts'
import { compareStructure, type StructuralChanges } from './structure.ts'

export interface PlanDiff {
  structure: StructuralChanges
  blocks: BlockChange[]
}

export interface ComparedSide {
  doc: JSONContent
  /** When this version was taken (now for the live plan): overdue actions and RAG are judged on that day. */
  at: Date
}

export function comparePlans(schema: Schema, before: ComparedSide, after: ComparedSide): PlanDiff {
  const beforeModel = readPlan(schema.nodeFromJSON(before.doc))
  const afterModel = readPlan(schema.nodeFromJSON(after.doc))
  return {
    structure: compareStructure(beforeModel, afterModel, londonToday(before.at), londonToday(after.at)),
    blocks: diffBlocks(before.doc, after.doc),
  }
}
