import { describe, expect, it } from 'vitest'
import { accessChangedMessage, accessDiffers, accessInForce, roleChangedMessage, ROLES, type Access } from '../../../shared/roles.ts'

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

describe('the message when an editor\'s access changes while the plan is open', () => {
  // The end of 31 December 2026 (GMT) and of 31 March 2027 (summer time) in London, as the Share dialog sends them.
  const december = '2026-12-31T23:59:59.999Z'
  const march = '2027-03-31T22:59:59.999Z'
  const now = new Date('2026-11-24T10:00:00Z')
  const editor = (editorUntil: string | null): Access => ({ role: 'editor', editorUntil })

  it('says the new end date, as the day in England, when only the end date changes', () => {
    expect(accessChangedMessage(editor(december), editor(march), now)).toBe('You can now edit this plan until the end of 31 March 2027.')
    expect(accessChangedMessage(editor(null), editor(december), now)).toBe('You can now edit this plan until the end of 31 December 2026.')
    expect(accessChangedMessage(editor(march), editor(null), now)).toBe('You can now edit this plan with no end date.')
  })

  it('says when editing ended once the end date has passed', () => {
    const later = new Date('2027-01-01T00:00:00.500Z')
    expect(accessChangedMessage(editor(december), { role: 'viewer', editorUntil: null }, later))
      .toBe('Your time as an editor of this plan ended on 31 December 2026: you can now follow the live plan but not change it.')
  })

  it('says the new role, with the end date that goes with it, when the role changes', () => {
    expect(accessChangedMessage({ role: 'viewer', editorUntil: null }, editor(march), now))
      .toBe('Your role in this plan is now Editor: you can edit the live plan until the end of 31 March 2027.')
    // Made a viewer before the end date: the owner's choice, not the end date.
    expect(accessChangedMessage(editor(march), { role: 'viewer', editorUntil: null }, now))
      .toBe('Your role in this plan is now Viewer: you can follow the live plan but not change it.')
    expect(accessChangedMessage(editor(march), { role: 'owner', editorUntil: null }, now))
      .toBe('Your role in this plan is now Owner: you can edit, share and delete the plan.')
  })

  it('is one sentence whatever changed', () => {
    const accesses: Access[] = [...ROLES.map((role) => ({ role, editorUntil: null })), editor(december), editor(march)]
    for (const before of accesses) {
      for (const after of accesses) {
        if (!accessDiffers(before, after)) continue
        const message = accessChangedMessage(before, after, new Date('2027-06-01T12:00:00Z'))
        expect(message.match(/\./g), message).toHaveLength(1)
        expect(message.endsWith('.'), message).toBe(true)
      }
    }
  })
})

describe('the access in force', () => {
  it('keeps an editor\'s end date until it passes, and drops it for anyone else', () => {
    const until = '2026-12-31T23:59:59.999Z'
    expect(accessInForce('editor', until, new Date('2026-12-31T12:00:00Z'))).toEqual({ role: 'editor', editorUntil: until })
    expect(accessInForce('editor', until, new Date('2027-01-01T00:00:00Z'))).toEqual({ role: 'viewer', editorUntil: null })
    expect(accessInForce('viewer', until, new Date('2026-12-01T00:00:00Z'))).toEqual({ role: 'viewer', editorUntil: null })
    expect(accessInForce('editor', null, new Date())).toEqual({ role: 'editor', editorUntil: null })
  })
})
