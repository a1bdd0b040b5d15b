/**
 * A document store in memory: for tests and throwaway servers. It can be told to delay or fail writes,
 * which is how tests simulate a slow or full disk.
 */
import type { DocumentStore, LoadedDocument, StoredMark } from '../types.ts'

interface MemoryMark extends StoredMark {
  generation: number
  logLength: number
}

let generations = 0

export interface FaultPlan {
  /** Milliseconds every load waits. */
  loadDelayMs?: number
  /** Milliseconds every append waits. */
  appendDelayMs?: number
  /** When set, appends and compactions fail with this error. */
  failWrites?: Error | null
  /** When set, loads fail with this error. */
  failLoads?: Error | null
}

export class MemoryDocumentStore implements DocumentStore {
  readonly faults: FaultPlan = {}
  readonly loads = new Map<string, number>()
  private readonly documents = new Map<string, { state: Uint8Array | null; log: Uint8Array[]; appended: number; generation: number }>()
  private tail = new Map<string, Promise<void>>()

  async load(documentId: string): Promise<LoadedDocument> {
    this.loads.set(documentId, (this.loads.get(documentId) ?? 0) + 1)
    await this.after(documentId)
    if (this.faults.loadDelayMs) await delay(this.faults.loadDelayMs)
    if (this.faults.failLoads) throw this.faults.failLoads
    const document = this.documents.get(documentId)
    const updates = document ? [...(document.state ? [document.state] : []), ...document.log] : []
    return { updates, report: { records: document?.log.length ?? 0, tornBytes: 0, corruptRecords: 0 } }
  }

  async loadMarked(documentId: string): Promise<LoadedDocument & { mark: StoredMark }> {
    const loaded = await this.load(documentId)
    const document = this.document(documentId)
    const mark: MemoryMark = { documentId, generation: document.generation, logLength: document.log.length }
    return { ...loaded, mark }
  }

  append(documentId: string, update: Uint8Array): Promise<void> {
    const copy = update.slice()
    return this.serial(documentId, async () => {
      if (this.faults.appendDelayMs) await delay(this.faults.appendDelayMs)
      if (this.faults.failWrites) throw this.faults.failWrites
      const document = this.document(documentId)
      document.log.push(copy)
      document.appended += copy.length
    })
  }

  compact(documentId: string, state: Uint8Array, mark?: StoredMark): Promise<void> {
    const copy = state.slice()
    return this.serial(documentId, async () => {
      if (this.faults.failWrites) throw this.faults.failWrites
      const document = this.document(documentId)
      const marked = mark as MemoryMark | undefined
      if (marked && marked.generation !== document.generation) return
      document.state = copy
      document.log = marked ? document.log.slice(marked.logLength) : []
      document.appended = document.log.reduce((sum, update) => sum + update.length, 0)
      document.generation = ++generations
    })
  }

  appendedSinceCompaction(documentId: string): number {
    return this.documents.get(documentId)?.appended ?? 0
  }

  async remove(documentId: string): Promise<void> {
    await this.serial(documentId, async () => {
      this.documents.delete(documentId)
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.tail.values())
  }

  private document(documentId: string) {
    let document = this.documents.get(documentId)
    if (!document) {
      document = { state: null, log: [], appended: 0, generation: ++generations }
      this.documents.set(documentId, document)
    }
    return document
  }

  private after(documentId: string): Promise<void> {
    return this.tail.get(documentId) ?? Promise.resolve()
  }

  private serial(documentId: string, work: () => Promise<void>): Promise<void> {
    const result = this.after(documentId).then(work)
    this.tail.set(documentId, result.catch(() => undefined))
    return result
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
