/**
 * The collaboration wire format, shared by the server and the client.
 *
 * Frames are y-websocket frames: a varUint message type followed by its payload. Types 0 (sync) and
 * 1 (awareness) are the standard y-protocols messages, so any WebsocketProvider can connect. Uplift adds
 * three server-to-client messages that a standard client ignores (it logs and drops unknown types):
 *
 * - `stored` (100): varUint8Array holding a state vector the server has durably stored for the plan: all of it
 *   on joining; to a writer, the entries of the client ids its changes came from. Clients merge what they hear.
 *   A client compares it with its own state vector to know when everything it typed is safe.
 * - `notice` (101): varString holding JSON `Notice`, for events the page must show (a refused write,
 *   a plan that cannot be saved at the moment, a change to the person's own role or end date).
 * - `presence` (102): varString holding JSON `{ "colour": "#rrggbb", "role": "editor", "editorUntil": iso | null }`
 *   on joining: the colour the others in the plan see this person's name and caret in (one nobody else present
 *   has, while there are enough), and the access this connection has, which the page shows (it may have
 *   changed while the page was offline, when no notice could reach it).
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  stored: 100,
  notice: 101,
  presence: 102,
} as const

export type NoticeKind = 'write-refused' | 'storage-failed' | 'storage-recovered' | 'role-changed' | 'restored'

export interface Notice {
  kind: NoticeKind
  /** A sentence for the person, in UK English. */
  message: string
  /**
   * For role-changed, sent whenever the person's access changes in anything their page shows (their role,
   * or only an editor's end date): the role now in force.
   */
  role?: string
  /**
   * For role-changed: when their editing ends (an ISO instant; they follow the plan as a viewer after it),
   * null when it has no end date or they are not an editor.
   */
  editorUntil?: string | null
}

/**
 * Close codes for the collaboration socket. 4000-4999 is the range RFC 6455 leaves to applications.
 * y-websocket clients stop reconnecting on 4400-4499 and retry on everything else (4500-4599 meaning
 * "try again later"), so the numbers follow that: `retry: false` codes are in 44xx, and the client shows
 * `reason` to the person and stops.
 */
export const CloseCode = {
  badFrame: { code: 4400, reason: 'The server could not read a message from this page. Reload the page.', retry: false },
  unauthenticated: { code: 4401, reason: 'You are signed out. Sign in again to keep working.', retry: false },
  // Also the answer at the door to someone who never had access, so it claims nothing about the past; a page
  // that had the plan open says what happened in its own words.
  noAccess: { code: 4403, reason: 'You do not have access to this plan. Ask its owner to share it with you.', retry: false },
  planDeleted: { code: 4410, reason: 'This plan has been deleted.', retry: false },
  frameTooLarge: { code: 4413, reason: 'A change was too large for the server to accept.', retry: false },
  invalidUpdate: { code: 4422, reason: 'The server refused a change it could not apply safely.', retry: false },
  tooManyConnections: { code: 4430, reason: 'You have too many open connections to Uplift. Close some tabs.', retry: false },
  serverBusy: { code: 4503, reason: 'The server is too busy to open this plan. Trying again…', retry: true },
  storageFailed: { code: 4507, reason: 'The server cannot open this plan at the moment. Trying again…', retry: true },
  authTimeout: { code: 4508, reason: 'The connection took too long to identify itself.', retry: true },
  tooSlow: { code: 4509, reason: 'The connection was too slow to keep up with the plan.', retry: true },
  tooManyMessages: { code: 4529, reason: 'This page sent too many messages too quickly.', retry: true },
  serverRestarting: { code: 4012, reason: 'The server is restarting. Reconnecting…', retry: true },
} as const

export type CloseCodeName = keyof typeof CloseCode

export function closeCodeByNumber(code: number): (typeof CloseCode)[CloseCodeName] | undefined {
  return Object.values(CloseCode).find((entry) => entry.code === code)
}

/** Path of the collaboration endpoint for a plan. */
export function collabPath(planId: string): string {
  return `/collab/${encodeURIComponent(planId)}`
}
