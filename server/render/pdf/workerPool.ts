/**
 * Worker threads that render PDFs: each export runs in its own thread with a memory cap, and a thread
 * that runs out of time or memory is terminated (the server and its documents are untouched). Idle
 * threads are kept for the next export, since starting one (loading pdfmake and the fonts) is the slow part.
 *
 * A thread's first PDF is slow: starting the thread, loading pdfmake, pdfkit and fontkit, parsing the fonts
 * and running the layout code before V8 has optimised it add about 0.3 s to any export (measured on a
 * 2-core server: a 40-page plan in 0.9 s instead of 0.55 s). `warm()` prepares one thread in the background,
 * at a low priority (see worker.ts), so that the next export does not pay for it; warmPolicy.ts says when.
 *
 * Memory decides how long a thread may wait. An idle thread costs the server's process about 35 MB once its
 * modules are loaded, 60 to 70 MB just after its warm-up or a small export (about 40 MB once V8 has trimmed
 * its heap, some 20 s later) and more after a long export, against 70 to 105 MB for the whole server without
 * one. So at most one thread is warmed at a time, and a thread nobody has used or wanted for `idleMs`, warmed
 * or kept after an export, is let go.
 */
import { setPriority } from 'node:os'
import { PassThrough } from 'node:stream'
import type { Worker, WorkerOptions } from 'node:worker_threads'
import { startThread } from '../../threads.ts'
import type { PlanPdfInput } from './types.ts'
import { WARM_UP_ARG, type FromWorker, type ToWorker } from './protocol.ts'
import type { RenderedPdf } from './rendered.ts'

export interface PdfWorkerOptions {
  /** Threads kept warm between exports. */
  idleThreads: number
  /** Heap limit of each thread. */
  maxMemoryMb: number
  /** An idle thread (warmed, or kept after an export) nobody has used or wanted for this long is let go. */
  idleMs: number
  /** Starts a thread running worker.ts (tests give their own). */
  start?: (options: WorkerOptions) => Worker
}

export const DEFAULT_PDF_WORKER_OPTIONS: PdfWorkerOptions = { idleThreads: 2, maxMemoryMb: 256, idleMs: 3 * 60_000 }

/** A thread being warmed up; `taken` once an export has been given to it (it runs after the warm-up). */
interface Warming {
  worker: Worker
  done: Promise<boolean>
  taken: boolean
  /** Its Linux thread id, once it has said it lowered its priority. */
  thread?: number
}

/** An idle thread that dies is replaced by a warm one, but not over and over: this many times between exports. */
const MAX_REPLACEMENTS = 3

const READY = Promise.resolve(true)
const NOT_READY = Promise.resolve(false)

export class PdfWorkerPool {
  private readonly idle: Worker[] = []
  private readonly busy = new Set<Worker>()
  /** The timer that lets each idle thread go. */
  private readonly idleTimers = new Map<Worker, NodeJS.Timeout>()
  /** The last time `warm()` found a thread ready: it stays for another `idleMs` from then. */
  private wantedAt = 0
  private warming: Warming | null = null
  private replacements = 0
  private started = 0
  private nextId = 1
  private closed = false
  private readonly options: PdfWorkerOptions

  constructor(options: Partial<PdfWorkerOptions> = {}) {
    this.options = { ...DEFAULT_PDF_WORKER_OPTIONS, ...options }
  }

  /** What the pool holds now (tests, diagnostics); `started` counts every thread it has started. */
  get state(): { idle: number; busy: number; warming: boolean; started: number } {
    return { idle: this.idle.length, busy: this.busy.size, warming: this.warming !== null, started: this.started }
  }

  /**
   * Makes sure a thread is ready (or soon will be) for the next export, in the background: it starts one and
   * has it render a small plan (warmUp.ts, a few times over unless an export comes first: see WARM_UP_RENDERS)
   * unless a thread is idle, busy or already warming. An idle thread is then kept for another `idleMs`. Cheap
   * when a thread is ready, so it may be called on every edit. Resolves with whether a thread is ready (false
   * if the warm-up failed or the pool closed); never rejects.
   */
  warm(): Promise<boolean> {
    if (this.closed) return NOT_READY
    if (this.warming) return this.warming.done
    if (this.idle.length > 0) {
      this.wantedAt = Date.now()
      return READY
    }
    // An export is running: its thread will be idle afterwards, and a second one would only cost memory.
    if (this.busy.size > 0) return READY

    const worker = this.spawn(true)
    const id = this.nextId++
    let settle!: (ready: boolean) => void
    const warming: Warming = { worker, done: new Promise<boolean>((resolve) => { settle = resolve }), taken: false }
    this.warming = warming
    const finish = (ok: boolean) => {
      worker.off('message', onMessage)
      worker.off('exit', onExit)
      if (this.warming === warming) this.warming = null
      // A thread an export was given meanwhile is that export's to release or terminate.
      if (!warming.taken) {
        if (ok) this.release(worker)
        else void worker.terminate()
      }
      settle(ok && !this.closed)
    }
    const onMessage = (message: FromWorker) => {
      if ('thread' in message) warming.thread = message.thread
      else if (message.id === id) finish(!('error' in message))
    }
    const onExit = () => finish(false)
    worker.on('message', onMessage)
    worker.once('exit', onExit)
    worker.postMessage({ id, warmUp: true } satisfies ToWorker)
    return warming.done
  }

