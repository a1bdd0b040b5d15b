import { describe, expect, it } from 'vitest'
import { lockoutWording, readOnlyNote } from './lockoutWording.ts'

describe('what the plan page says when its changes are no longer taken', () => {
  it('says what happened as it happened, never that the person was offline', () => {
    const cases = [
      [{ cause: 'role', live: true }, null, 'You can no longer edit this plan', 'Your role was changed to viewer while you were typing.'],
      [{ cause: 'removed', live: true }, null, 'You no longer have access to this plan', 'Your access was removed while you were typing.'],
      [{ cause: 'removed', live: true }, 'trustee', 'You can no longer see the live plan', 'You were made a trustee of this plan while you were typing'],
      [{ cause: 'deleted', live: true }, null, 'This plan has been deleted', 'It was deleted while you were typing.'],
    ] as const
    for (const [lockout, role, heading, explanation] of cases) {
      const wording = lockoutWording(lockout, role, true)
      expect(wording.heading).toBe(heading)
      expect(wording.explanation).toContain(explanation)
      expect(`${wording.heading} ${wording.explanation}`).not.toContain('offline')
    }
    expect(lockoutWording({ cause: 'removed', live: true }, null, false).explanation).toBe('Your access was removed while you had the plan open.')
  })

  it('says the change came while the person was away when the page learnt it on connecting again', () => {
    expect(lockoutWording({ cause: 'role', live: false }, 'viewer', false)).toMatchObject({
      heading: 'Your access to this plan changed while you were offline.',
      explanation: 'You can now read it but not edit it, so the changes you made were not saved.',
    })
    expect(lockoutWording({ cause: 'removed', live: false }, null, false).explanation)
      .toBe('You no longer have access to it, so the changes you made were not saved.')
    // A deletion is not a change of access.
    expect(lockoutWording({ cause: 'deleted', live: false }, null, false).heading).toBe('This plan was deleted while you were offline')
  })

  it('says what to do, and notes a plan that no longer updates', () => {
    expect(lockoutWording({ cause: 'role', live: true }, 'viewer', true).advice).toContain('Ask the plan’s owner if you need to edit it again.')
    expect(lockoutWording({ cause: 'removed', live: true }, null, true).advice).toBe('Copy it now: once you leave this page, it cannot be shown again.')
    expect(readOnlyNote(null)).toBe('You can read this plan but not edit it.')
    expect(readOnlyNote({ cause: 'role', live: true })).toBe('You can read this plan but not edit it.')
    expect(readOnlyNote({ cause: 'deleted', live: true })).toBe('This is the plan as it was when it was deleted. It is no longer updated.')
  })
})
