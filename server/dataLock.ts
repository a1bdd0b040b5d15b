/**
 * One server per data folder: a lock file holding the owner's process id. A lock left by a process that
 * no longer runs (a crash) is taken over; a live one stops this server from starting.
 */
import { open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, 'uplift.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600)
      await handle.writeFile(String(process.pid))
      await handle.close()
      return async () => { await rm(path, { force: true }) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim())
      if (owner > 0 && owner !== process.pid && isRunning(owner)) {
        throw new Error(`Another Uplift server (process ${owner}) is using the data folder ${dataDir}. Stop it first, or set DATA_DIR to another folder.`)
      }
      await rm(path, { force: true })
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}.`)
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
