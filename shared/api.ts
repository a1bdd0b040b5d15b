/**
 * The JSON HTTP API: request bodies (validated by the server with these schemas, and by forms in the
 * client before sending) and response shapes. Every route lives under /api.
 */
import { z } from 'zod'
import { ROLES, type Role } from './roles.ts'

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
  ownerName: string
}

export interface Member {
  userId: string
  name: string
  email: string
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
  invitedBy: string
  expiresAt: string | null
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
