/**
 * Metadata in one JSON file through lowdb. lowdb rewrites the whole file (to a temporary file, then a
 * rename) on every write, which suits small metadata; document content never goes here. Every method
 * that changes something resolves only after the file is written, so a change that answered 200
 * survives the process being killed.
 */
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import type {
  InvitationRecord, MembershipRecord, MetadataStore, PlanRecord, SessionRecord, SignoffRecord, SnapshotRecord,
  TokenRecord, UserRecord, VersionRecord,
} from '../metadata.ts'

export interface MetadataFile {
  version: 1
  users: UserRecord[]
  sessions: SessionRecord[]
  tokens: TokenRecord[]
  plans: PlanRecord[]
  memberships: MembershipRecord[]
  invitations: InvitationRecord[]
  /** Snapshot and version records; their document states are files (SnapshotStore), never here. */
  snapshots: SnapshotRecord[]
  versions: VersionRecord[]
}

const empty = (): MetadataFile => ({
  version: 1, users: [], sessions: [], tokens: [], plans: [], memberships: [], invitations: [], snapshots: [], versions: [],
})

/**
 * Records go in and come out as copies: a caller holding one must not see later changes (a rename read the
 * plan it had just changed as changed already), nor change what is stored by changing its own. Most records
 * are flat, and are read for every request and connection: a shallow copy is all they need. Snapshots (a
 * sign-off with its approvers) and versions (a list of editors) nest, and are copied whole.
 */
function copy<T extends object>(record: T): T
function copy<T extends object>(record: T | undefined): T | undefined
function copy<T extends object>(record: T | undefined): T | undefined {
  return record === undefined ? undefined : { ...record }
}

function copies<T extends object>(records: readonly T[]): T[] {
  return records.map((record) => ({ ...record }))
}

function deepCopy<T>(record: T): T {
  return record === undefined || record === null ? record : structuredClone(record)
}

function deepCopies<T>(records: readonly T[]): T[] {
  return records.map((record) => structuredClone(record))
}

/** How long plans' last-updated times wait to share one write of the file (see touchPlan). */
const TOUCH_BATCH_MS = 250

/**
 * The lookups made for every request and connection (a session or token, a person, a plan, a membership),
 * by key rather than by a scan of every record: with 5,000 memberships the scan was a visible part of the
 * server's time when a school's staff all connect at once. Built when first needed after a change.
 */
interface Indexes {
  users: Map<string, UserRecord>
  sessions: Map<string, SessionRecord>
  tokens: Map<string, TokenRecord>
  plans: Map<string, PlanRecord>
  membershipsOfPlan: Map<string, MembershipRecord[]>
  membershipsOfUser: Map<string, MembershipRecord[]>
}

/** Keyed as `find` would answer: the first record with a key wins. */
function byKey<T>(records: T[], key: (record: T) => string): Map<string, T> {
  const map = new Map<string, T>()
  for (const record of records) {
    const k = key(record)
    if (!map.has(k)) map.set(k, record)
  }
  return map
}

function grouped<T>(records: T[], key: (record: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const record of records) {
    const list = map.get(key(record))
    if (list) list.push(record)
    else map.set(key(record), [record])
  }
  return map
}

export class LowMetadataStore implements MetadataStore {
  private touchWrite: Promise<void> | null = null
  private indexes: Indexes | null = null

  private constructor(private readonly db: Low<MetadataFile>) {}

  static async open(file: string): Promise<LowMetadataStore> {
    const db = new Low<MetadataFile>(new JSONFile<MetadataFile>(file), empty())
    await db.read()
    db.data = { ...empty(), ...db.data }
    return new LowMetadataStore(db)
  }

  private get data(): MetadataFile {
    return this.db.data
  }

