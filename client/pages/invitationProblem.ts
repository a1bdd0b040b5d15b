import { ApiRequestError, errorMessage } from '../api.ts'

export type Problem = { title: string; message: string }

/**
 * What to tell a person whose invitation link cannot be opened. The server refuses an expired link with
 * 404 too (an old link says nothing about the plan), so the expiry is recognised by its message first.
 */
export function describeProblem(error: unknown): Problem {
  if (error instanceof ApiRequestError) {
    if (error.status === 410 || /expired/i.test(error.message)) {
      return {
        title: 'This invitation has expired',
        message: 'Invitation links work only until the date the person who made them chose. Ask the person who invited you for a new link.',
      }
    }
    if (error.status === 404) {
      return {
        title: 'This invitation link does not work',
        message: 'The link may have been mistyped, revoked or already used up. Ask the person who invited you for a new link.',
      }
    }
    return { title: 'The invitation could not be opened', message: error.message }
  }
  return { title: 'The invitation could not be opened', message: errorMessage(error) }
}