  render(input: PlanPdfInput, signal: AbortSignal): Promise<RenderedPdf> {
    if (this.closed) return Promise.reject(new Error('The PDF workers have stopped.'))
    if (signal.aborted) return Promise.reject(signal.reason)
    const worker = this.takeIdle() ?? this.takeWarming() ?? this.spawn()
    this.busy.add(worker)
    const id = this.nextId++
    const stream = new PassThrough()
    let started = false
    let settle!: { resolve: (value: RenderedPdf) => void; reject: (error: unknown) => void }
    const ready = new Promise<RenderedPdf>((resolve, reject) => { settle = { resolve, reject } })
    let markProduced!: () => void
    let failProduced!: (error: unknown) => void
    const produced = new Promise<void>((resolve, reject) => { markProduced = resolve; failProduced = reject })
    produced.catch(() => undefined)

    const cleanup = () => {
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
      signal.removeEventListener('abort', onAbort)
      this.busy.delete(worker)
    }
    const fail = (error: unknown, terminate: boolean) => {
      cleanup()
      if (terminate) void worker.terminate()
      if (started) stream.destroy(error as Error)
      else settle.reject(error)
      failProduced(error)
    }
    const onMessage = (message: FromWorker) => {
      if (message.id !== id) return
      if ('chunk' in message) {
        stream.write(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength))
        if (!started) {
          started = true
          settle.resolve({ stream, produced })
        }
      } else if ('done' in message) {
        cleanup()
        stream.end()
        if (!started) {
          started = true
          settle.resolve({ stream, produced })
        }
        markProduced()
        this.replacements = 0
        this.release(worker)
      } else if ('error' in message) {
        // The renderer threw: the thread itself is fine and can be reused.
        fail(new Error(message.error), false)
        this.release(worker)
      }
    }
    const onError = (error: Error & { code?: string }) => {
      fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new Error('The PDF needed more memory than an export may use.')
        : error, true)
    }
    const onExit = () => fail(new Error('The PDF worker stopped unexpectedly.'), false)
    const onAbort = () => fail(signal.reason, true)

    worker.on('message', onMessage)
    worker.once('error', onError)
    worker.once('exit', onExit)
    signal.addEventListener('abort', onAbort, { once: true })
    worker.postMessage({ id, input } satisfies ToWorker)
    return ready
  }

  /** Stops every thread (server shutdown). */
  async close(): Promise<void> {
    this.closed = true
    for (const timer of this.idleTimers.values()) clearTimeout(timer)
    this.idleTimers.clear()
    const all = new Set([...this.idle, ...this.busy, ...(this.warming ? [this.warming.worker] : [])])
    this.idle.length = 0
    await Promise.all([...all].map((worker) => worker.terminate()))
  }

  private spawn(warmUp = false): Worker {
    const options: WorkerOptions = {
      ...(warmUp ? { argv: [WARM_UP_ARG] } : {}),
      // A 16 MB young generation lays a 40-page plan out as fast as 32 MB did, and leaves an idle thread
      // 10 to 25 MB smaller; 8 MB was markedly slower.
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxMemoryMb, maxYoungGenerationSizeMb: 16 },
      stdout: false,
      stderr: false,
    }
    const worker = this.options.start ? this.options.start(options) : startThread(import.meta.url, 'worker', options)
    this.started++
    // An idle thread never keeps the process alive.
    worker.unref()
    worker.on('error', () => undefined)
    worker.once('exit', () => {
      const index = this.idle.indexOf(worker)
      if (index < 0) return
      // Died while idle (threads the pool lets go leave the list first): the next export should still find
      // one ready, so a warm one takes its place.
      this.idle.splice(index, 1)
      this.forget(worker)
      if (!this.closed && this.replacements < MAX_REPLACEMENTS) {
        this.replacements++
        void this.warm()
      }
    })
    return worker
  }

  private takeIdle(): Worker | undefined {
    const worker = this.idle.pop()
    if (worker) this.forget(worker)
    return worker
  }

  /**
   * The thread being warmed up, for an export: it renders as soon as the warm-up is over, which is no longer
   * background work, so the thread gets its normal priority back at once (where the system allows it).
   */
  private takeWarming(): Worker | undefined {
    if (!this.warming || this.warming.taken) return undefined
    this.warming.taken = true
    if (this.warming.thread !== undefined) {
      try {
        setPriority(this.warming.thread, 0)
      } catch {
        // Not allowed: the thread asks for it itself after its warm-up, in vain too, and renders at low priority.
      }
    }
    return this.warming.worker
  }

  private release(worker: Worker): void {
    if (this.closed || this.idle.length >= this.options.idleThreads) {
      void worker.terminate()
      return
    }
    this.idle.push(worker)
    this.letGoAfter(worker, Date.now(), this.options.idleMs)
  }

  /** Lets an idle thread go once it has been neither used nor wanted (`warm()`) for `idleMs`. */
  private letGoAfter(worker: Worker, idleSince: number, delayMs: number): void {
    const timer = setTimeout(() => {
      if (!this.idle.includes(worker)) return
      const left = Math.max(idleSince, this.wantedAt) + this.options.idleMs - Date.now()
      if (left > 0) {
        this.letGoAfter(worker, idleSince, left)
        return
      }
      this.idle.splice(this.idle.indexOf(worker), 1)
      this.idleTimers.delete(worker)
      void worker.terminate()
    }, delayMs)
    timer.unref()
    this.idleTimers.set(worker, timer)
  }

  private forget(worker: Worker): void {
    clearTimeout(this.idleTimers.get(worker))
    this.idleTimers.delete(worker)
  }
}
