// An invitation is used only when it gives more than the person has: every role against every link.
import { describe, expect, it } from 'vitest'
import { givesMoreAccess, type Grant } from '../../../server/plans/accessGrant.ts'

const now = new Date('2026-11-24T12:00:00.000Z')
const past = '2026-11-01T23:59:59.999Z'
const soon = '2027-07-31T22:59:59.999Z'
const later = '2028-07-31T22:59:59.999Z'

const grant = (role: Grant['role'], editorUntil: string | null = null): Grant => ({ role, editorUntil })

describe('whether an invitation gives more access', () => {
  it('gives someone without access whatever the link offers', () => {
    for (const role of ['editor', 'viewer', 'trustee'] as const) expect(givesMoreAccess(null, grant(role), now)).toBe(true)
  })

  it('gives nothing more to a member whose role is as high or higher', () => {
    const cases: [Grant, Grant][] = [
      [grant('owner'), grant('editor')], [grant('owner'), grant('viewer')], [grant('owner'), grant('trustee')],
      [grant('editor'), grant('editor')], [grant('editor'), grant('viewer')], [grant('editor'), grant('trustee')],
      [grant('viewer'), grant('viewer')], [grant('viewer'), grant('trustee')], [grant('trustee'), grant('trustee')],
      // Editing that ended leaves a viewer: a viewer or trustee link adds nothing.
      [grant('editor', past), grant('viewer')], [grant('editor', past), grant('trustee')],
    ]
    for (const [current, offered] of cases) expect(givesMoreAccess(current, offered, now), `${current.role} offered ${offered.role}`).toBe(false)
  })

  it('gives a higher role to a member with a lower one', () => {
    expect(givesMoreAccess(grant('viewer'), grant('editor'), now)).toBe(true)
    expect(givesMoreAccess(grant('trustee'), grant('viewer'), now)).toBe(true)
    expect(givesMoreAccess(grant('trustee'), grant('editor', soon), now)).toBe(true)
    expect(givesMoreAccess(grant('editor', past), grant('editor'), now)).toBe(true)
  })

  it('extends editing that ends, never shortens it or puts an end to open-ended editing', () => {
    expect(givesMoreAccess(grant('editor', soon), grant('editor', later), now)).toBe(true)
    expect(givesMoreAccess(grant('editor', soon), grant('editor'), now)).toBe(true)
    expect(givesMoreAccess(grant('editor', later), grant('editor', soon), now)).toBe(false)
    expect(givesMoreAccess(grant('editor', soon), grant('editor', soon), now)).toBe(false)
    expect(givesMoreAccess(grant('editor'), grant('editor', later), now)).toBe(false)
  })

  it('counts an editor link whose editing has already ended as a viewer link', () => {
    expect(givesMoreAccess(grant('viewer'), grant('editor', past), now)).toBe(false)
    expect(givesMoreAccess(grant('trustee'), grant('editor', past), now)).toBe(true)
  })
})
