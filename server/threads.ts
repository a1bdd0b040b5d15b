/**
 * Starts a worker thread from a module beside the caller. Compiled (dist/server, as `npm start` runs it) the
 * thread runs the module's JavaScript; from the TypeScript sources (tsx, vitest) it starts in threadBoot.mjs,
 * which registers tsx first, since threads do not inherit the loader the server runs under.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads'

const BOOT = new URL('../server/threadBoot.mjs', import.meta.url)

/** `name` is the module's file name without extension, beside `importerUrl` (the caller's import.meta.url). */
export function startThread(importerUrl: string, name: string, options: WorkerOptions): Worker {
  if (new URL(importerUrl).pathname.endsWith('.ts')) {
    return new Worker(BOOT, { ...options, workerData: { entry: new URL(`./${name}.ts`, importerUrl).href } })
  }
  return new Worker(new URL(`./${name}.js`, importerUrl), options)
}
