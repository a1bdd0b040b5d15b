/**
 * The embedded document store: per document, a compacted state file and an append-only log of updates,
 * under `<root>/<documentId>/`, and one journal shared by every document (journal.ts) that takes appends.
 *
 * An append goes to the journal: appends from every plan made while a flush runs share the next write and
 * fsync (group commit), and are then kept in memory as well. When the journal file is full, and at
 * start-up for what an earlier run left, each plan's journal records are moved into its own log
 * (checkpointed). Loading reads the state, the log and the plan's journal records, in that order.
 *
 * Each record, in every file, is `[u32 length][u32 crc32][payload]` (little-endian). A record cut off by a
 * crash (a torn write) ends the file: everything before it loads. A record whose checksum does not match is
 * skipped. A damaged log or journal is set aside (renamed, never deleted) and its good records kept, so
 * new records are never appended after garbage.
 *
 * Compaction writes the new state to a temporary file, fsyncs it and renames it over the old state before
 * emptying the log, so a crash at any point leaves a loadable document.
 */
import { open, mkdir, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { isValidId } from '../../../shared/ids.ts'
import type { DocumentStore, LoadedDocument, LoadReport, StoredMark } from '../types.ts'
import { crc32 } from './crc32.ts'
import { fsyncDir, writeFileDurably } from './durable.ts'
import { journalFiles, journalPath, JournalWriter, removeJournal, scanJournal, setAsideJournal, type JournalPosition } from './journal.ts'
import { PendingRecords } from './pendingRecords.ts'

const HEADER = 8
const LOG = 'log.bin'
const STATE = 'state.bin'

export interface DocumentLogOptions {
  /** Folder holding one sub-folder per document. */
  root: string
  /** fsync every flush (default true). Off only for throwaway data. */
  fsync?: boolean
  /** Largest record accepted when reading; a larger length field is treated as damage. */
  maxRecordBytes?: number
  /** Reports damage found while loading (the log is still served); for the journal, the id is its file name. */
  onDamage?: (documentId: string, report: LoadReport) => void
  /** Size after which the shared journal moves on to a new file and checkpoints the old one. */
  maxJournalBytes?: number
  /** Least time between the starts of two journal flushes (default: journal.ts's COMMIT_INTERVAL_MS). */
  commitIntervalMs?: number
}

type Work =
  | { kind: 'compact'; state: Uint8Array; mark: LogMark | null; covers: number; upTo: JournalPosition }
  | { kind: 'task'; run: () => Promise<void> }
/** What `loadMarked` saw: the plan's generation (bumped by every compaction), its log's length, its journal records. */
interface LogMark extends StoredMark {
  generation: number
  logSize: number
  /** The newest of the plan's journal records that the load read (0: none); the state holds it and those before. */
  lastSeq: number
  upTo: JournalPosition
}

let generations = 0

type Op = Work & { resolve: () => void; reject: (error: Error) => void }

interface Writer {
  documentId: string
  dir: string
  handle: FileHandle | null
  /** Length of the log's valid content: where the next record goes. */
  size: number
  sizeKnown: boolean
  queue: Op[]
  running: boolean
  /** Bytes stored since the last compaction, in the log and in the journal. */
  appended: number
  /** Records in the journal not yet in the log, oldest first. */
  journal: PendingRecords
  /** Changes whenever what is stored is rewritten (compaction, a damaged log set aside): marks before it are stale. */
  generation: number
}

export function frame(payload: Uint8Array): Buffer {
  const record = Buffer.allocUnsafe(HEADER + payload.length)
  record.writeUInt32LE(payload.length, 0)
  record.writeUInt32LE(crc32(payload), 4)
  record.set(payload, HEADER)
  return record
}

/** Reads the records of a log or state file. */
export function readRecords(bytes: Buffer, maxRecordBytes: number): { records: Uint8Array[]; validLength: number; tornBytes: number; corruptRecords: number; damaged: boolean } {
  const records: Uint8Array[] = []
  let offset = 0
  let corruptRecords = 0
  while (offset < bytes.length) {
    if (bytes.length - offset < HEADER) break
    const length = bytes.readUInt32LE(offset)
    if (length > maxRecordBytes || offset + HEADER + length > bytes.length) break
    const payload = bytes.subarray(offset + HEADER, offset + HEADER + length)
    if (crc32(payload) === bytes.readUInt32LE(offset + 4)) {
      // Copy: the payload must not keep the whole file buffer alive.
      records.push(new Uint8Array(payload))
    } else {
      corruptRecords++
    }
    offset += HEADER + length
  }
  const tornBytes = bytes.length - offset
  return { records, validLength: offset, tornBytes, corruptRecords, damaged: tornBytes > 0 || corruptRecords > 0 }
}

export class DocumentLogStore implements DocumentStore {
  private readonly writers = new Map<string, Writer>()
  private readonly fsyncEnabled: boolean
  private readonly maxRecordBytes: number
  private closed = false
  private started: Promise<JournalWriter> | null = null
  /** The journal, once `started` has resolved. */
  private journal: JournalWriter | null = null
  /** Plans with a folder of their own (listed at start, kept up to date since): only those have files. */
  private folders: Set<string> | null = null
  /** Journal files whose records are not all in their plans' logs yet. */
  private readonly toCheckpoint = new Set<number>()
  private checkpointing: Promise<void> = Promise.resolve()

  constructor(private readonly options: DocumentLogOptions) {
    this.fsyncEnabled = options.fsync ?? true
    this.maxRecordBytes = options.maxRecordBytes ?? 256 * 1024 * 1024
  }

  async load(documentId: string): Promise<LoadedDocument> {
    const writer = this.writer(documentId)
    await this.start()
    let loaded!: LoadedDocument
    await this.enqueue(writer, { kind: 'task', run: async () => { loaded = await this.read(documentId, writer) } })
    return loaded
  }

  async loadMarked(documentId: string): Promise<LoadedDocument & { mark: StoredMark }> {
    const writer = this.writer(documentId)
    const journal = await this.start()
    let result!: LoadedDocument & { mark: StoredMark }
    await this.enqueue(writer, {
      kind: 'task',
      run: async () => {
        const loaded = await this.read(documentId, writer)
        const mark: LogMark = { documentId, generation: writer.generation, logSize: writer.size, lastSeq: writer.journal.lastSeq, upTo: journal.position }
        result = { ...loaded, mark }
      },
    })
    return result
  }

  append(documentId: string, update: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The document store is closed.'))
    try {
      this.writer(documentId)
    } catch (error) {
      return Promise.reject(error as Error)
    }
    // Once the journal is open (always, after the first load), straight to it: this runs for every keystroke.
    if (this.journal) return this.journal.append(documentId, update)
    return this.start().then((journal) => journal.append(documentId, update))
  }

  async compact(documentId: string, state: Uint8Array, mark?: StoredMark): Promise<void> {
    const writer = this.writer(documentId)
    const journal = await this.start()
    // Without a mark, every append made before this call is in `state`: its journal entries are no longer needed.
    return this.enqueue(writer, { kind: 'compact', state, mark: (mark as LogMark | undefined) ?? null, covers: journal.nextSeq - 1, upTo: journal.position })
  }

  appendedSinceCompaction(documentId: string): number {
    return this.writers.get(documentId)?.appended ?? 0
  }

  async remove(documentId: string): Promise<void> {
    const writer = this.writer(documentId)
    const journal = await this.start()
    // First, durably, that the plan is gone: no journal record of it is read again after a crash.
    await journal.removed(documentId)
    await this.enqueue(writer, {
      kind: 'task',
      run: async () => {
        await writer.handle?.close()
        writer.handle = null
        this.folders?.delete(documentId)
        await rm(writer.dir, { recursive: true, force: true })
        writer.size = 0
        writer.sizeKnown = true
        writer.appended = 0
        writer.journal.clear()
      },
    })
    this.writers.delete(documentId)
  }

  async close(): Promise<void> {
    this.closed = true
    const journal = this.started ? await this.started.catch(() => null) : null
    await journal?.close()
    await this.checkpointing
    if (journal) await this.retireJournal()
    await Promise.all([...this.writers.values()].map((writer) =>
      this.enqueue(writer, { kind: 'task', run: async () => { await writer.handle?.close(); writer.handle = null } })
        .catch(() => undefined)))
    this.writers.clear()
  }

  /**
   * Before the first operation: moves whatever journal records an earlier run left into their plans'
   * logs, then opens a new journal file after them.
   */
  private start(): Promise<JournalWriter> {
    this.started ??= (async () => {
      await mkdir(this.options.root, { recursive: true, mode: 0o700 })
      const listed = await readdir(this.options.root, { withFileTypes: true })
      this.folders = new Set(listed.filter((entry) => entry.isDirectory()).map((entry) => entry.name))
      const files = await journalFiles(this.options.root)
      const entries = new Map<string, { at: JournalPosition; data: Uint8Array }[]>()
      const removed = new Set<string>()
      const damaged: string[] = []
      for (const { file, path } of files) {
        const report = scanJournal(await readFile(path), file, this.maxRecordBytes, entries, removed)
        if (report.tornBytes > 0 || report.corruptRecords > 0) {
          this.options.onDamage?.(`journal.${file}`, report)
          damaged.push(path)
        }
      }
      for (const [id, updates] of entries) {
        const writer = this.writer(id)
        await this.enqueue(writer, { kind: 'task', run: () => this.writeBatch(writer, updates.map((entry) => entry.data)) })
      }
      // A removal whose folder a crash left behind.
      for (const id of removed) {
        this.folders.delete(id)
        await rm(join(this.options.root, id), { recursive: true, force: true })
      }
      for (const { path } of files) {
        if (damaged.includes(path)) await setAsideJournal(path)
        else await removeJournal(path)
      }
      if (files.length > 0 && this.fsyncEnabled) await fsyncDir(this.options.root)
      this.journal = new JournalWriter(
        { root: this.options.root, fsync: this.fsyncEnabled, maxFileBytes: this.options.maxJournalBytes ?? 8 * 1024 * 1024, maxRecordBytes: this.maxRecordBytes, commitIntervalMs: this.options.commitIntervalMs },
        (files.at(-1)?.file ?? 0) + 1,
        {
          stored: (documentId, file, seq, data) => {
            const writer = this.writer(documentId)
            writer.journal.push(file, seq, data)
            writer.appended += data.length
          },
          rotated: (oldFile) => {
            this.toCheckpoint.add(oldFile)
            this.checkpointing = this.checkpointing.then(() => this.checkpoint())
          },
        },
      )
      return this.journal
    })()
    return this.started
  }

  /**
   * On a clean stop: what the journal still holds for each plan (little, once the plans have been compacted
   * as they unloaded) goes into the plans' logs, and the journal files are removed, so that the next start
   * has nothing to read before the first plan opens (a few MB of journal added tens of milliseconds to the
   * first open after a restart). If any of it cannot be written, the files stay and the next start does it.
   */
  private async retireJournal(): Promise<void> {
    let failed = false
    for (const writer of [...this.writers.values()]) {
      if (writer.journal.count === 0) continue
      await this.enqueue(writer, {
        kind: 'task',
        run: async () => {
          await this.writeBatch(writer, writer.journal.updates())
          writer.journal.clear()
        },
      }).catch(() => { failed = true })
    }
    if (failed) return
    try {
      for (const { path } of await journalFiles(this.options.root)) await removeJournal(path)
      if (this.fsyncEnabled) await fsyncDir(this.options.root)
    } catch {
      // Left for the next start, which reads them again (harmlessly: Yjs updates are idempotent).
    }
  }

  /** Moves the records of full journal files into their plans' logs, then removes those files. */
  private async checkpoint(): Promise<void> {
    const files = [...this.toCheckpoint].sort((a, b) => a - b)
    if (files.length === 0 || this.closed) return
    const done = new Set(files)
    let failed = false
    // One plan at a time: a burst of hundreds of writes and flushes would queue the journal's own flush
    // behind them in libuv's thread pool, and every live change would wait.
    for (const writer of [...this.writers.values()]) {
      if (this.closed) return
      if (!writer.journal.inAnyOf(done)) continue
      await this.enqueue(writer, {
        kind: 'task',
        run: async () => {
          const moving = writer.journal.updatesIn(done)
          if (moving.length === 0) return
          try {
            await this.writeBatch(writer, moving)
          } catch {
            failed = true
            return
          }
          // (Moved, not added: what counts towards the next compaction stays the same.)
          writer.journal.removeIn(done)
        },
      }).catch(() => { failed = true })
    }
    // Kept (and tried again at the next rotation) unless every plan's records are safely in its log.
    if (failed) return
    for (const file of files) {
      await removeJournal(journalPath(this.options.root, file))
      this.toCheckpoint.delete(file)
    }
    if (this.fsyncEnabled) await fsyncDir(this.options.root).catch(() => undefined)
  }

  private writer(documentId: string): Writer {
    // (A known writer's id was checked when it was made: this runs for every keystroke.)
    let writer = this.writers.get(documentId)
    if (writer) return writer
    if (!isValidId(documentId)) throw new Error('Invalid document id.')
    writer = { generation: ++generations, documentId, dir: join(this.options.root, documentId), handle: null, size: 0, sizeKnown: false, queue: [], running: false, appended: 0, journal: new PendingRecords() }
    this.writers.set(documentId, writer)
    return writer
  }

  private enqueue(writer: Writer, op: Work): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      writer.queue.push({ ...op, resolve, reject } as Op)
      if (!writer.running) void this.drain(writer)
    })
  }

  private async drain(writer: Writer): Promise<void> {
    writer.running = true
    try {
      while (writer.queue.length > 0) {
        const head = writer.queue.shift()!
        let failure: Error | null = null
        try {
          if (head.kind === 'compact') await this.writeCompaction(writer, head)
          else await head.run()
        } catch (error) {
          failure = error as Error
        }
        if (writer.queue.length === 0) {
          // Plan logs are written rarely now (checkpoints, compaction): no file stays open for a plan that
          // is not being written, however many plans the server has opened since it started.
          await this.closeLog(writer)
          // Nothing to remember about a plan with nothing in the journal and nothing since its compaction.
          if (writer.journal.count === 0 && writer.appended === 0 && this.writers.get(writer.documentId) === writer) {
            this.writers.delete(writer.documentId)
          }
        }
        if (failure) head.reject(failure)
        else head.resolve()
      }
    } finally {
      writer.running = false
    }
  }

  private async closeLog(writer: Writer): Promise<void> {
    const handle = writer.handle
    writer.handle = null
    await handle?.close().catch(() => undefined)
  }

  /** Makes the plan's folder unless it is known to exist; true when it was made. */
  private async planFolder(writer: Writer): Promise<boolean> {
    if (this.folders?.has(writer.documentId)) return false
    const created = await ensureDir(writer.dir)
    this.folders?.add(writer.documentId)
    return created
  }

  private async logHandle(writer: Writer): Promise<FileHandle> {
    if (writer.handle) return writer.handle
    const created = await this.planFolder(writer)
    const handle = await open(join(writer.dir, LOG), 'a+', 0o600)
    if (created && this.fsyncEnabled) await fsyncDir(this.options.root)
    if (!writer.sizeKnown) {
      writer.size = (await handle.stat()).size
      writer.sizeKnown = true
    }
    writer.handle = handle
    return handle
  }

  private async writeBatch(writer: Writer, updates: Uint8Array[]): Promise<void> {
    const handle = await this.logHandle(writer)
    const bytes = updates.length === 1 ? frame(updates[0]) : Buffer.concat(updates.map(frame))
    try {
      let written = 0
      while (written < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, writer.size + written)
        written += bytesWritten
      }
      if (this.fsyncEnabled) await handle.datasync()
    } catch (error) {
      // Leave no partial record behind: the next append must follow the last complete one.
      await handle.truncate(writer.size).catch(() => {
        writer.sizeKnown = false
      })
      throw error
    }
    writer.size += bytes.length
  }

  private async writeCompaction(writer: Writer, { state, mark, covers, upTo }: Extract<Work, { kind: 'compact' }>): Promise<void> {
    // Another compaction (or a damaged log rewritten) since the mark: this state may lack what that kept.
    if (mark && mark.generation !== writer.generation) return
    await this.planFolder(writer)
    await writeFileDurably(join(writer.dir, STATE), frame(state), this.fsyncEnabled)
    if (this.fsyncEnabled) await fsyncDir(writer.dir)
    // The new state holds the log (up to the mark, if any), so that much of it can go. A crash before this
    // replays the log over the new state, which is harmless: Yjs updates are idempotent.
    const handle = await this.logHandle(writer)
    const keepFrom = mark ? mark.logSize : writer.size
    if (keepFrom >= writer.size) {
      await handle.truncate(0)
      if (this.fsyncEnabled) await handle.datasync()
      writer.size = 0
    } else {
      // Records checkpointed into the log after the mark stay, rewritten as the whole new log.
      const tail = Buffer.allocUnsafe(writer.size - keepFrom)
      await handle.read(tail, 0, tail.length, keepFrom)
      await this.closeLog(writer)
      await writeFileDurably(join(writer.dir, LOG), tail, this.fsyncEnabled)
      if (this.fsyncEnabled) await fsyncDir(writer.dir)
      writer.size = tail.length
      writer.sizeKnown = true
    }
    // So that a restart does not read the journal records the state holds (harmless, but wasteful).
    const journal = await this.start()
    await journal.compacted(writer.documentId, mark ? mark.upTo : upTo).catch(() => undefined)
    // (Records are stored in the order of their sequence numbers, so those the load read are the oldest.)
    writer.journal.removeThrough(mark ? mark.lastSeq : covers)
    writer.appended = writer.size + writer.journal.byteLength
    writer.generation = ++generations
  }

  private async read(documentId: string, writer: Writer): Promise<LoadedDocument> {
    // A plan created since the last checkpoint has no folder yet: nothing to look for. (Each file looked for
    // and missing cost a failed system call and an error object made on the event loop: when 5,000 people
    // opened 1,000 new plans at once, a tenth of the server's time.)
    const files = this.folders?.has(documentId) ? await listIfExists(writer.dir) : []
    const state = files.includes(STATE) ? await readIfExists(join(writer.dir, STATE)) : null
    const log = files.includes(LOG) ? await readIfExists(join(writer.dir, LOG)) : null
    const updates: Uint8Array[] = []
    const report: LoadReport = { records: 0, tornBytes: 0, corruptRecords: 0 }
    if (state) {
      const parsed = readRecords(state, this.maxRecordBytes)
      // The state file is written whole and renamed into place, so damage here is damage at rest.
      if (parsed.damaged) {
        report.corruptRecords += parsed.corruptRecords + (parsed.tornBytes > 0 ? 1 : 0)
      }
      updates.push(...parsed.records)
    }
    if (log) {
      const parsed = readRecords(log, this.maxRecordBytes)
      updates.push(...parsed.records)
      report.records = parsed.records.length
      report.tornBytes = parsed.tornBytes
      report.corruptRecords += parsed.corruptRecords
      if (parsed.damaged) {
        await this.setAside(writer, parsed.records)
      } else {
        writer.size = log.length
        writer.sizeKnown = true
      }
    }
    for (const update of writer.journal.updates()) updates.push(update)
    report.records += writer.journal.count
    writer.appended = (log ? writer.size : 0) + writer.journal.byteLength
    if (report.tornBytes > 0 || report.corruptRecords > 0) this.options.onDamage?.(documentId, report)
    return { updates, report }
  }

  /** Keeps a damaged log for inspection and continues from a clean copy of its good records. */
  private async setAside(writer: Writer, good: Uint8Array[]): Promise<void> {
    await writer.handle?.close()
    writer.handle = null
    const logPath = join(writer.dir, LOG)
    await rename(logPath, join(writer.dir, `log.damaged-${Date.now()}.bin`))
    const clean = Buffer.concat(good.map(frame))
    await writeFileDurably(logPath, clean, this.fsyncEnabled)
    if (this.fsyncEnabled) await fsyncDir(writer.dir)
    writer.size = clean.length
    writer.sizeKnown = true
    writer.generation = ++generations
  }
}

async function ensureDir(dir: string): Promise<boolean> {
  try {
    await stat(dir)
    return false
  } catch {
    await mkdir(dir, { recursive: true, mode: 0o700 })
    return true
  }
}

async function listIfExists(dir: string): Promise<string[]> {
  try {
    return await readdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}
