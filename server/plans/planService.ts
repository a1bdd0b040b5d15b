/**
 * Plans, members and invitations. Every method takes the caller and checks their role first; a plan the
 * caller may not see is reported exactly like a plan that does not exist.
 */
import type {
  CreateInvitationBody, CreatePlanBody, ExistingAccess, Invitation, InvitationAccepted, InvitationPreview, Member, PlanSummary,
  UpdateMemberBody,
} from '../../shared/api.ts'
import { accessInForce, can, effectiveRole, type Access, type Capability, type Role } from '../../shared/roles.ts'
import { findTemplate } from '../../shared/templates/index.ts'
import { Failure, notFound } from '../failure.ts'
import type { InvitationRecord, MembershipRecord, MetadataStore, PlanRecord } from '../storage/metadata.ts'
import type { DocumentStore } from '../storage/types.ts'
import type { Principal } from '../auth/authService.ts'
import { hashSecret, newId, newSecret } from '../auth/secrets.ts'
import { contentUpdate } from './content.ts'
import type { PlanNames } from './retitle.ts'
import type { PlanProgress } from './planProgress.ts'
import { givesMoreAccess } from './accessGrant.ts'
import type { PlanOverview } from '../../shared/api.ts'

export interface PlanEvents {
  /**
   * A person's access to a plan changed (null: removed): their role, or only an editor's end date. Their open
   * connections must follow at once, and their pages be told.
   */
  accessChanged(planId: string, userId: string, access: Access | null): void
  /** A plan is being deleted: close its connections and drop it from memory. */
  planDeleted(planId: string): Promise<void>
  /** A plan was renamed (title or school): its own text may say the old names (see retitle.ts). */
  renamed?(planId: string, before: PlanNames, after: PlanNames): Promise<void>
}

export class PlanService {
  constructor(
    private readonly meta: MetadataStore,
    private readonly documents: DocumentStore,
    private readonly events: PlanEvents,
    /** Progress figures (the overview and the plan list's headline figures); without it the list has none. */
    private readonly progress: PlanProgress | null = null,
  ) {}

  /** The role in force for a person in a plan, or null when the plan is not shared with them. */
  async roleOf(planId: string, userId: string, now = new Date()): Promise<Role | null> {
    return (await this.accessOf(planId, userId, now))?.role ?? null
  }

  /** The access in force for a person in a plan (role, and an editor's end date), or null when not shared with them. */
  async accessOf(planId: string, userId: string, now = new Date()): Promise<Access | null> {
    const membership = await this.meta.getMembership(planId, userId)
    if (!membership || !(await this.meta.getPlan(planId))) return null
    return accessInForce(membership.role, membership.editorUntil, now)
  }

  /** The plan and the caller's role, if the caller may do `capability`; otherwise "not found" or "forbidden". */
  async authorise(principal: Principal, planId: string, capability: Capability): Promise<{ plan: PlanRecord; role: Role }> {
    const plan = await this.meta.getPlan(planId)
    const role = plan ? await this.roleOf(planId, principal.user.id) : null
    if (!plan || !role) throw notFound()
    if (!can(role, capability)) {
      throw new Failure('forbidden', `Your role in this plan (${role}) does not allow this. Ask the plan's owner if you need it.`)
    }
    return { plan, role }
  }

  async list(principal: Principal): Promise<PlanSummary[]> {
    const memberships = await this.meta.listMembershipsOfUser(principal.user.id)
    const summaries: PlanSummary[] = []
    for (const membership of memberships) {
      const plan = await this.meta.getPlan(membership.planId)
      if (plan) summaries.push(await this.summary(plan, membership, new Date()))
    }
    summaries.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    if (!this.progress) return summaries
    // Figures only for those who may read the live plan (trustees see snapshots only); most recent first.
    const headlines = await this.progress.headlines(summaries.filter((plan) => can(plan.role, 'readLive')).map((plan) => plan.id))
    return summaries.map((plan) => (headlines.has(plan.id) ? { ...plan, headline: headlines.get(plan.id) } : plan))
  }

