/**
 * Typed calls to the Uplift HTTP API. Every failure becomes an ApiRequestError carrying the server's
 * sentence for the person, so pages can show it as it is.
 */
import type {
  ApiError,
  CreateInvitationBody,
  CreatePlanBody,
  Invitation,
  InvitationAccepted,
  InvitationPreview,
  Member,
  PersonalToken,
  PlanComparison,
  PublishSnapshotBody,
  RestoreResult,
  SnapshotDocument,
  SnapshotSummary,
  VersionDocument,
  VersionSummary,
  PlanSummary,
  RegisterBody,
  SignInBody,
  TemplateSummary,
  UpdateMemberBody,
  User,
} from '../shared/api.ts'

export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: Record<string, string> = {},
    /** Seconds to wait, from a 429's Retry-After header. */
    readonly retryAfter: number | null = null,
  ) {
    super(message)
    this.name = 'ApiRequestError'
  }
}

const unauthorisedListeners = new Set<() => void>()

/** Called when a request outside /api/auth finds the session gone, so the app can ask to sign in again. */
export function onUnauthorised(listener: () => void): () => void {
  unauthorisedListeners.add(listener)
  return () => unauthorisedListeners.delete(listener)
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: 'Some details need correcting.',
  401: 'You need to sign in again.',
  403: 'You do not have permission to do that.',
  404: 'That could not be found. It may have been deleted.',
  409: 'That clashes with a change made elsewhere. Reload the page and try again.',
  429: 'Too many attempts. Wait a moment and try again.',
}

function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds))
  const date = Date.parse(header)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000))
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiRequestError('Uplift could not be reached. Check your connection and try again.', 0)
  }
  if (response.ok) {
    if (response.status === 204) return undefined as T
    return (await response.json()) as T
  }
  let payload: Partial<ApiError> = {}
  try {
    payload = (await response.json()) as Partial<ApiError>
  } catch {
    // A proxy's HTML error page: fall back to a general sentence.
  }
  if (response.status === 401 && !path.startsWith('/api/auth/')) {
    for (const listener of unauthorisedListeners) listener()
  }
  const message = payload.error || FALLBACK_MESSAGES[response.status] || `Something went wrong (error ${response.status}). Try again.`
  throw new ApiRequestError(message, response.status, payload.fields ?? {}, retryAfterSeconds(response.headers.get('Retry-After')))
}

const id = encodeURIComponent

export const api = {
  me: () => request<{ user: User }>('GET', '/api/auth/me'),
  register: (body: RegisterBody) => request<{ user: User }>('POST', '/api/auth/register', body),
  signIn: (body: SignInBody) => request<{ user: User }>('POST', '/api/auth/signin', body),
  signOut: () => request<void>('POST', '/api/auth/signout'),
  changePassword: (body: { currentPassword: string; newPassword: string }) => request<void>('POST', '/api/auth/password', body),

  tokens: () => request<{ tokens: PersonalToken[] }>('GET', '/api/tokens'),
  createToken: (name: string) => request<{ token: PersonalToken }>('POST', '/api/tokens', { name }),
  revokeToken: (tokenId: string) => request<void>('DELETE', `/api/tokens/${id(tokenId)}`),

  templates: () => request<{ templates: TemplateSummary[] }>('GET', '/api/templates'),
  plans: () => request<{ plans: PlanSummary[] }>('GET', '/api/plans'),
  createPlan: (body: CreatePlanBody) => request<{ plan: PlanSummary }>('POST', '/api/plans', body),
  plan: (planId: string) => request<{ plan: PlanSummary }>('GET', `/api/plans/${id(planId)}`),
  updatePlan: (planId: string, body: { title?: string; schoolName?: string }) =>
    request<{ plan: PlanSummary }>('PATCH', `/api/plans/${id(planId)}`, body),
  deletePlan: (planId: string) => request<void>('DELETE', `/api/plans/${id(planId)}`),

  members: (planId: string) => request<{ members: Member[] }>('GET', `/api/plans/${id(planId)}/members`),
  updateMember: (planId: string, userId: string, body: UpdateMemberBody) =>
    request<{ member: Member }>('PATCH', `/api/plans/${id(planId)}/members/${id(userId)}`, body),
  removeMember: (planId: string, userId: string) => request<void>('DELETE', `/api/plans/${id(planId)}/members/${id(userId)}`),

  invitations: (planId: string) => request<{ invitations: Invitation[] }>('GET', `/api/plans/${id(planId)}/invitations`),
  createInvitation: (planId: string, body: CreateInvitationBody) =>
    request<{ invitation: Invitation }>('POST', `/api/plans/${id(planId)}/invitations`, body),
  revokeInvitation: (planId: string, invitationId: string) =>
    request<void>('DELETE', `/api/plans/${id(planId)}/invitations/${id(invitationId)}`),

  invitation: (token: string) => request<{ invitation: InvitationPreview }>('GET', `/api/invitations/${id(token)}`),
  acceptInvitation: (token: string) => request<InvitationAccepted>('POST', `/api/invitations/${id(token)}/accept`),

  snapshots: (planId: string) => request<{ snapshots: SnapshotSummary[] }>('GET', `/api/plans/${id(planId)}/snapshots`),
  publishSnapshot: (planId: string, body: PublishSnapshotBody) =>
    request<{ snapshot: SnapshotSummary }>('POST', `/api/plans/${id(planId)}/snapshots`, body),
  snapshot: (planId: string, snapshotId: string) => request<SnapshotDocument>('GET', `/api/plans/${id(planId)}/snapshots/${id(snapshotId)}`),
  requestSignoff: (planId: string, snapshotId: string, approverIds: string[]) =>
    request<{ snapshot: SnapshotSummary }>('POST', `/api/plans/${id(planId)}/snapshots/${id(snapshotId)}/signoff`, { approverIds }),
  approveSnapshot: (planId: string, snapshotId: string) =>
    request<{ snapshot: SnapshotSummary }>('POST', `/api/plans/${id(planId)}/snapshots/${id(snapshotId)}/approve`),
  versions: (planId: string) => request<{ versions: VersionSummary[] }>('GET', `/api/plans/${id(planId)}/versions`),
  version: (planId: string, versionId: string) => request<VersionDocument>('GET', `/api/plans/${id(planId)}/versions/${id(versionId)}`),
  compare: (planId: string, from: string, to: string) =>
    request<{ comparison: PlanComparison }>('GET', `/api/plans/${id(planId)}/compare?from=${id(from)}&to=${id(to)}`),
  restore: (planId: string, source: string) => request<RestoreResult>('POST', `/api/plans/${id(planId)}/restore`, { source }),
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message
  return 'Something went wrong. Try again.'
}
