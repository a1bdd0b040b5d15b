/**
 * The JSON HTTP API: request bodies (validated by the server with these schemas, and by forms in the
 * client before sending) and response shapes. Every route lives under /api.
 */
import { z } from 'zod'
import { ROLES, type Role } from './roles.ts'
import type { PlanHeadline, PlanOverview } from './plan/overview.ts'

export type { PlanHeadline, PlanOverview }

const trimmed = (label: string, max: number) =>
  z.string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(max, { error: `${label} must be at most ${max} characters.` })

const isoDateTime = z.iso.datetime({ offset: true, error: 'Use a full date and time (ISO 8601).' })

export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 256

export const password = z.string({ error: 'Password is required.' })
  .min(PASSWORD_MIN, { error: `Password must be at least ${PASSWORD_MIN} characters.` })
  .max(PASSWORD_MAX, { error: `Password must be at most ${PASSWORD_MAX} characters.` })

export const email = z.string({ error: 'Email is required.' }).trim().toLowerCase()
  .max(254, { error: 'Email is too long.' })
  .pipe(z.email({ error: 'Enter a valid email address.' }))

export const RegisterBody = z.strictObject({
  email,
  name: trimmed('Name', 80),
  password,
})
export type RegisterBody = z.infer<typeof RegisterBody>

export const SignInBody = z.strictObject({
  email,
  password: z.string({ error: 'Password is required.' }).min(1, { error: 'Password is required.' }).max(PASSWORD_MAX),
})
export type SignInBody = z.infer<typeof SignInBody>

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, { error: 'Current password is required.' }).max(PASSWORD_MAX),
  newPassword: password,
})

export const CreateTokenBody = z.strictObject({ name: trimmed('Token name', 80) })

export const CreatePlanBody = z.strictObject({
  title: trimmed('Title', 160),
  schoolName: trimmed('School name', 160),
  templateId: z.string().max(64).optional(),
})
export type CreatePlanBody = z.infer<typeof CreatePlanBody>

export const UpdatePlanBody = z.strictObject({
  title: trimmed('Title', 160).optional(),
  schoolName: trimmed('School name', 160).optional(),
}).refine((body) => body.title !== undefined || body.schoolName !== undefined, {
  error: 'Give a new title or school name.',
})

export const CreateInvitationBody = z.strictObject({
  role: z.enum(ROLES.filter((role) => role !== 'owner') as ['editor', 'viewer', 'trustee'], {
    error: 'Role must be editor, viewer or trustee.',
  }),
  /** When the link stops working. */
  expiresAt: isoDateTime.nullable().optional(),
  /** For editors: when their editing ends (the end of the secondment); they become viewers then. */
  editorUntil: isoDateTime.nullable().optional(),
})
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>

export const UpdateMemberBody = z.strictObject({
  role: z.enum(ROLES, { error: 'Role must be owner, editor, viewer or trustee.' }),
  editorUntil: isoDateTime.nullable().optional(),
})
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>

// ---- Responses ----

export interface User {
  id: string
  email: string
  name: string
  isAdmin: boolean
  colour: string
}

export interface PlanSummary {
  id: string
  title: string
  schoolName: string
  templateId: string
  createdAt: string
  updatedAt: string
  /** The caller's role in force now. */
  role: Role
  /**
   * When the caller's editing ends (the end of a secondment; they follow the plan as a viewer after it):
   * set only while they are an editor with an end date.
   */
  editorUntil?: string | null
  ownerName: string
  /**
   * The plan's progress figures (actions, overdue, targets by RAG, findings not addressed), in the plan
   * list only, for people who may read the live plan; absent when they could not be worked out just now.
   */
  headline?: PlanHeadline
}

export interface Member {
  userId: string
  name: string
  /** Only for those who manage sharing (owners): the others see who has access, not how to reach them. */
  email?: string
  role: Role
  /** The role granted; `role` above is what is in force now. */
  grantedRole: Role
  editorUntil: string | null
  addedAt: string
}

export interface Invitation {
  id: string
  role: Exclude<Role, 'owner'>
  createdAt: string
  createdBy: string
  expiresAt: string | null
  editorUntil: string | null
  /** Present only in the response that created it: the secret part of the link. */
  token?: string
}

export interface InvitationPreview {
  planTitle: string
  schoolName: string
  role: Role
  /** For an editor link: when the editing it gives ends (they follow the plan as a viewer after it). */
  editorUntil: string | null
  invitedBy: string
  expiresAt: string | null
  /** The caller's access to the plan now, when they already have some; null for someone new to it. */
  yourAccess: ExistingAccess | null
}