  /** The live plan's progress overview, for anyone who may read the live plan. */
  async overview(principal: Principal, planId: string): Promise<PlanOverview> {
    await this.authorise(principal, planId, 'readLive')
    if (!this.progress) throw new Failure('notFound', 'Progress figures are not available on this server.')
    try {
      return await this.progress.overview(planId)
    } catch (error) {
      if (error instanceof Failure) throw error
      throw new Failure('unavailable', 'The plan could not be read just now. Try again in a moment.')
    }
  }

  async create(principal: Principal, body: CreatePlanBody): Promise<PlanSummary> {
    const template = findTemplate(body.templateId)
    if (!template) {
      const problem = 'That template does not exist. Choose one from the list.'
      throw new Failure('invalid', problem, { templateId: problem })
    }
    const now = new Date().toISOString()
    const plan: PlanRecord = {
      id: newId(), title: body.title, schoolName: body.schoolName, templateId: template.id,
      createdAt: now, updatedAt: now, createdBy: principal.user.id,
    }
    // Content first: a plan never exists without its template content.
    await this.documents.append(plan.id, contentUpdate(template.content({ title: plan.title, schoolName: plan.schoolName })))
    const owner: MembershipRecord = { planId: plan.id, userId: principal.user.id, role: 'owner', editorUntil: null, addedAt: now }
    await this.meta.createPlan(plan, owner)
    return this.summary(plan, owner, new Date())
  }

  async get(principal: Principal, planId: string): Promise<PlanSummary> {
    const membership = await this.meta.getMembership(planId, principal.user.id)
    const plan = await this.meta.getPlan(planId)
    if (!plan || !membership) throw notFound()
    return this.summary(plan, membership, new Date())
  }

  async update(principal: Principal, planId: string, patch: { title?: string; schoolName?: string }): Promise<PlanSummary> {
    const { plan: record } = await this.authorise(principal, planId, 'renamePlan')
    // (Copied: the store may hand out the record it then changes.)
    const old = { title: record.title, schoolName: record.schoolName }
    const plan = await this.meta.updatePlan(planId, { ...patch, updatedAt: new Date().toISOString() })
    const membership = await this.meta.getMembership(planId, principal.user.id)
    if (!plan || !membership) throw notFound()
    if (plan.title !== old.title || plan.schoolName !== old.schoolName) {
      await this.events.renamed?.(planId, old, { title: plan.title, schoolName: plan.schoolName })
    }
    return this.summary(plan, membership, new Date())
  }

  /** The plan's content changed at `at` (see LastUpdatedKeeper): the list shows it, and sorts by it. */
  async touch(planId: string, at: Date): Promise<void> {
    await this.meta.touchPlan(planId, at.toISOString())
  }

  async remove(principal: Principal, planId: string): Promise<void> {
    await this.authorise(principal, planId, 'deletePlan')
    await this.meta.deletePlan(planId)
    // Closes everyone's connections saying the plan was deleted (not that their own access was removed).
    await this.events.planDeleted(planId)
    this.progress?.forget(planId)
    await this.documents.remove(planId)
  }

  async members(principal: Principal, planId: string): Promise<Member[]> {
    const { role } = await this.authorise(principal, planId, 'viewMembers')
    // Editors and viewers see who has access; only those who manage it need to know how to reach them.
    const withEmails = can(role, 'viewMemberEmails')
    const now = new Date()
    const members: Member[] = []
    for (const membership of await this.meta.listMembers(planId)) {
      const user = await this.meta.getUser(membership.userId)
      if (user) members.push(this.member(membership, user.name, withEmails ? user.email : undefined, now))
    }
    return members
  }

