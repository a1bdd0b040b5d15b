/**
 * Slows repeated failed sign-ins: after a few failures for one key (an email, or an address), each further
 * attempt must wait, doubling up to a cap. Failures are forgotten after a quiet period, so a school sharing
 * one address is not locked out by typos made hours apart. Kept in memory: a restart forgives.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; until: number; last: number }>()

  constructor(
    private readonly freeAttempts = 5,
    private readonly maxDelayMs = 15 * 60_000,
    private readonly forgetAfterMs = 30 * 60_000,
  ) {}

  /** Milliseconds the caller must still wait for any of these keys; 0 when it may try now. */
  wait(keys: string[], now = Date.now()): number {
    let wait = 0
    for (const key of keys) {
      const entry = this.current(key, now)
      if (entry) wait = Math.max(wait, entry.until - now)
    }
    return Math.max(0, wait)
  }

  fail(keys: string[], now = Date.now()): void {
    for (const key of keys) {
      const entry = this.current(key, now) ?? { count: 0, until: 0, last: now }
      entry.count++
      entry.last = now
      const over = entry.count - this.freeAttempts
      entry.until = over > 0 ? now + Math.min(this.maxDelayMs, 1000 * 2 ** (over - 1)) : 0
      this.failures.set(key, entry)
    }
    if (this.failures.size > 100_000) this.failures.clear()
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key)
  }

  private current(key: string, now: number) {
    const entry = this.failures.get(key)
    if (entry && now - entry.last > this.forgetAfterMs && now >= entry.until) {
      this.failures.delete(key)
      return undefined
    }
    return entry
  }
}
