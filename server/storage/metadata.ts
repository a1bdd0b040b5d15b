/**
 * Metadata records and the store that keeps them: people, sessions, tokens, plans, memberships and
 * invitations. Secrets (session ids, tokens, invitation links) are stored only as SHA-256 hashes.
 */
import type { Role } from '../../shared/roles.ts'

export interface UserRecord {
  id: string
  email: string
  name: string
  passwordHash: string
  isAdmin: boolean
  createdAt: string
  passwordChangedAt: string
}

export interface SessionRecord {
  id: string
  tokenHash: string
  userId: string
  createdAt: string
  expiresAt: string
}

export interface TokenRecord {
  id: string
  userId: string
  name: string
  tokenHash: string
  createdAt: string
  lastUsedAt: string | null
}

export interface PlanRecord {
  id: string
  title: string
  schoolName: string
  templateId: string
  createdAt: string
  updatedAt: string
  createdBy: string
}

export interface MembershipRecord {
  planId: string
  userId: string
  role: Role
  editorUntil: string | null
  addedAt: string
}

export interface InvitationRecord {
  id: string
  planId: string
  role: Exclude<Role, 'owner'>
  tokenHash: string
  createdAt: string
  createdBy: string
  expiresAt: string | null
  editorUntil: string | null
}

/** A named, immutable snapshot of a plan; its document state is in the SnapshotStore under the same id. */
export interface SnapshotRecord {
  id: string
  planId: string
  name: string
  forTrustees: boolean
  createdAt: string
  createdBy: string
  planTitle: string
  schoolName: string
  signoff: SignoffRecord | null
}

export interface SignoffRecord {
  requestedAt: string
  requestedBy: string
  approvers: { userId: string; approvedAt: string | null }[]
}

/** An automatic version of a plan; its document state is in the SnapshotStore under the same id. */
export interface VersionRecord {
  id: string
  planId: string
  createdAt: string
  reason: 'activity' | 'closed' | 'before-restore'
  /** Who edited since the version before it. */
  editorIds: string[]
  /** For a version kept before a restore: what was restored, e.g. `snapshot:<id>`. */
  restoredFrom?: string
}

export interface MetadataStore {
  countUsers(): Promise<number>
  createUser(user: UserRecord): Promise<void>
  getUser(id: string): Promise<UserRecord | undefined>
  findUserByEmail(email: string): Promise<UserRecord | undefined>
  updateUser(id: string, patch: Partial<Omit<UserRecord, 'id'>>): Promise<void>

  createSession(session: SessionRecord): Promise<void>
  findSessionByHash(tokenHash: string): Promise<SessionRecord | undefined>
  deleteSession(id: string): Promise<void>
  /** Deletes a person's sessions, all but `exceptId` when given; returns the ids deleted. */
  deleteSessionsOfUser(userId: string, exceptId?: string): Promise<string[]>
  deleteExpiredSessions(now: Date): Promise<string[]>

  createToken(token: TokenRecord): Promise<void>
  findTokenByHash(tokenHash: string): Promise<TokenRecord | undefined>
  listTokens(userId: string): Promise<TokenRecord[]>
  deleteToken(userId: string, id: string): Promise<boolean>

  createPlan(plan: PlanRecord, owner: MembershipRecord): Promise<void>
  getPlan(id: string): Promise<PlanRecord | undefined>
  updatePlan(id: string, patch: Partial<Pick<PlanRecord, 'title' | 'schoolName' | 'updatedAt'>>): Promise<PlanRecord | undefined>
  /**
   * Moves a plan's `updatedAt` to `at` (an ISO time) unless it is already as late: a change recorded late
   * never hides a later rename. False, and nothing written, when the plan is gone or already as late.
   */
  touchPlan(id: string, at: string): Promise<boolean>
  deletePlan(id: string): Promise<void>

  getMembership(planId: string, userId: string): Promise<MembershipRecord | undefined>
  listMembers(planId: string): Promise<MembershipRecord[]>
  listMembershipsOfUser(userId: string): Promise<MembershipRecord[]>
  putMembership(membership: MembershipRecord): Promise<void>
  deleteMembership(planId: string, userId: string): Promise<boolean>

  createInvitation(invitation: InvitationRecord): Promise<void>
  findInvitationByHash(tokenHash: string): Promise<InvitationRecord | undefined>
  listInvitations(planId: string): Promise<InvitationRecord[]>
  deleteInvitation(planId: string, id: string): Promise<boolean>

  createSnapshot(snapshot: SnapshotRecord): Promise<void>
  getSnapshot(planId: string, id: string): Promise<SnapshotRecord | undefined>
  /** Oldest first. */
  listSnapshots(planId: string): Promise<SnapshotRecord[]>
  /** Sets a snapshot's sign-off (the only part of a snapshot that ever changes). */
  updateSignoff(planId: string, id: string, signoff: SignoffRecord | null): Promise<SnapshotRecord | undefined>

  createVersion(version: VersionRecord): Promise<void>
  getVersion(planId: string, id: string): Promise<VersionRecord | undefined>
  /** Oldest first. */
  listVersions(planId: string): Promise<VersionRecord[]>
  /** Replaces a plan's versions with `keep` (retention thinning); returns the ids removed. */
  replaceVersions(planId: string, keep: VersionRecord[]): Promise<string[]>

  close(): Promise<void>
}