export interface ExistingAccess {
  planId: string
  /** Their role in force now, and when their editing ends (editors only). */
  role: Role
  editorUntil: string | null
  /**
   * True when accepting would give them more (a higher role, or editing that lasts longer). When false,
   * accepting changes nothing and leaves the link unused, still working for the person it was meant for.
   */
  acceptingGivesMore: boolean
}

export interface InvitationAccepted {
  plan: PlanSummary
  /**
   * False when the caller already had as much access as the link gives: nothing changed, and the link was
   * not used up.
   */
  invitationUsed: boolean
}

export interface PersonalToken {
  id: string
  name: string
  createdAt: string
  lastUsedAt: string | null
  /** Present only once, in the response that created it. */
  token?: string
}

export interface TemplateSummary {
  id: string
  name: string
  description: string
}

/** Every error response has this shape, with a sentence for the person. */
export interface ApiError {
  error: string
  /** Field-by-field messages for a 400. */
  fields?: Record<string, string>
}

// ---- Snapshots, versions, comparison and restore ----

const planItemId = z.string({ error: 'Give an id.' }).regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'That is not a valid id.' })

export const PublishSnapshotBody = z.strictObject({
  name: trimmed('Name', 120),
  /** Published to trustees: they see it (and only such snapshots), never the live plan. */
  forTrustees: z.boolean({ error: 'forTrustees must be true or false.' }).optional(),
})
export type PublishSnapshotBody = z.infer<typeof PublishSnapshotBody>

export const SignoffBody = z.strictObject({
  /** The people who must approve: the host headteacher and the visiting leader, chosen from the plan's members. */
  approverIds: z.array(planItemId, { error: 'Choose who must approve.' })
    .min(1, { error: 'Choose who must approve.' })
    .max(4, { error: 'Choose at most four people.' })
    .refine((ids) => new Set(ids).size === ids.length, { error: 'Choose two different people.' }),
})
export type SignoffBody = z.infer<typeof SignoffBody>

/** `snapshot:<id>` or `version:<id>`: what a restore brings back. */
export const STORED_REF = /^(snapshot|version):([A-Za-z0-9_-]{8,64})$/
/** What a comparison's side is: a snapshot, a version, or the live plan. */
export const COMPARE_REF = /^(?:(snapshot|version):([A-Za-z0-9_-]{8,64})|live)$/

export const RestoreBody = z.strictObject({
  source: z.string({ error: 'Say what to restore.' }).regex(STORED_REF, { error: 'Restore a snapshot:<id> or version:<id>.' }),
})
export type RestoreBody = z.infer<typeof RestoreBody>

export const CompareQuery = z.strictObject({
  from: z.string({ error: 'Say what to compare from.' }).regex(COMPARE_REF, { error: 'Compare from snapshot:<id>, version:<id> or live.' }),
  to: z.string({ error: 'Say what to compare to.' }).regex(COMPARE_REF, { error: 'Compare to snapshot:<id>, version:<id> or live.' }),
})
export type CompareQuery = z.infer<typeof CompareQuery>

export interface Approver {
  userId: string
  name: string
  /** When they approved; null while waiting for them. */
  approvedAt: string | null
}

export interface Signoff {
  requestedAt: string
  requestedBy: string
  approvers: Approver[]
  /** When the last approver approved: the snapshot is approved. */
  approvedAt: string | null
}

export interface SnapshotSummary {
  id: string
  name: string
  forTrustees: boolean
  createdAt: string
  publishedBy: string
  publishedById: string
  /** Plan title and school when it was taken. */
  planTitle: string
  schoolName: string
  signoff: Signoff | null
}

export interface SnapshotDocument {
  snapshot: SnapshotSummary
  /** The plan's content as ProseMirror JSON, rendered read-only with the editor's own blocks. */
  content: import('@tiptap/core').JSONContent
}

export type VersionReason = 'activity' | 'closed' | 'before-restore'

export interface VersionSummary {
  id: string
  createdAt: string
  reason: VersionReason
  /** Who edited since the version before it. */
  editors: string[]
  /** For a version kept before a restore: what was restored ("Autumn term review"). */
  restoredFrom?: string
}

export interface VersionDocument {
  version: VersionSummary
  content: import('@tiptap/core').JSONContent
}

export interface ComparedVersion {
  ref: string
  /** "Autumn term review", "Automatic version", "Live plan". */
  label: string
  at: string
}

export interface PlanComparison {
  from: ComparedVersion
  to: ComparedVersion
  structure: import('./compare/structure.ts').StructuralChanges
  blocks: import('./compare/blockDiff.ts').BlockChange[]
}

export interface RestoreResult {
  /** The version kept of the plan as it was just before the restore. */
  before: VersionSummary
}
