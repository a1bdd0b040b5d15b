import { describe, expect, it } from 'vitest'
import { ApiRequestError } from '../../../client/api.ts'
import { describeProblem } from '../../../client/pages/invitationProblem.ts'

describe('an invitation link that cannot be opened', () => {
  it('says an expired link has expired, though the server answers 404 as for an unknown one', () => {
    const problem = describeProblem(new ApiRequestError('This invitation link has expired. Ask the plan\'s owner for a new one.', 404))
    expect(problem.title).toBe('This invitation has expired')
    expect(problem.message).toMatch(/Ask the person who invited you for a new link\.$/)
  })

  it('says an unknown link may be mistyped, revoked or used up', () => {
    const problem = describeProblem(new ApiRequestError('This invitation link does not work. It may have been withdrawn: ask the plan\'s owner for a new one.', 404))
    expect(problem.title).toBe('This invitation link does not work')
    expect(problem.message).toMatch(/mistyped, revoked or already used up/)
  })

  it('passes on any other refusal as the server worded it', () => {
    expect(describeProblem(new ApiRequestError('Too many attempts: try again in a minute.', 429))).toEqual({
      title: 'The invitation could not be opened', message: 'Too many attempts: try again in a minute.',
    })
  })
})