  async updateMember(principal: Principal, planId: string, userId: string, body: UpdateMemberBody): Promise<Member> {
    await this.authorise(principal, planId, 'manageSharing')
    const membership = await this.meta.getMembership(planId, userId)
    const user = await this.meta.getUser(userId)
    if (!membership || !user) throw notFound('member')
    if (membership.role === 'owner' && body.role !== 'owner') await this.keepAnOwner(planId, userId)
    const updated: MembershipRecord = {
      ...membership,
      role: body.role,
      editorUntil: body.role === 'editor' ? body.editorUntil ?? null : null,
    }
    await this.meta.putMembership(updated)
    const now = new Date()
    // Told even when only the end date changed: the person's open page shows it.
    this.events.accessChanged(planId, userId, accessInForce(updated.role, updated.editorUntil, now))
    return this.member(updated, user.name, user.email, now)
  }

  async removeMember(principal: Principal, planId: string, userId: string): Promise<void> {
    // Anyone may leave a plan; only owners may remove others.
    if (userId !== principal.user.id) await this.authorise(principal, planId, 'manageSharing')
    const membership = await this.meta.getMembership(planId, userId)
    if (!membership) throw notFound('member')
    if (membership.role === 'owner') await this.keepAnOwner(planId, userId)
    await this.meta.deleteMembership(planId, userId)
    this.events.accessChanged(planId, userId, null)
  }

  async invitations(principal: Principal, planId: string): Promise<Invitation[]> {
    await this.authorise(principal, planId, 'manageSharing')
    return (await this.meta.listInvitations(planId)).map(publicInvitation)
  }

  async invite(principal: Principal, planId: string, body: CreateInvitationBody): Promise<Invitation> {
    await this.authorise(principal, planId, 'manageSharing')
    if (body.expiresAt && Date.parse(body.expiresAt) <= Date.now()) {
      throw new Failure('invalid', 'The link would already have expired. Choose a later date.', { expiresAt: 'Choose a date in the future.' })
    }
    const secret = newSecret()
    const record: InvitationRecord = {
      id: newId(), planId, role: body.role, tokenHash: hashSecret(secret), createdAt: new Date().toISOString(),
      createdBy: principal.user.id, expiresAt: body.expiresAt ?? null,
      editorUntil: body.role === 'editor' ? body.editorUntil ?? null : null,
    }
    await this.meta.createInvitation(record)
    return { ...publicInvitation(record), token: secret }
  }

  async revokeInvitation(principal: Principal, planId: string, invitationId: string): Promise<void> {
    await this.authorise(principal, planId, 'manageSharing')
    if (!(await this.meta.deleteInvitation(planId, invitationId))) throw notFound('invitation')
  }

  /** What the link offers, and what the caller already has: the page says so before they accept. */
  async previewInvitation(principal: Principal, secret: string): Promise<InvitationPreview> {
    const { invitation, plan } = await this.openInvitation(secret)
    const inviter = await this.meta.getUser(invitation.createdBy)
    return {
      planTitle: plan.title, schoolName: plan.schoolName, role: invitation.role, editorUntil: invitation.editorUntil,
      invitedBy: inviter?.name ?? 'Someone', expiresAt: invitation.expiresAt,
      yourAccess: await this.existingAccess(plan.id, principal.user.id, invitation, new Date()),
    }
  }

  /**
   * Gives the caller the link's access when it is more than they have (see givesMoreAccess), and then uses
   * the link up. Someone who already has as much keeps their role, and the link keeps working for the
   * person it was meant for: a member opening a link sent to someone else must not spend it.
   */
  async acceptInvitation(principal: Principal, secret: string): Promise<InvitationAccepted> {
    const { invitation, plan } = await this.openInvitation(secret)
    const existing = await this.meta.getMembership(plan.id, principal.user.id)
    const now = new Date()
    if (existing && !givesMoreAccess(existing, invitation, now)) {
      return { plan: await this.get(principal, plan.id), invitationUsed: false }
    }
    const membership: MembershipRecord = {
      planId: plan.id, userId: principal.user.id, role: invitation.role, editorUntil: invitation.editorUntil,
      addedAt: existing?.addedAt ?? now.toISOString(),
    }
    await this.meta.putMembership(membership)
    this.events.accessChanged(plan.id, principal.user.id, accessInForce(membership.role, membership.editorUntil, now))
    // A link is for one person: once used it stops working, so a forwarded link lets nobody else in.
    await this.meta.deleteInvitation(plan.id, invitation.id)
    return { plan: await this.get(principal, plan.id), invitationUsed: true }
  }

