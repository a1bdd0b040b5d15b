/**
 * Who may do what with a plan. The server enforces this table; the client only uses it to hide controls.
 */
import { ukLongDate } from './plan/dates.ts'

export const ROLES = ['owner', 'editor', 'viewer', 'trustee'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  editor: 'Editor',
  viewer: 'Viewer',
  trustee: 'Trustee',
}

/** For sentences: "as an editor", "you are now a trustee". */
export const ROLE_WITH_ARTICLE: Record<Role, string> = {
  owner: 'an owner',
  editor: 'an editor',
  viewer: 'a viewer',
  trustee: 'a trustee',
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Can edit, share and delete the plan.',
  editor: 'Can edit the live plan.',
  viewer: 'Can follow the live plan but not change it.',
  trustee: 'Sees only snapshots published to trustees, never the live draft.',
}

/** What a role lets the person themselves do, to follow "your role is now …:" in one sentence. */
const ROLE_ABILITIES: Record<Role, string> = {
  owner: 'you can edit, share and delete the plan',
  editor: 'you can edit the live plan',
  viewer: 'you can follow the live plan but not change it',
  trustee: 'you see only snapshots published to trustees, never the live draft',
}

/**
 * "Your role in this plan is now Viewer: you can follow the live plan but not change it."; for an editor with
 * an end date, "… Editor: you can edit the live plan until the end of 31 March 2027."
 */
export function roleChangedMessage(role: Role, editorUntil?: string | null): string {
  const until = role === 'editor' && editorUntil ? ` until the end of ${ukLongDate(editorUntil)}` : ''
  return `Your role in this plan is now ${ROLE_LABELS[role]}: ${ROLE_ABILITIES[role]}${until}.`
}

/**
 * A person's access to a plan as their page shows it: the role in force, and when an editor's editing ends
 * (an ISO instant; null when there is no end date, or they are not an editor).
 */
export interface Access {
  role: Role
  editorUntil: string | null
}

/** The access in force at `now` of a role granted with an end date (see effectiveRole). */
export function accessInForce(role: Role, editorUntil: string | null | undefined, now: Date): Access {
  const inForce = effectiveRole(role, editorUntil, now)
  return { role: inForce, editorUntil: inForce === 'editor' ? editorUntil ?? null : null }
}

/** Whether two accesses differ in anything the page shows (the role, or an editor's end date). */
export function accessDiffers(a: Access, b: Access): boolean {
  return a.role !== b.role || (a.editorUntil ?? null) !== (b.editorUntil ?? null)
}

/**
 * One sentence telling someone with the plan open that their access changed from `before` to `after`:
 * - their editing ended (an editor's end date passed): "Your time as an editor of this plan ended on
 *   31 December 2026: you can now follow the live plan but not change it."
 * - only an editor's end date changed: "You can now edit this plan until the end of 31 March 2027." or
 *   "You can now edit this plan with no end date."
 * - otherwise the new role (see roleChangedMessage).
 * Dates are the day in England (the school's time zone).
 */
export function accessChangedMessage(before: Access, after: Access, now: Date): string {
  const ended = before.role === 'editor' && after.role === 'viewer' ? before.editorUntil : null
  if (ended && Date.parse(ended) <= now.getTime()) {
    return `Your time as an editor of this plan ended on ${ukLongDate(ended)}: you can now follow the live plan but not change it.`
  }
  if (before.role === 'editor' && after.role === 'editor') {
    return after.editorUntil
      ? `You can now edit this plan until the end of ${ukLongDate(after.editorUntil)}.`
      : 'You can now edit this plan with no end date.'
  }
  return roleChangedMessage(after.role, after.editorUntil)
}

export type Capability =
  | 'readLive'
  | 'writeLive'
  | 'renamePlan'
  | 'manageSharing'
  | 'deletePlan'
  | 'viewMembers'
  /** See the email addresses of the people with access (those who manage sharing need to reach them). */
  | 'viewMemberEmails'
  | 'publishSnapshot'
  | 'readAllSnapshots'
  | 'readTrusteeSnapshots'
  | 'exportLive'

const CAPABILITIES: Record<Role, ReadonlySet<Capability>> = {
  owner: new Set<Capability>([
    'readLive', 'writeLive', 'renamePlan', 'manageSharing', 'deletePlan', 'viewMembers', 'viewMemberEmails',
    'publishSnapshot', 'readAllSnapshots', 'readTrusteeSnapshots', 'exportLive',
  ]),
  editor: new Set<Capability>([
    'readLive', 'writeLive', 'renamePlan', 'viewMembers', 'publishSnapshot', 'readAllSnapshots',
    'readTrusteeSnapshots', 'exportLive',
  ]),
  viewer: new Set<Capability>(['readLive', 'viewMembers', 'readAllSnapshots', 'readTrusteeSnapshots', 'exportLive']),
  trustee: new Set<Capability>(['readTrusteeSnapshots']),
}

export function can(role: Role | null | undefined, capability: Capability): boolean {
  return role != null && CAPABILITIES[role].has(capability)
}

/**
 * The role in force at `now`: an editor whose end date (the end of a secondment) has passed follows
 * the plan as a viewer from then on.
 */
export function effectiveRole(role: Role, editorUntil: string | null | undefined, now: Date): Role {
  if (role === 'editor' && editorUntil && Date.parse(editorUntil) <= now.getTime()) return 'viewer'
  return role
}
