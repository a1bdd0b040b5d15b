// Every child process the bench starts is registered here and killed when the bench ends, however it ends;
// temporary data folders are removed then too.
import type { ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'

const children = new Set<ChildProcess>()
const folders = new Set<string>()

/** A temporary folder (a server's data) removed when the bench ends. */
export function trackFolder(folder: string): string {
  folders.add(folder)
  return folder
}

export function track(child: ChildProcess): ChildProcess {
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

export function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  children.clear()
  for (const folder of folders) {
    try {
      rmSync(folder, { recursive: true, force: true })
    } catch {
      // A server killed a moment ago may still hold it; the folder is in the system's temporary space.
    }
  }
  folders.clear()
}

let installed = false

/** Kills every tracked child on exit, Ctrl-C, termination or a crash of the bench itself. */
export function installCleanup(): void {
  if (installed) return
  installed = true
  process.on('exit', killAll)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\nbench: ${signal}, stopping every server and worker`)
      killAll()
      process.exit(130)
    })
  }
  process.on('uncaughtException', (error) => {
    console.error('bench: crashed:', error)
    killAll()
    process.exit(1)
  })
  process.on('unhandledRejection', (error) => {
    console.error('bench: unhandled rejection:', error)
    killAll()
    process.exit(1)
  })
}

/** Stops a child: SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
