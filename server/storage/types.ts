/**
 * Storage interfaces. Document content is opaque bytes here (Yjs updates, but storage never calls Yjs);
 * metadata is plain records. The embedded implementations keep everything under one data folder; a larger
 * deployment plugs in other implementations that pass the same contract tests (tests/unit/storage).
 */

export interface LoadReport {
  /** Records read from the log (after the compacted state, if any). */
  records: number
  /** Bytes after the last complete record that were dropped (a write cut off by a crash). */
  tornBytes: number
  /** Records whose checksum did not match; skipped. */
  corruptRecords: number
}

export interface LoadedDocument {
  /** Every stored update in the order it was stored, the compacted state (if any) first. */
  updates: Uint8Array[]
  report: LoadReport
}

/** A point in a document's stored history, taken by `loadMarked`; opaque to everyone but the store. */
export interface StoredMark {
  readonly documentId: string
}

export interface DocumentStore {
  /** Everything stored for a document. A document never stored loads as no updates. */
  load(documentId: string): Promise<LoadedDocument>
  /**
   * Appends an update. Resolves once it is durable (flushed to disk where the store has a disk);
   * rejects if it could not be stored, in which case nothing of it is stored. Appends to one document
   * resolve in the order they were made; appends made together may share one flush.
   */
  append(documentId: string, update: Uint8Array): Promise<void>
  /**
   * Everything stored for a document, as `load` gives it, and a mark of that point, so that the compacted
   * state can be computed elsewhere (another thread) while appends go on.
   */
  loadMarked(documentId: string): Promise<LoadedDocument & { mark: StoredMark }>
  /**
   * Replaces what is stored for a document with `state`. Without a mark, `state` must contain every update
   * appended before this call; with one, every update stored up to the mark (what `loadMarked` returned),
   * and everything stored after the mark is kept. A mark made stale by another compaction in between makes
   * this do nothing. Appends made after the call are kept. Atomic: a crash leaves either the old or the new.
   */
  compact(documentId: string, state: Uint8Array, mark?: StoredMark): Promise<void>
  /** Bytes appended since the last compaction. */
  appendedSinceCompaction(documentId: string): number
  /** Removes a document and everything stored for it. */
  remove(documentId: string): Promise<void>
  /** Waits for pending writes and releases files. */
  close(): Promise<void>
}

/**
 * Full document states kept apart from the live log: snapshots and automatic versions. Each is written
 * once and never changed (a snapshot is immutable); opaque bytes, like everything in storage.
 */
export interface SnapshotStore {
  /** Stores a state. Resolves once it is durable; a crash leaves either nothing or the whole state. */
  write(documentId: string, id: string, state: Uint8Array): Promise<void>
  /** The stored state, or undefined when there is none. */
  read(documentId: string, id: string): Promise<Uint8Array | undefined>
  /** Removes states (version thinning); missing ones are ignored. */
  remove(documentId: string, ids: string[]): Promise<void>
}
