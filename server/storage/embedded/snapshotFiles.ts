/**
 * The embedded snapshot store: one file per state, `<root>/<documentId>/snapshots/<id>.bin`, beside the
 * plan's log (so deleting a plan's folder deletes its snapshots too). Each file is one checksummed record,
 * `[u32 length][u32 crc32][state]`, written to a temporary file, flushed and renamed into place: a crash
 * leaves either no file or the whole state, and a damaged file reads as missing rather than as garbage.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { isValidId } from '../../../shared/ids.ts'
import type { SnapshotStore } from '../types.ts'
import { frame, readRecords } from './documentLog.ts'

export interface SnapshotFilesOptions {
  /** The folder holding one sub-folder per document (the document store's root). */
  root: string
  /** fsync files and their folder (default true). */
  fsync?: boolean
}

export class SnapshotFiles implements SnapshotStore {
  private readonly fsync: boolean

  constructor(private readonly options: SnapshotFilesOptions) {
    this.fsync = options.fsync ?? true
  }

  async write(documentId: string, id: string, state: Uint8Array): Promise<void> {
    const dir = this.dir(documentId)
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const file = this.file(documentId, id)
    const temporary = `${file}.tmp-${process.pid}-${Date.now()}`
    const handle = await open(temporary, 'w', 0o600)
    try {
      await handle.writeFile(frame(state))
      if (this.fsync) await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, file)
    if (this.fsync) {
      const folder = await open(dir, 'r')
      try { await folder.sync() } finally { await folder.close() }
    }
  }

  async read(documentId: string, id: string): Promise<Uint8Array | undefined> {
    let bytes: Buffer
    try {
      bytes = await readFile(this.file(documentId, id))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
    const { records, damaged } = readRecords(bytes, bytes.length)
    return damaged || records.length !== 1 ? undefined : records[0]
  }

  async remove(documentId: string, ids: string[]): Promise<void> {
    for (const id of ids) await rm(this.file(documentId, id), { force: true })
  }

  private dir(documentId: string): string {
    if (!isValidId(documentId)) throw new Error('Invalid document id.')
    return join(this.options.root, documentId, 'snapshots')
  }

  private file(documentId: string, id: string): string {
    if (!isValidId(id)) throw new Error('Invalid snapshot id.')
    return join(this.dir(documentId), `${id}.bin`)
  }
}
