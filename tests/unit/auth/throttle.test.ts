import { describe, expect, it } from 'vitest'
import { SignInThrottle } from '../../../server/auth/throttle.ts'

describe('the sign-in throttle', () => {
  it('lets a few failures through, then makes each further attempt wait longer', () => {
    const throttle = new SignInThrottle(3, 60_000, 600_000)
    const t0 = 1_000_000
    for (let i = 0; i < 3; i++) throttle.fail(['a'], t0)
    expect(throttle.wait(['a'], t0)).toBe(0)
    throttle.fail(['a'], t0)
    expect(throttle.wait(['a'], t0)).toBe(1000)
    throttle.fail(['a'], t0)
    expect(throttle.wait(['a'], t0)).toBe(2000)
    expect(throttle.wait(['b'], t0)).toBe(0)
  })

  it('caps the wait and forgets failures after a quiet period', () => {
    const throttle = new SignInThrottle(1, 5_000, 60_000)
    const t0 = 1_000_000
    for (let i = 0; i < 20; i++) throttle.fail(['a'], t0)
    expect(throttle.wait(['a'], t0)).toBe(5_000)
    throttle.fail(['a'], t0 + 61_000)
    // Forgotten: this is the first failure again, within the free allowance.
    expect(throttle.wait(['a'], t0 + 61_000)).toBe(0)
  })

  it('forgets a key after a success', () => {
    const throttle = new SignInThrottle(0, 5_000, 60_000)
    throttle.fail(['a'], 0)
    expect(throttle.wait(['a'], 0)).toBeGreaterThan(0)
    throttle.succeed(['a'])
    expect(throttle.wait(['a'], 0)).toBe(0)
  })
})