  private async existingAccess(planId: string, userId: string, invitation: InvitationRecord, now: Date): Promise<ExistingAccess | null> {
    const existing = await this.meta.getMembership(planId, userId)
    if (!existing) return null
    const role = effectiveRole(existing.role, existing.editorUntil, now)
    return {
      planId, role, editorUntil: role === 'editor' ? existing.editorUntil : null,
      acceptingGivesMore: givesMoreAccess(existing, invitation, now),
    }
  }

  private async openInvitation(secret: string): Promise<{ invitation: InvitationRecord; plan: PlanRecord }> {
    const invitation = secret.length <= 128 ? await this.meta.findInvitationByHash(hashSecret(secret)) : undefined
    const plan = invitation ? await this.meta.getPlan(invitation.planId) : undefined
    if (!invitation || !plan) {
      throw new Failure('notFound', 'This invitation link does not work. It may have been withdrawn: ask the plan\'s owner for a new one.')
    }
    if (invitation.expiresAt && Date.parse(invitation.expiresAt) <= Date.now()) {
      throw new Failure('notFound', 'This invitation link has expired. Ask the plan\'s owner for a new one.')
    }
    return { invitation, plan }
  }

  private async keepAnOwner(planId: string, leavingUserId: string): Promise<void> {
    const owners = (await this.meta.listMembers(planId)).filter((member) => member.role === 'owner' && member.userId !== leavingUserId)
    if (owners.length === 0) {
      throw new Failure('conflict', 'A plan must keep at least one owner. Make someone else an owner first.')
    }
  }

  private member(membership: MembershipRecord, name: string, email: string | undefined, now: Date): Member {
    return {
      userId: membership.userId, name, ...(email === undefined ? {} : { email }),
      role: effectiveRole(membership.role, membership.editorUntil, now),
      grantedRole: membership.role,
      editorUntil: membership.editorUntil,
      addedAt: membership.addedAt,
    }
  }

  /** The plan as the member sees it: their role in force at `now`, and when their editing ends. */
  private async summary(plan: PlanRecord, membership: MembershipRecord, now: Date): Promise<PlanSummary> {
    const owner = await this.meta.getUser(plan.createdBy)
    const role = effectiveRole(membership.role, membership.editorUntil, now)
    return {
      id: plan.id, title: plan.title, schoolName: plan.schoolName, templateId: plan.templateId,
      createdAt: plan.createdAt, updatedAt: await this.updatedFor(plan, role), role,
      editorUntil: role === 'editor' ? membership.editorUntil : null,
      ownerName: owner?.name ?? 'Unknown',
    }
  }

  /**
   * When the plan last changed, as far as this person may know. Someone who may not read the live plan (a
   * trustee) must not learn when the draft is worked on: for them it is when the latest snapshot published
   * to them was taken, or when the plan was made.
   */
  private async updatedFor(plan: PlanRecord, role: Role): Promise<string> {
    if (can(role, 'readLive')) return plan.updatedAt
    const published = (await this.meta.listSnapshots(plan.id)).filter((snapshot) => snapshot.forTrustees)
    return published.reduce((latest, snapshot) => (snapshot.createdAt > latest ? snapshot.createdAt : latest), plan.createdAt)
  }
}

function publicInvitation(record: InvitationRecord): Invitation {
  const { id, role, createdAt, createdBy, expiresAt, editorUntil } = record
  return { id, role, createdAt, createdBy, expiresAt, editorUntil }
}
