// The PDF worker thread: renders one plan at a time and sends the file back in chunks. Running here keeps
// layout (CPU-bound) off the server's event loop, and lets the server cap its memory and stop it on time.
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'
import { WARM_UP_ARG, type FromWorker, type ToWorker } from './protocol.ts'

if (!parentPort) throw new Error('pdf/worker.ts must run in a worker thread')
const port = parentPort

/** This thread's id on Linux, where each thread has its own priority (elsewhere a priority is the process's). */
const thread = process.platform === 'linux' ? Number(readlinkSync('/proc/thread-self').split('/').pop()) : null

/** Sets this thread's priority (nice value); false where it cannot (not Linux, or not allowed). */
function setThreadPriority(nice: number): boolean {
  if (thread === null) return false
  try {
    setPriority(thread, nice)
    return true
  } catch {
    return false
  }
}

/**
 * A thread started ahead of any export (PdfWorkerPool.warm) loads its code and renders the warm-up plan at a
 * low priority, so that it never competes with the server's own thread for the processor. It then asks for its
 * normal priority back, for the exports people wait for, and so does the pool as soon as an export is given to
 * it during the warm-up (hence the thread id it is told). Where the system does not allow that (raising a
 * priority needs privileges), the thread keeps the low one, and an export it renders gives way to editing when
 * the machine is busy, which is the better way round anyway.
 */
const lowered = process.argv.includes(WARM_UP_ARG) && setThreadPriority(10)
if (lowered) port.postMessage({ id: 0, thread: thread! } satisfies FromWorker)
// Loaded after the priority is lowered: loading pdfmake, pdfkit and fontkit is much of a warm-up's work.
const { renderPlanPdf, renderPlanPdfBuffer } = await import('./renderPlanPdf.ts')
const { repeatWarmUp, warmUpInput } = await import('./warmUp.ts')

/** Jobs sent to this thread and not yet started: a warm-up stops repeating as soon as one waits. */
let waiting = 0

async function warmUp(): Promise<void> {
  try {
    await repeatWarmUp(() => renderPlanPdfBuffer(warmUpInput()), () => waiting > 0)
  } finally {
    if (lowered) setThreadPriority(0)
  }
}

async function handle(message: ToWorker): Promise<void> {
  try {
    if ('warmUp' in message) {
      await warmUp()
    } else {
      const stream = await renderPlanPdf(message.input)
      for await (const chunk of stream) port.postMessage({ id: message.id, chunk: chunk as Uint8Array } satisfies FromWorker)
    }
    port.postMessage({ id: message.id, done: true } satisfies FromWorker)
  } catch (error) {
    port.postMessage({ id: message.id, error: (error as Error).message ?? String(error) } satisfies FromWorker)
  }
}

// One job at a time, in the order they came: an export sent to a thread still warming up waits for it.
let queue = Promise.resolve()
port.on('message', (message: ToWorker) => {
  waiting++
  queue = queue.then(() => {
    waiting--
    return handle(message)
  })
})
