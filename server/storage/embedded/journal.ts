/**
 * One append-only journal shared by every plan. Appends from all plans that arrive while a flush is running
 * wait and then share the next write and the next fdatasync, so a server with hundreds of quiet plans does
 * one flush per moment rather than one per plan (a flush per plan cost about four times the CPU here).
 *
 * Files are `<root>/journal.<n>.bin`: records `[u32 length][u32 crc32][payload]` as in the plan logs, the
 * payload being `[u8 kind][u8 id length][id][data]`. The journal only buffers: what it holds for a plan
 * is also kept in memory (it is small and recent), and is moved into the plan's own log (a checkpoint)
 * when the journal file grows past its limit, and at start-up for whatever an earlier run left. A plan
 * that compacts no longer needs its entries. Records read twice (a crash between a checkpoint and the
 * removal of the journal file) are harmless: Yjs updates are idempotent.
 */
import { constants } from 'node:fs'
import { open, readdir, rename, rm, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { isValidId } from '../../../shared/ids.ts'
import type { LoadReport } from '../types.ts'
import { crc32 } from './crc32.ts'
import { fsyncDir } from './durable.ts'

const HEADER = 8
const APPEND = 1
const REMOVED = 2
const COMPACTED = 3
const FILE_PATTERN = /^journal\.(\d{6,})\.bin$/

/**
 * Flushes start at most once per COMMIT_INTERVAL_MS: a change that arrives after a quiet spell is flushed at
 * the end of that round of the event loop (with the others read in it), and under load the changes of the
 * interval share one write. Each flush costs far more than what it carries: the O_DSYNC write takes about
 * 110 µs of CPU in libuv's thread pool on these machines, the virtual disk's notifications as much again in
 * the kernel, and the handing over and back more on the event loop. In bench scenarios 1 and 2 a flush every
 * 8 ms cost 20 to 25 % more server CPU per delivered change than one every 32 ms (alternating runs; 48 and 96
 * ms saved no more). The price is at most this many milliseconds before a writer under load is told their
 * change is stored, which their page hardly sees (confirmations wait up to STORED_ACK_DELAY_MS to travel with
 * the next change anyway), and relaying it to the others does not wait for it.
 */
export const COMMIT_INTERVAL_MS = 32

export interface JournalOptions {
  root: string
  fsync: boolean
  /** Size after which the journal moves on to a new file and checkpoints the old one. */
  maxFileBytes: number
  maxRecordBytes: number
  /** Least time between the starts of two flushes (see COMMIT_INTERVAL_MS). */
  commitIntervalMs?: number
}

interface Waiting {
  documentId: string
  kind: number
  data: Uint8Array
  seq: number
}

/**
 * The appends that will share the next flush, and the one promise they all get: it resolves once they are
 * durable, or rejects if the write failed (none of them is then stored). One promise per flush rather than
 * per append; the room settles the changes that share it together.
 */
interface Batch {
  ops: Waiting[]
  done: Promise<void>
  resolve: () => void
  reject: (error: Error) => void
}

function newBatch(): Batch {
  let resolve!: () => void
  let reject!: (error: Error) => void
  const done = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { ops: [], done, resolve, reject }
}

/** What a journal file held, per document, in order; and what was damaged in it. */
/** A place in the journal: a file and an offset in it. */
export interface JournalPosition {
  file: number
  offset: number
}

function before(a: JournalPosition, b: JournalPosition): boolean {
  return a.file < b.file || (a.file === b.file && a.offset < b.offset)
}

export interface ScannedFile {
  file: number
  path: string
  entries: Map<string, Uint8Array[]>
  /** Documents removed in this file (their earlier records are dropped). */
  removed: Set<string>
  report: LoadReport
}

export function journalPath(root: string, file: number): string {
  return join(root, `journal.${String(file).padStart(6, '0')}.bin`)
}

/**
 * A flush's records, one after another in one buffer: `[u32 length][u32 crc32][kind][id length][id][data]`.
 * (Encoded in place: a buffer per record, and one per id, then joined, was four objects per keystroke.)
 */
function encodeBatch(ops: Waiting[]): Buffer {
  let total = 0
  // (Ids are plan ids, checked when their writer was made: ASCII, so a byte per character in latin1.)
  for (const op of ops) total += HEADER + 2 + op.documentId.length + op.data.length
  const bytes = Buffer.allocUnsafe(total)
  let at = 0
  for (const { kind, documentId, data } of ops) {
    const length = 2 + documentId.length + data.length
    bytes.writeUInt32LE(length, at)
    bytes[at + HEADER] = kind
    bytes[at + HEADER + 1] = documentId.length
    bytes.write(documentId, at + HEADER + 2, 'latin1')
    bytes.set(data, at + HEADER + 2 + documentId.length)
    bytes.writeUInt32LE(crc32(bytes, at + HEADER, at + HEADER + length), at + 4)
    at += HEADER + length
  }
  return bytes
}

/**
 * Reads a journal file's records into `entries` (per document, in order, with where each was), applying
 * removals and compactions recorded in it; damage (a torn tail, bad checksums, unreadable payloads) is
 * counted in the report.
 */
export function scanJournal(
  bytes: Buffer,
  file: number,
  maxRecordBytes: number,
  entries: Map<string, { at: JournalPosition; data: Uint8Array }[]>,
  removed: Set<string>,
): LoadReport {
  const report: LoadReport = { records: 0, tornBytes: 0, corruptRecords: 0 }
  let offset = 0
  while (bytes.length - offset >= HEADER) {
    const at = { file, offset }
    const length = bytes.readUInt32LE(offset)
    if (length > maxRecordBytes || offset + HEADER + length > bytes.length) break
    const payload = bytes.subarray(offset + HEADER, offset + HEADER + length)
    offset += HEADER + length
    if (crc32(payload) !== bytes.readUInt32LE(offset - length - 4) || payload.length < 2 || payload.length < 2 + payload[1]) {
      report.corruptRecords++
      continue
    }
    const documentId = payload.subarray(2, 2 + payload[1]).toString('latin1')
    const data = payload.subarray(2 + payload[1])
    const kind = payload[0]
    if (!isValidId(documentId) || (kind !== APPEND && kind !== REMOVED && kind !== COMPACTED) || (kind === COMPACTED && data.length !== 8)) {
      report.corruptRecords++
      continue
    }
    report.records++
    if (kind === REMOVED) {
      entries.delete(documentId)
      removed.add(documentId)
    } else if (kind === COMPACTED) {
      // The plan's state file holds everything appended before this position.
      const upTo = { file: data.readUInt32LE(0), offset: data.readUInt32LE(4) }
      const kept = (entries.get(documentId) ?? []).filter((entry) => !before(entry.at, upTo))
      if (kept.length > 0) entries.set(documentId, kept)
      else entries.delete(documentId)
    } else {
      removed.delete(documentId)
      const list = entries.get(documentId) ?? []
      // A copy: the entry must not keep the whole file's buffer alive.
      list.push({ at, data: new Uint8Array(data) })
      entries.set(documentId, list)
    }
  }
  report.tornBytes = bytes.length - offset
  return report
}

/** The journal files under `root`, oldest first. */
export async function journalFiles(root: string): Promise<{ file: number; path: string }[]> {
  let names: string[]
  try {
    names = await readdir(root)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  return names
    .map((name) => ({ name, match: FILE_PATTERN.exec(name) }))
    .filter((entry) => entry.match)
    .map((entry) => ({ file: Number(entry.match![1]), path: join(root, entry.name) }))
    .sort((a, b) => a.file - b.file)
}

/** Keeps a damaged journal file for inspection, out of the way of later start-ups. */
export async function setAsideJournal(path: string): Promise<void> {
  await rename(path, `${path.replace(/\.bin$/, '')}.damaged-${Date.now()}`)
}

export async function removeJournal(path: string): Promise<void> {
  await rm(path, { force: true })
}

/**
 * The writing side: one open file, a queue of appends, one flush at a time. The store decides what happens
 * to full files (checkpoints) through `rotated`.
 */
export class JournalWriter {
  private handle: FileHandle | null = null
  private size = 0
  private waiting: Batch | null = null
  private running = false
  private seq = 0
  private closed = false
  /** When the last flush started (performance.now()). */
  private lastFlushAt = -Infinity

  constructor(
    private readonly options: JournalOptions,
    /** The file being written. */
    public file: number,
    private readonly events: {
      /**
       * A record is durable: the store keeps it. `file` is the journal file it is in; `seq` orders appends
       * across the store (compaction drops the records it covers).
       */
      stored(documentId: string, file: number, seq: number, data: Uint8Array): void
      /** The journal moved on to a new file; the old one may be checkpointed. */
      rotated(oldFile: number): void
    },
  ) {}

  /** The sequence number the next append will get. */
  get nextSeq(): number {
    return this.seq + 1
  }

  append(documentId: string, data: Uint8Array): Promise<void> {
    return this.enqueue(APPEND, documentId, data)
  }

  /** Where the next record will go: everything stored so far is before it. */
  get position(): JournalPosition {
    return { file: this.file, offset: this.size }
  }

  /** Records that a document's state file holds everything stored before `upTo`. */
  compacted(documentId: string, upTo: JournalPosition): Promise<void> {
    const data = Buffer.allocUnsafe(8)
    data.writeUInt32LE(upTo.file, 0)
    data.writeUInt32LE(upTo.offset, 4)
    return this.enqueue(COMPACTED, documentId, data)
  }

  /** Records that a document is gone, so that no older record of it is read again. */
  removed(documentId: string): Promise<void> {
    return this.enqueue(REMOVED, documentId, new Uint8Array(0))
  }

  async close(): Promise<void> {
    this.closed = true
    while (this.running) await new Promise((resolve) => setImmediate(resolve))
    await this.handle?.close()
    this.handle = null
  }

  private enqueue(kind: number, documentId: string, data: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The document store is closed.'))
    const batch = (this.waiting ??= newBatch())
    batch.ops.push({ documentId, kind, data, seq: ++this.seq })
    if (!this.running) void this.drain()
    return batch.done
  }

  private async drain(): Promise<void> {
    this.running = true
    try {
      while (this.waiting) {
        const wait = this.lastFlushAt + (this.options.commitIntervalMs ?? COMMIT_INTERVAL_MS) - performance.now()
        if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait))
        // With no wait due (the last flush long ago, or slow), the flush still starts only once this round of
        // the event loop is handled: the changes read together from several sockets share it, rather than the
        // first going alone and the rest waiting an interval for the next.
        else await new Promise((resolve) => setImmediate(resolve))
        this.lastFlushAt = performance.now()
        // Group commit: everything waiting now, from every plan, shares one write and one flush.
        const batch = this.waiting
        this.waiting = null
        try {
          await this.writeBatch(batch.ops)
        } catch (error) {
          batch.reject(error as Error)
          continue
        }
        for (const op of batch.ops) {
          if (op.kind === APPEND) this.events.stored(op.documentId, this.file, op.seq, op.data)
        }
        batch.resolve()
        if (this.size >= this.options.maxFileBytes) await this.rotate().catch(() => undefined)
      }
    } finally {
      this.running = false
    }
  }

  private async openFile(): Promise<FileHandle> {
    if (this.handle) return this.handle
    // With fsync on, O_DSYNC makes each write return only once its data is on disk: one system call (and one
    // trip to libuv's thread pool) per flush instead of a write and an fdatasync.
    const flags = constants.O_RDWR | constants.O_CREAT | (this.options.fsync ? constants.O_DSYNC : 0)
    const handle = await open(journalPath(this.options.root, this.file), flags, 0o600)
    this.size = (await handle.stat()).size
    // A new file's name must be durable too, or a power cut could lose the whole file.
    if (this.size === 0 && this.options.fsync) await fsyncDir(this.options.root)
    this.handle = handle
    return handle
  }

  private async writeBatch(batch: Waiting[]): Promise<void> {
    const handle = await this.openFile()
    const bytes = encodeBatch(batch)
    try {
      let written = 0
      while (written < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, this.size + written)
        written += bytesWritten
      }
    } catch (error) {
      // Leave no partial record behind: the next batch must follow the last complete one.
      await handle.truncate(this.size).catch(() => {
        // If even that fails, move on to a new file: a torn tail there would hide later records.
        void this.rotate().catch(() => undefined)
      })
      throw error
    }
    this.size += bytes.length
  }

  /** Moves on to the next file; the old one is handed over for checkpointing. */
  private async rotate(): Promise<void> {
    const old = this.file
    const handle = this.handle
    this.handle = null
    this.file = old + 1
    this.size = 0
    await handle?.close()
    this.events.rotated(old)
  }
}
