// Starts a real Uplift server on a loopback port with a temporary data folder, for integration tests.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, type Config } from '../../server/config.ts'
import { silentLogger } from '../../server/log.ts'
import { startServer, type RunningServer, type ServerParts } from '../../server/server.ts'
import type { CollabLimits, Logger } from '../../server/collab/types.ts'

export interface TestServer extends RunningServer {
  dataDir: string
  config: Config
  /** Stops the server and removes its data folder. */
  dispose(): Promise<void>
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'uplift-test-'))
}

export async function startTestServer(options: {
  dataDir?: string
  env?: Record<string, string>
  parts?: ServerParts
  log?: Logger
  keepData?: boolean
  /** Collaboration limits that have no environment variable (a test's own). */
  collab?: Partial<CollabLimits>
} = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await makeDataDir())
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CLIENT_DIR: join(dataDir, 'no-client'),
    // The lowest cost the server accepts, to keep the suite quick; production uses 2^17.
    SCRYPT_LOG2N: '14',
    ...options.env,
  })
  Object.assign(config.collab, options.collab)
  const server = await startServer(config, options.log ?? silentLogger, options.parts)
  return {
    ...server,
    dataDir,
    config,
    dispose: async () => {
      await server.close()
      if (!options.keepData) await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** Waits until `check` passes (returns without throwing), retrying until `timeoutMs`. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, intervalMs))
    }
  }
}
