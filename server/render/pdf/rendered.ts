import type { Readable } from 'node:stream'

/** A PDF being delivered: the bytes, and when the renderer has produced all of them. */
export interface RenderedPdf {
  stream: Readable
  /** Settles once every byte exists (the reader may still be catching up); rejects if rendering failed. */
  produced: Promise<void>
}
