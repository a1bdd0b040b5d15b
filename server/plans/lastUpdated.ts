/**
 * A plan's "last updated" time (the plan record's `updatedAt`, which the plan list shows and is sorted by)
 * follows changes to its content. The metadata store rewrites its whole file on every change, so while a
 * plan is being edited its time is written at most once per interval (a minute by default): the first
 * change after a quiet interval is written at once, and later ones wait for the interval to be up, when the
 * latest of them is written. What is still waiting is written when the plan leaves memory and when the
 * server stops, so the last change of a burst is never lost. The time written is when the change was
 * stored, not when it is written.
 */
import type { Logger } from '../collab/types.ts'

/** Least time between two writes of one plan's last-updated time, by default. */
export const LAST_UPDATED_INTERVAL_MS = 60_000

export interface LastUpdatedOptions {
  intervalMs: number
  /** Writes a plan's last-updated time (never moving it back: see MetadataStore.touchPlan). */
  record(planId: string, at: Date): Promise<void>
  /** The time now, in milliseconds. */
  now?: () => number
}

interface Entry {
  /** The time of the latest change not yet written, if any: milliseconds, not a Date (one per keystroke). */
  pending: number | null
  /** Runs out when the interval since the last write is up. */
  timer: NodeJS.Timeout
}

export class LastUpdatedKeeper {
  /** Plans written within the interval (and what waits for its end). */
  private readonly plans = new Map<string, Entry>()
  /** Per plan, the write in progress: one plan's times are written one at a time, in order. */
  private readonly tails = new Map<string, Promise<void>>()
  private closed = false

  constructor(private readonly log: Logger, private readonly options: LastUpdatedOptions) {}

  /** A change to the plan's content was stored just now. */
  changed(planId: string): void {
    if (this.closed) return
    const at = this.options.now?.() ?? Date.now()
    const entry = this.plans.get(planId)
    if (entry) entry.pending = at
    else this.writeAndWait(planId, at)
  }

  /** The plan is leaving memory: what waits is written now. Resolves once the plan's writes are done. */
  flush(planId: string): Promise<void> {
    const entry = this.plans.get(planId)
    if (entry && entry.pending !== null) {
      this.write(planId, entry.pending)
      entry.pending = null
    }
    return this.tails.get(planId) ?? Promise.resolve()
  }

  /** The plan was deleted: nothing more is written for it. */
  forget(planId: string): void {
    const entry = this.plans.get(planId)
    if (entry) clearTimeout(entry.timer)
    this.plans.delete(planId)
  }

  /** Writes everything waiting and stops the clocks; call after the hub has shut down. */
  async close(): Promise<void> {
    this.closed = true
    for (const [planId, entry] of this.plans) {
      clearTimeout(entry.timer)
      if (entry.pending !== null) this.write(planId, entry.pending)
    }
    this.plans.clear()
    await Promise.all([...this.tails.values()])
  }

  /** Writes `at` now and starts the interval within which later changes wait. */
  private writeAndWait(planId: string, at: number): void {
    const timer = setTimeout(() => this.intervalUp(planId), this.options.intervalMs)
    timer.unref()
    this.plans.set(planId, { pending: null, timer })
    this.write(planId, at)
  }

  private intervalUp(planId: string): void {
    const entry = this.plans.get(planId)
    if (!entry) return
    this.plans.delete(planId)
    // Still being edited: the latest change is written, and the next interval starts. Otherwise the plan
    // is quiet, and its next change is written at once.
    if (entry.pending !== null) this.writeAndWait(planId, entry.pending)
  }

  private write(planId: string, at: number): void {
    const work = (this.tails.get(planId) ?? Promise.resolve()).then(() => this.options.record(planId, new Date(at))).catch((error: Error) => {
      // Only the list's order suffers: editing goes on, and a later change is written as usual.
      this.log.error('a plan\'s last-updated time could not be written', { planId, error: error.message })
    })
    this.tails.set(planId, work)
    void work.finally(() => { if (this.tails.get(planId) === work) this.tails.delete(planId) })
  }
}
