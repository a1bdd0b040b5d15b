/** Durable file operations shared by the embedded stores. */
import { open, rename } from 'node:fs/promises'

/** Writes `bytes` to a temporary file, fsyncs it and renames it over `path`. */
export async function writeFileDurably(path: string, bytes: Uint8Array, fsync: boolean): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`
  const handle = await open(temporary, 'w', 0o600)
  try {
    await handle.writeFile(bytes)
    if (fsync) await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temporary, path)
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    await handle.close()
  }
}
