import { describe, expect, it } from 'vitest'
import { roleChangedMessage, ROLES } from '../../../shared/roles.ts'

describe('the message when a role changes while the plan is open', () => {
  it('is one sentence: the new role, then what it lets you do', () => {
    expect(roleChangedMessage('viewer')).toBe('Your role in this plan is now Viewer: you can follow the live plan but not change it.')
    expect(roleChangedMessage('editor')).toBe('Your role in this plan is now Editor: you can edit the live plan.')
  })

  it('never runs two sentences together, whatever the role', () => {
    for (const role of ROLES) {
      const message = roleChangedMessage(role)
      // One full stop, at the end; after the colon the sentence carries on in lower case.
      expect(message.match(/\./g), message).toHaveLength(1)
      expect(message.endsWith('.'), message).toBe(true)
      expect(message).toMatch(/: [a-z]/)
    }
  })
})
