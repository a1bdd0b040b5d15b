// The PDF worker pool: warm threads, idle threads let go, and the old guarantees (time limit, reuse).
import { Worker, type WorkerOptions } from 'node:worker_threads'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RenderedPdf } from '../../../server/render/pdf/rendered.ts'
import type { PlanPdfInput } from '../../../server/render/pdf/types.ts'
import { repeatWarmUp, WARM_UP_RENDERS, warmUpInput } from '../../../server/render/pdf/warmUp.ts'
import { PdfWorkerPool, type PdfWorkerOptions } from '../../../server/render/pdf/workerPool.ts'

/**
 * A stand-in for worker.ts speaking its protocol, one job at a time as it does. `workerData` says how it
 * behaves: warmUp 'ok' | 'error' | 'exit', warmUpMs, render 'ok' | 'error' | 'hang'.
 */
const FAKE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
async function handle(message) {
  if (message.warmUp) {
    await sleep(workerData.warmUpMs ?? 0)
    if (workerData.warmUp === 'exit') process.exit(1)
    parentPort.postMessage(workerData.warmUp === 'error' ? { id: message.id, error: 'warm-up failed' } : { id: message.id, done: true })
    return
  }
  if (workerData.render === 'hang') return new Promise(() => undefined)
  if (workerData.render === 'error') return parentPort.postMessage({ id: message.id, error: 'renderer exploded' })
  parentPort.postMessage({ id: message.id, chunk: new TextEncoder().encode('%PDF-fake ' + message.input.plan.title) })
  parentPort.postMessage({ id: message.id, done: true })
}
let queue = Promise.resolve()
parentPort.on('message', (message) => { queue = queue.then(() => handle(message)) })
`

interface Behaviour { warmUp?: 'ok' | 'error' | 'exit'; warmUpMs?: number; render?: 'ok' | 'error' | 'hang' }

const pools: PdfWorkerPool[] = []
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()))
})

/** A pool of fake threads; the nth thread started behaves as `behaviour(n)`. */
function fakePool(behaviour: (n: number) => Behaviour = () => ({}), options: Partial<PdfWorkerOptions> = {}) {
  const threads: Worker[] = []
  const pool = new PdfWorkerPool({
    ...options,
    start: (workerOptions: WorkerOptions) => {
      const worker = new Worker(FAKE_WORKER, { ...workerOptions, eval: true, workerData: behaviour(threads.length) })
      threads.push(worker)
      return worker
    },
  })
  pools.push(pool)
  return { pool, threads }
}

const input = (title = 'A plan'): PlanPdfInput => ({ ...warmUpInput(), plan: { title, schoolName: 'Seaview Primary' } })

async function bytes(rendered: RenderedPdf): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of rendered.stream) chunks.push(chunk as Buffer)
  await rendered.produced
  return Buffer.concat(chunks)
}

const exited = (worker: Worker) => new Promise<number>((resolve) => worker.once('exit', resolve))

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('PdfWorkerPool with its real worker', () => {
  it('warms a thread in the background, and the first export is rendered by it', async () => {
    const pool = new PdfWorkerPool()
    pools.push(pool)
    expect(await pool.warm()).toBe(true)
    expect(pool.state).toEqual({ idle: 1, busy: 0, warming: false, started: 1 })
    // Asked again while one is ready: nothing more is started.
    expect(await pool.warm()).toBe(true)
    const pdf = await bytes(await pool.render(input(), new AbortController().signal))
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pool.state).toEqual({ idle: 1, busy: 0, warming: false, started: 1 })
  }, 60_000)

  it('renders an export asked for while the thread is warming up, which then stops repeating', async () => {
    const pool = new PdfWorkerPool()
    pools.push(pool)
    const warmed = pool.warm()
    expect(pool.state.warming).toBe(true)
    const pdf = await bytes(await pool.render(input('Asked during the warm-up'), new AbortController().signal))
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(await warmed).toBe(true)
    expect(pool.state).toEqual({ idle: 1, busy: 0, warming: false, started: 1 })
  }, 60_000)
})

describe('repeatWarmUp', () => {
  it('renders the warm-up plan WARM_UP_RENDERS times when nothing waits', async () => {
    let renders = 0
    expect(await repeatWarmUp(async () => renders++, () => false)).toBe(WARM_UP_RENDERS)
    expect(renders).toBe(WARM_UP_RENDERS)
    expect(WARM_UP_RENDERS).toBeGreaterThan(1)
  })

  it('stops after the render during which an export arrived, and always renders once', async () => {
    let renders = 0
    let waiting = false
    const done = await repeatWarmUp(async () => {
      renders++
      if (renders === 2) waiting = true
    }, () => waiting)
    expect(done).toBe(2)
    expect(renders).toBe(2)
    let once = 0
    expect(await repeatWarmUp(async () => once++, () => true)).toBe(1)
    expect(once).toBe(1)
  })

  it('passes on a failed render (the pool lets that thread go)', async () => {
    await expect(repeatWarmUp(async () => { throw new Error('layout failed') }, () => false)).rejects.toThrow('layout failed')
  })
})

describe('PdfWorkerPool', () => {
  it('gives an export asked for during the warm-up to the warming thread, which renders it next', async () => {
    const { pool } = fakePool(() => ({ warmUpMs: 200 }))
    const warmed = pool.warm()
    expect(pool.state.warming).toBe(true)
    const pdf = await bytes(await pool.render(input('During warm-up'), new AbortController().signal))
    expect(pdf.toString()).toBe('%PDF-fake During warm-up')
    expect(await warmed).toBe(true)
    expect(pool.state).toEqual({ idle: 1, busy: 0, warming: false, started: 1 })
  })

  it('replaces a warm idle thread that dies with another warm one, which the next export uses', async () => {
    const { pool, threads } = fakePool()
    await pool.warm()
    await threads[0].terminate()
    await until(() => pool.state.started === 2 && pool.state.idle === 1 && !pool.state.warming)
    expect((await bytes(await pool.render(input(), new AbortController().signal))).toString()).toBe('%PDF-fake A plan')
    expect(pool.state.started).toBe(2)
  })

  it('lets a thread whose warm-up fails go, tries no more on its own, and starts afresh for the next export', async () => {
    for (const warmUp of ['error', 'exit'] as const) {
      const { pool, threads } = fakePool((n) => (n === 0 ? { warmUp } : {}))
      const warmed = pool.warm()
      const gone = exited(threads[0])
      expect(await warmed).toBe(false)
      await gone
      expect(pool.state).toEqual({ idle: 0, busy: 0, warming: false, started: 1 })
      expect((await bytes(await pool.render(input(), new AbortController().signal))).toString()).toBe('%PDF-fake A plan')
      expect(pool.state.started).toBe(2)
    }
  })

  it('lets an idle thread go after idleMs, later when it was wanted meanwhile', async () => {
    // The pool's clock and timers are faked (the thread and its messages are real), so a slow machine cannot
    // stretch the waits past idleMs.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    try {
      const { pool, threads } = fakePool(() => ({}), { idleMs: 300 })
      await pool.warm() // idle from now (t = 0)
      const gone = exited(threads[0])
      vi.advanceTimersByTime(200)
      expect(await pool.warm()).toBe(true) // wanted again at t = 200: kept until t = 500
      vi.advanceTimersByTime(299) // t = 499: past the first 300 ms, not yet 300 ms after it was wanted
      expect(pool.state).toEqual({ idle: 1, busy: 0, warming: false, started: 1 })
      vi.advanceTimersByTime(1) // t = 500
      expect(pool.state).toEqual({ idle: 0, busy: 0, warming: false, started: 1 })
      await gone
    } finally {
      vi.useRealTimers()
    }
  })

  it('keeps a thread for the next export, also after the renderer threw', async () => {
    const { pool } = fakePool((n) => ({ render: n === 0 ? 'error' : 'ok' }))
    await expect(pool.render(input(), new AbortController().signal)).rejects.toThrow('renderer exploded')
    expect(pool.state).toEqual({ idle: 1, busy: 0, warming: false, started: 1 })
  })

  it('terminates the thread of an export that is aborted (out of time), and a later export starts another', async () => {
    const { pool, threads } = fakePool((n) => ({ render: n === 0 ? 'hang' : 'ok' }))
    const controller = new AbortController()
    const rendering = pool.render(input(), controller.signal)
    const gone = exited(threads[0])
    controller.abort(new Error('out of time'))
    await expect(rendering).rejects.toThrow('out of time')
    await gone
    expect(pool.state).toEqual({ idle: 0, busy: 0, warming: false, started: 1 })
    expect((await bytes(await pool.render(input(), new AbortController().signal))).toString()).toBe('%PDF-fake A plan')
  })

  it('warms nothing while an export is running, nor after it has closed, and close stops a warming thread', async () => {
    const { pool, threads } = fakePool((n) => ({ render: n === 0 ? 'hang' : 'ok', warmUpMs: 10_000 }))
    void pool.render(input(), new AbortController().signal).catch(() => undefined)
    expect(await pool.warm()).toBe(true)
    expect(pool.state.started).toBe(1)
    const other = fakePool(() => ({ warmUpMs: 10_000 }))
    const warming = other.pool.warm()
    const gone = exited(other.threads[0])
    await other.pool.close()
    await gone
    expect(await warming).toBe(false)
    expect(await other.pool.warm()).toBe(false)
    expect(threads).toHaveLength(1)
  })
})
