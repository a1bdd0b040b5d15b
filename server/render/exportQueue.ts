/**
 * A bounded queue for exports: at most `concurrency` run at once, at most `maxWaiting` wait behind them,
 * and each gets `timeoutMs` from the moment it starts. A full queue refuses at once ("busy, try again
 * shortly") rather than letting exports pile up behind a burst.
 */
import { Failure } from '../failure.ts'

export interface ExportLimits {
  concurrency: number
  maxWaiting: number
  timeoutMs: number
}

export const DEFAULT_EXPORT_LIMITS: ExportLimits = { concurrency: 2, maxWaiting: 20, timeoutMs: 30_000 }

/** An export ran past its time limit. */
export class ExportTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`The export did not finish within ${Math.round(timeoutMs / 1000)} seconds.`)
  }
}

export class ExportQueue {
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly limits: ExportLimits = DEFAULT_EXPORT_LIMITS) {}

  /**
   * Runs `job` when a slot is free. The job gets a signal that aborts when its time is up; the slot is
   * held until the job's promise settles, and the caller sees ExportTimeout if time ran out first.
   */
  async run<T>(job: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.running >= this.limits.concurrency) {
      if (this.waiting.length >= this.limits.maxWaiting) {
        throw new Failure('unavailable', 'Uplift is busy preparing other PDFs. Try again shortly.', undefined, 5)
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.running++
    }
    const controller = new AbortController()
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new ExportTimeout(this.limits.timeoutMs)
        controller.abort(error)
        reject(error)
      }, this.limits.timeoutMs)
    })
    const work = job(controller.signal)
    try {
      return await Promise.race([work, timedOut])
    } finally {
      clearTimeout(timer)
      // The slot is free only once the job itself has stopped (an aborted job settles soon after).
      void work.catch(() => undefined).finally(() => this.release())
    }
  }

  /** How many exports are running and waiting (for tests and health checks). */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length }
  }

  private release(): void {
    const next = this.waiting.shift()
    // The slot passes straight to the next job; `running` stays the same.
    if (next) next()
    else this.running--
  }
}
