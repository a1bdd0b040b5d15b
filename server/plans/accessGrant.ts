/**
 * Whether an invitation would give someone more access to a plan than they have. An invitation link is for
 * one person and works once, so it is used up only when it changes something: a member who opens a link
 * meant for someone else (an owner trying their own link, an editor sent the trustees' link) leaves it
 * working for the person it was meant for, and keeps the role they have.
 */
import { effectiveRole, type Role } from '../../shared/roles.ts'

/** A role as granted, with an editor's end date (the end of a secondment); see effectiveRole. */
export interface Grant {
  role: Role
  editorUntil: string | null
}

const RANK: Record<Role, number> = { owner: 3, editor: 2, viewer: 1, trustee: 0 }

/**
 * True when `offered` gives more than `current` (null: no access) at `now`: any access for someone without
 * any, a higher role in force (an editor whose end date has passed is a viewer, so an editor link gives them
 * more), or editing that lasts longer. A lower or equal role, or a shorter end date, gives nothing more.
 */
export function givesMoreAccess(current: Grant | null, offered: Grant, now: Date): boolean {
  if (!current) return true
  const inForce = effectiveRole(current.role, current.editorUntil, now)
  const wouldBe = effectiveRole(offered.role, offered.editorUntil, now)
  if (RANK[wouldBe] !== RANK[inForce]) return RANK[wouldBe] > RANK[inForce]
  // Both editors now: open-ended editing beats an end date, and a later end date beats an earlier one.
  if (inForce !== 'editor' || current.editorUntil === null) return false
  return offered.editorUntil === null || Date.parse(offered.editorUntil) > Date.parse(current.editorUntil)
}
