/**
 * A plan's copy in this browser: y-indexeddb keeps every update of the Y.Doc in IndexedDB, so the plan
 * opens with no network, after closing the tab or restarting the browser. This adds what y-indexeddb does
 * not say: whether everything typed so far has actually reached IndexedDB (`kept`), which decides whether
 * leaving the page needs a warning.
 */
import * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { databaseName } from './keptPlans.ts'

/** How long to wait for IndexedDB before showing the plan anyway (a broken or refused database). */
const OPEN_TIMEOUT_MS = 3000

export class LocalCopy {
  readonly persistence: IndexeddbPersistence | null
  /** Resolves once the stored copy is loaded into the doc (or IndexedDB is unavailable or slow). */
  readonly loaded: Promise<void>
  private available = false
  private kept = true
  private generation = 0
  private readonly listeners = new Set<() => void>()
  private destroyed = false

  constructor(
    private readonly doc: Y.Doc,
    userId: string,
    planId: string,
  ) {
    let persistence: IndexeddbPersistence | null = null
    try {
      if (globalThis.indexedDB) persistence = new IndexeddbPersistence(databaseName(userId, planId), doc)
    } catch {
      persistence = null
    }
    this.persistence = persistence
    this.loaded = persistence
      ? Promise.race([
        persistence.whenSynced.then(() => {
          this.available = true
          this.notify()
        }),
        new Promise<void>((resolve) => setTimeout(resolve, OPEN_TIMEOUT_MS)),
      ])
      : Promise.resolve()
    // Registered after y-indexeddb's own handler, so its write is already queued when this runs.
    doc.on('update', this.handleUpdate)
  }

  /** Whether IndexedDB is in use for this plan. */
  get isAvailable(): boolean {
    return this.available
  }

  /** Whether every change so far is written to IndexedDB. */
  get isKept(): boolean {
    return this.available && this.kept
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Resolves when everything queued so far is written (a read after the writes waits for them). */
  flush(): Promise<void> {
    const db = this.persistence?.db
    if (!db) return Promise.resolve()
    return new Promise((resolve) => {
      try {
        const transaction = db.transaction(['updates'], 'readonly')
        transaction.oncomplete = () => resolve()
        transaction.onerror = () => resolve()
        transaction.onabort = () => resolve()
      } catch {
        resolve()
      }
    })
  }

  destroy(): void {
    this.destroyed = true
    this.doc.off('update', this.handleUpdate)
    this.listeners.clear()
    void this.persistence?.destroy()
  }

  private readonly handleUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.persistence || !this.persistence?.db) return
    const generation = ++this.generation
    if (this.kept) {
      this.kept = false
      this.notify()
    }
    void this.flush().then(() => {
      if (this.destroyed || generation !== this.generation) return
      this.kept = true
      this.notify()
    })
  }

  private notify(): void {
    for (const listener of this.listeners) listener()
  }
}
