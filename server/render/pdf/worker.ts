// The PDF worker thread: renders one plan at a time and sends the file back in chunks. Running here keeps
// layout (CPU-bound) off the server's event loop, and lets the server cap its memory and stop it on time.
import { parentPort } from 'node:worker_threads'
import { renderPlanPdf } from './renderPlanPdf.ts'
import type { PlanPdfInput } from './types.ts'

export type ToWorker = { id: number; input: PlanPdfInput }
export type FromWorker =
  | { id: number; chunk: Uint8Array }
  | { id: number; done: true }
  | { id: number; error: string }

const port = parentPort
if (!port) throw new Error('pdf/worker.ts must run in a worker thread')

port.on('message', (message: ToWorker) => {
  void (async () => {
    try {
      const stream = await renderPlanPdf(message.input)
      for await (const chunk of stream) port.postMessage({ id: message.id, chunk: chunk as Uint8Array } satisfies FromWorker)
      port.postMessage({ id: message.id, done: true } satisfies FromWorker)
    } catch (error) {
      port.postMessage({ id: message.id, error: (error as Error).message ?? String(error) } satisfies FromWorker)
    }
  })()
})