  private get index(): Indexes {
    const data = this.data
    return (this.indexes ??= {
      users: byKey(data.users, (user) => user.id),
      sessions: byKey(data.sessions, (session) => session.tokenHash),
      tokens: byKey(data.tokens, (token) => token.tokenHash),
      plans: byKey(data.plans, (plan) => plan.id),
      membershipsOfPlan: grouped(data.memberships, (membership) => membership.planId),
      membershipsOfUser: grouped(data.memberships, (membership) => membership.userId),
    })
  }

  private async change<T>(apply: (data: MetadataFile) => T): Promise<T> {
    let result: T
    try {
      result = apply(this.data)
    } finally {
      // Every change that adds, removes or re-keys a record goes through here. (Changes in place, such as
      // a plan's last-updated time, keep the same objects, which the indexes hold.)
      this.indexes = null
    }
    await this.db.write()
    return result
  }

  async countUsers() { return this.data.users.length }
  async createUser(user: UserRecord) { await this.change((data) => { data.users.push(copy(user)) }) }
  async getUser(id: string) { return copy(this.index.users.get(id)) }
  async findUserByEmail(email: string) { return copy(this.data.users.find((user) => user.email === email)) }
  async updateUser(id: string, patch: Partial<Omit<UserRecord, 'id'>>) {
    await this.change((data) => {
      const user = data.users.find((candidate) => candidate.id === id)
      if (user) Object.assign(user, copy(patch))
    })
  }

  async createSession(session: SessionRecord) { await this.change((data) => { data.sessions.push(copy(session)) }) }
  async findSessionByHash(tokenHash: string) { return copy(this.index.sessions.get(tokenHash)) }
  async deleteSession(id: string) {
    await this.change((data) => { data.sessions = data.sessions.filter((session) => session.id !== id) })
  }
  async deleteSessionsOfUser(userId: string, exceptId?: string) {
    return this.removeSessions((session) => session.userId === userId && session.id !== exceptId)
  }
  async deleteExpiredSessions(now: Date) {
    return this.removeSessions((session) => Date.parse(session.expiresAt) <= now.getTime())
  }
  private async removeSessions(match: (session: SessionRecord) => boolean): Promise<string[]> {
    const removed = this.data.sessions.filter(match).map((session) => session.id)
    if (removed.length === 0) return removed
    await this.change((data) => { data.sessions = data.sessions.filter((session) => !match(session)) })
    return removed
  }

  async createToken(token: TokenRecord) { await this.change((data) => { data.tokens.push(copy(token)) }) }
  async findTokenByHash(tokenHash: string) { return copy(this.index.tokens.get(tokenHash)) }
  async listTokens(userId: string) { return copies(this.data.tokens.filter((token) => token.userId === userId)) }
  async deleteToken(userId: string, id: string) {
    return this.change((data) => {
      const before = data.tokens.length
      data.tokens = data.tokens.filter((token) => !(token.userId === userId && token.id === id))
      return data.tokens.length < before
    })
  }

  async createPlan(plan: PlanRecord, owner: MembershipRecord) {
    await this.change((data) => {
      data.plans.push(copy(plan))
      data.memberships.push(copy(owner))
    })
  }
  async getPlan(id: string) { return copy(this.index.plans.get(id)) }
  async updatePlan(id: string, patch: Partial<Pick<PlanRecord, 'title' | 'schoolName' | 'updatedAt'>>) {
    return this.change((data) => {
      const plan = data.plans.find((candidate) => candidate.id === id)
      if (plan) Object.assign(plan, patch)
      return copy(plan)
    })
  }
  async touchPlan(id: string, at: string) {
    // (ISO times of one format compare as strings; checked and set in one turn, so no write slips between.)
    const plan = this.index.plans.get(id)
    if (!plan || plan.updatedAt >= at) return false
    plan.updatedAt = at
    // No person waits on this answer, and the file is written whole: the times of every plan touched within
    // TOUCH_BATCH_MS share one write (when 500 plans are edited at once, one write rather than 500).
    this.touchWrite ??= new Promise((resolve) => setTimeout(resolve, TOUCH_BATCH_MS)).then(() => {
      this.touchWrite = null
      return this.db.write()
    })
    await this.touchWrite
    return true
  }
  async deletePlan(id: string) {
    await this.change((data) => {
      data.plans = data.plans.filter((plan) => plan.id !== id)
      data.memberships = data.memberships.filter((membership) => membership.planId !== id)
      data.invitations = data.invitations.filter((invitation) => invitation.planId !== id)
      data.snapshots = data.snapshots.filter((snapshot) => snapshot.planId !== id)
      data.versions = data.versions.filter((version) => version.planId !== id)
    })
  }

