// What the server and a PDF worker thread (worker.ts) say to each other.
import type { PlanPdfInput } from './types.ts'

export type ToWorker =
  | { id: number; input: PlanPdfInput }
  /** Render the warm-up plan (warmUp.ts) and throw it away; answered with done or error. */
  | { id: number; warmUp: true }

export type FromWorker =
  | { id: number; chunk: Uint8Array }
  | { id: number; done: true }
  | { id: number; error: string }
  /** First thing a warm-up thread says (id 0, no job's): its Linux thread id, whose priority it lowered. */
  | { id: 0; thread: number }

/** In the argv of a thread started ahead of any export, to be warmed up: it starts at a low priority. */
export const WARM_UP_ARG = '--uplift-pdf-warm-up'
