/**
 * Who may do what with a plan. The server enforces this table; the client only uses it to hide controls.
 */
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

/** "Your role in this plan is now Viewer: you can follow the live plan but not change it." */
export function roleChangedMessage(role: Role): string {
  return `Your role in this plan is now ${ROLE_LABELS[role]}: ${ROLE_ABILITIES[role]}.`
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
