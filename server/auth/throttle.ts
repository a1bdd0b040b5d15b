/**
 * Slows repeated failed sign-ins: after a few failures for one email (or from one address), each further
 * attempt must wait, doubling up to a cap. Kept in memory: a restart forgives, which is acceptable.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>()

  constructor(private readonly freeAttempts = 5, private readonly maxDelayMs = 15 * 60_000) {}

  /** Milliseconds the caller must still wait for any of these keys; 0 when it may try now. */
  wait(keys: string[], now = Date.now()): number {
    let wait = 0
    for (const key of keys) {
      const entry = this.failures.get(key)
      if (entry) wait = Math.max(wait, entry.until - now)
    }
    return Math.max(0, wait)
  }

  fail(keys: string[], now = Date.now()): void {
    for (const key of keys) {
      const entry = this.failures.get(key) ?? { count: 0, until: 0 }
      entry.count++
      const over = entry.count - this.freeAttempts
      entry.until = over > 0 ? now + Math.min(this.maxDelayMs, 1000 * 2 ** (over - 1)) : 0
      this.failures.set(key, entry)
    }
    if (this.failures.size > 100_000) this.failures.clear()
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key)
  }
}
