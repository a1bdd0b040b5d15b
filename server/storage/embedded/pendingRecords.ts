/**
 * A plan's records that are in the journal but not yet in its own log, oldest first, kept in memory so that
 * loading the plan and checkpointing the journal never read the journal file back.
 *
 * They are kept packed: the bytes of every record in one growing buffer, and three numbers per record in
 * one array. A Uint8Array, its ArrayBuffer and an entry object per record (about 280 bytes of heap each)
 * were what made the server's heap grow with every keystroke between checkpoints: tens of thousands of
 * small objects promoted by the young-generation collector and traced by every full collection, whose
 * marking steps on the main thread then delayed relayed changes.
 *
 * The buffer is never written where a view handed out may still look: it only grows at its end, and
 * removing records copies what stays into a new one.
 */

const EMPTY = new Uint8Array(0)
const FIRST_CAPACITY = 256
/** Numbers per record in `meta`: its journal sequence number, its journal file, where its bytes end. */
const STRIDE = 3

export class PendingRecords {
  private bytes: Uint8Array = EMPTY
  private used = 0
  private meta: number[] = []

  /** How many records. */
  get count(): number {
    return this.meta.length / STRIDE
  }

  /** Bytes of all the records' data. */
  get byteLength(): number {
    return this.used
  }

  /** The newest record's sequence number; 0 when there is none. */
  get lastSeq(): number {
    return this.meta.length === 0 ? 0 : this.meta[this.meta.length - STRIDE]
  }

  /** Adds a record after the others: `seq` must be above every sequence number already here. */
  push(file: number, seq: number, data: Uint8Array): void {
    const end = this.used + data.length
    if (end > this.bytes.length) {
      const grown = new Uint8Array(Math.max(FIRST_CAPACITY, this.bytes.length * 2, end))
      grown.set(this.bytes.subarray(0, this.used))
      this.bytes = grown
    }
    this.bytes.set(data, this.used)
    this.used = end
    this.meta.push(seq, file, end)
  }

  /** Every record's data, oldest first (views: valid however the records change later). */
  updates(): Uint8Array[] {
    return this.select(() => true)
  }

  /** Whether any record is in one of these journal files. */
  inAnyOf(files: ReadonlySet<number>): boolean {
    for (let i = 1; i < this.meta.length; i += STRIDE) if (files.has(this.meta[i])) return true
    return false
  }

  /** The data of the records in these journal files, oldest first; the records stay until `remove`. */
  updatesIn(files: ReadonlySet<number>): Uint8Array[] {
    return this.select((_seq, file) => files.has(file))
  }

  /** Removes the records in these journal files. */
  removeIn(files: ReadonlySet<number>): void {
    this.keep((_seq, file) => !files.has(file))
  }

  /** Removes the records whose sequence number is `seq` or below. */
  removeThrough(seq: number): void {
    this.keep((recordSeq) => recordSeq > seq)
  }

  clear(): void {
    this.bytes = EMPTY
    this.used = 0
    this.meta = []
  }

  private select(wanted: (seq: number, file: number) => boolean): Uint8Array[] {
    const updates: Uint8Array[] = []
    let start = 0
    for (let i = 0; i < this.meta.length; i += STRIDE) {
      const end = this.meta[i + 2]
      if (wanted(this.meta[i], this.meta[i + 1])) updates.push(this.bytes.subarray(start, end))
      start = end
    }
    return updates
  }

  private keep(wanted: (seq: number, file: number) => boolean): void {
    const kept = new PendingRecords()
    let start = 0
    for (let i = 0; i < this.meta.length; i += STRIDE) {
      const end = this.meta[i + 2]
      if (wanted(this.meta[i], this.meta[i + 1])) kept.push(this.meta[i + 1], this.meta[i], this.bytes.subarray(start, end))
      start = end
    }
    if (kept.count === this.count) return
    this.bytes = kept.bytes
    this.used = kept.used
    this.meta = kept.meta
  }
}
