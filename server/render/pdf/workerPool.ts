/**
 * Worker threads that render PDFs: each export runs in its own thread with a memory cap, and a thread
 * that runs out of time or memory is terminated (the server and its documents are untouched). Idle
 * threads are kept for the next export, since starting one (loading pdfmake and the fonts) is the slow part.
 */
import { PassThrough } from 'node:stream'
import type { Worker } from 'node:worker_threads'
import { startThread } from '../../threads.ts'
import type { PlanPdfInput } from './types.ts'
import type { FromWorker, ToWorker } from './worker.ts'
import type { RenderedPdf } from './rendered.ts'

export interface PdfWorkerOptions {
  /** Threads kept warm between exports. */
  idleThreads: number
  /** Heap limit of each thread. */
  maxMemoryMb: number
}

export const DEFAULT_PDF_WORKER_OPTIONS: PdfWorkerOptions = { idleThreads: 2, maxMemoryMb: 256 }

export class PdfWorkerPool {
  private readonly idle: Worker[] = []
  private readonly busy = new Set<Worker>()
  private nextId = 1
  private closed = false

  constructor(private readonly options: PdfWorkerOptions = DEFAULT_PDF_WORKER_OPTIONS) {}

  render(input: PlanPdfInput, signal: AbortSignal): Promise<RenderedPdf> {
    if (this.closed) return Promise.reject(new Error('The PDF workers have stopped.'))
    if (signal.aborted) return Promise.reject(signal.reason)
    const worker = this.idle.pop() ?? this.spawn()
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
        this.release(worker)
      } else {
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
    const all = [...this.idle, ...this.busy]
    this.idle.length = 0
    await Promise.all(all.map((worker) => worker.terminate()))
  }

  private spawn(): Worker {
    const worker = startThread(import.meta.url, 'worker', {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxMemoryMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    })
    // An idle thread never keeps the process alive; one that dies while idle is simply forgotten.
    worker.unref()
    worker.on('error', () => undefined)
    worker.once('exit', () => {
      const index = this.idle.indexOf(worker)
      if (index >= 0) this.idle.splice(index, 1)
    })
    return worker
  }

  private release(worker: Worker): void {
    if (this.closed || this.idle.length >= this.options.idleThreads) void worker.terminate()
    else this.idle.push(worker)
  }
}
