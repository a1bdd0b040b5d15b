/**
 * Checks large updates in a worker thread with a time budget. One update is checked at a time, in arrival
 * order; an update the thread cannot finish within the budget (a crafted one that makes Yjs spin) is
 * refused, the thread is replaced, and the next update is checked by the new one. A bounded number of
 * updates may wait; beyond that the sender is asked to try again later.
 */
import type { Worker } from 'node:worker_threads'
import { startThread } from '../../threads.ts'
import type { FromChecker, ToChecker } from './worker.ts'

export type CheckResult = { ok: true; parts: Uint8Array[] } | { ok: false; reason: string; busy?: boolean }

export interface UpdateCheckerOptions {
  /** Longest a check may take before the update is refused. */
  budgetMs: number
  /** Updates waiting for the thread at most; more are refused as busy. */
  maxWaiting: number
  maxBytes: number
  /** Most structs in one part. */
  maxStructs: number
}

interface Job {
  id: number
  work: { kind: 'split'; update: Uint8Array; maxBytes: number } | { kind: 'merge'; updates: Uint8Array[] }
  budgetMs: number
  resolve: (result: CheckResult) => void
}

/** Stored updates (a plan loading) are the server's own: no size cap, and a generous time limit. */
const STORED_BUDGET_MS = 60_000

export class UpdateChecker {
  private worker: Worker | null = null
  private readonly waiting: Job[] = []
  private current: Job | null = null
  private timer: NodeJS.Timeout | null = null
  private nextId = 1
  private closed = false
  private online = false
  /** Threads replaced because a check ran out of time; for tests and logs. */
  timeouts = 0
  /** Compacted states merged here; for tests and logs. */
  merges = 0

  constructor(private readonly options: UpdateCheckerOptions) {}

  check(update: Uint8Array): Promise<CheckResult> {
    if (this.waiting.length >= this.options.maxWaiting) return Promise.resolve({ ok: false, reason: 'too many large changes waiting', busy: true })
    return this.enqueue({ kind: 'split', update: update.slice(), maxBytes: this.options.maxBytes }, this.options.budgetMs)
  }

  /** Cuts a stored update (a large plan loading) into parts, off the event loop. */
  split(update: Uint8Array): Promise<CheckResult> {
    return this.enqueue({ kind: 'split', update: update.slice(), maxBytes: Number.MAX_SAFE_INTEGER }, STORED_BUDGET_MS)
  }

  /** Merges a plan's stored updates into its compacted state (one part), off the event loop. */
  async merge(updates: Uint8Array[]): Promise<CheckResult> {
    const result = await this.enqueue({ kind: 'merge', updates }, STORED_BUDGET_MS)
    if (result.ok) this.merges++
    return result
  }

  // (Updates to split are copied: the frame one came in may be a view of a larger buffer, which would be
  // copied whole; and the copy can be handed to the thread rather than copied again.)
  private enqueue(work: Job['work'], budgetMs: number): Promise<CheckResult> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'server stopping', busy: true })
    return new Promise((resolve) => {
      this.waiting.push({ id: this.nextId++, work, budgetMs, resolve })
      this.next()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const job of this.waiting.splice(0)) job.resolve({ ok: false, reason: 'server stopping', busy: true })
    this.finish({ ok: false, reason: 'server stopping', busy: true })
    const worker = this.worker
    this.worker = null
    await worker?.terminate()
  }

  private next(): void {
    if (this.current || this.closed) return
    const job = this.waiting.shift()
    if (!job) return
    this.current = job
    const worker = this.worker ?? this.spawn()
    if (this.online) this.startBudget(job)
    if (job.work.kind === 'split') {
      const message: ToChecker = { kind: 'split', id: job.id, update: job.work.update, maxBytes: job.work.maxBytes, maxStructs: this.options.maxStructs }
      worker.postMessage(message, [job.work.update.buffer as ArrayBuffer])
    } else {
      const message: ToChecker = { kind: 'merge', id: job.id, updates: job.work.updates }
      worker.postMessage(message)
    }
  }

  private startBudget(job: Job): void {
    if (this.current !== job || this.timer) return
    this.timer = setTimeout(() => {
      this.timeouts++
      // The thread may be spinning inside Yjs: it cannot be interrupted, only replaced.
      const stuck = this.worker
      this.worker = null
      this.online = false
      void stuck?.terminate()
      this.finish({ ok: false, reason: `checking the change took longer than ${job.budgetMs} ms` })
    }, job.budgetMs)
  }

  private finish(result: CheckResult): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const job = this.current
    this.current = null
    job?.resolve(result)
    this.next()
  }

  private spawn(): Worker {
    const worker = startThread(import.meta.url, 'worker', {
      resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    })
    worker.unref()
    this.online = false
    worker.on('message', (reply: FromChecker) => {
      if (worker !== this.worker) return
      if ('ready' in reply) {
        // The budget is for checking, not for starting the thread and loading its code.
        this.online = true
        if (this.current) this.startBudget(this.current)
        return
      }
      if (reply.id !== this.current?.id) return
      const { id: _id, ...result } = reply
      this.finish(result)
    })
    worker.on('error', () => undefined)
    worker.once('exit', () => {
      if (worker !== this.worker) return
      // The thread died (out of memory on a crafted update): refuse what it was checking, start afresh.
      this.worker = null
      this.online = false
      if (this.current) this.finish({ ok: false, reason: 'the change could not be checked' })
    })
    this.worker = worker
    return worker
  }
}