  async getMembership(planId: string, userId: string) {
    // (A plan has a few members: no need for a key joining two ids.)
    return copy(this.index.membershipsOfPlan.get(planId)?.find((membership) => membership.userId === userId))
  }
  async listMembers(planId: string) { return copies(this.index.membershipsOfPlan.get(planId) ?? []) }
  async listMembershipsOfUser(userId: string) { return copies(this.index.membershipsOfUser.get(userId) ?? []) }
  async putMembership(membership: MembershipRecord) {
    await this.change((data) => {
      const index = data.memberships.findIndex((candidate) =>
        candidate.planId === membership.planId && candidate.userId === membership.userId)
      if (index >= 0) data.memberships[index] = copy(membership)
      else data.memberships.push(copy(membership))
    })
  }
  async deleteMembership(planId: string, userId: string) {
    return this.change((data) => {
      const before = data.memberships.length
      data.memberships = data.memberships.filter((membership) =>
        !(membership.planId === planId && membership.userId === userId))
      return data.memberships.length < before
    })
  }

  async createInvitation(invitation: InvitationRecord) { await this.change((data) => { data.invitations.push(copy(invitation)) }) }
  async findInvitationByHash(tokenHash: string) {
    return copy(this.data.invitations.find((invitation) => invitation.tokenHash === tokenHash))
  }
  async listInvitations(planId: string) { return copies(this.data.invitations.filter((invitation) => invitation.planId === planId)) }
  async deleteInvitation(planId: string, id: string) {
    return this.change((data) => {
      const before = data.invitations.length
      data.invitations = data.invitations.filter((invitation) => !(invitation.planId === planId && invitation.id === id))
      return data.invitations.length < before
    })
  }

  async createSnapshot(snapshot: SnapshotRecord) { await this.change((data) => { data.snapshots.push(deepCopy(snapshot)) }) }
  async getSnapshot(planId: string, id: string) {
    return deepCopy(this.data.snapshots.find((snapshot) => snapshot.planId === planId && snapshot.id === id))
  }
  async listSnapshots(planId: string) { return deepCopies(this.data.snapshots.filter((snapshot) => snapshot.planId === planId)) }
  async updateSignoff(planId: string, id: string, signoff: SignoffRecord | null) {
    return this.change((data) => {
      const snapshot = data.snapshots.find((candidate) => candidate.planId === planId && candidate.id === id)
      if (snapshot) snapshot.signoff = deepCopy(signoff)
      return deepCopy(snapshot)
    })
  }

  async createVersion(version: VersionRecord) { await this.change((data) => { data.versions.push(deepCopy(version)) }) }
  async getVersion(planId: string, id: string) {
    return deepCopy(this.data.versions.find((version) => version.planId === planId && version.id === id))
  }
  async listVersions(planId: string) { return deepCopies(this.data.versions.filter((version) => version.planId === planId)) }
  async replaceVersions(planId: string, keep: VersionRecord[]) {
    const kept = new Set(keep.map((version) => version.id))
    const removed = this.data.versions.filter((version) => version.planId === planId && !kept.has(version.id)).map((version) => version.id)
    await this.change((data) => {
      data.versions = [...data.versions.filter((version) => version.planId !== planId), ...deepCopies(keep)]
    })
    return removed
  }

  async close() {
    await this.touchWrite
  }
}
