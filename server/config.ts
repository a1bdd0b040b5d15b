/**
 * Configuration: the only reader of process.env. Every setting has a default that works on a fresh
 * machine; `describeConfig` prints what is in force at start-up.
 */
import { resolve } from 'node:path'
import { DEFAULT_LIMITS, type CollabLimits } from './collab/types.ts'
import { COMMIT_INTERVAL_MS } from './storage/embedded/journal.ts'

export interface Config {
  host: string
  port: number
  dataDir: string
  /** Folder of the built client; not served when missing (tests of the API alone). */
  clientDir: string | null
  /** Origins allowed to open the collaboration socket and send cookie-authenticated changes. Empty: same host only. */
  allowedOrigins: string[]
  /** fsync every log flush (group commit). */
  fsync: boolean
  /** Least time between the starts of two log flushes: changes arriving meanwhile share the next one. */
  commitIntervalMs: number
  sessionDays: number
  /** scrypt cost as a power of two (N = 2^scryptLog2N). */
  scryptLog2N: number
  maxBodyBytes: number
  /** Seconds a socket may stay open before its plan is known. */
  collab: CollabLimits
  /** Behind HTTPS (directly or via a proxy): cookies are marked Secure. */
  secureCookies: boolean
  /** How long after the first change an automatic version of a plan is kept. */
  versionIntervalMs: number
}

type Env = Record<string, string | undefined>

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max} (it is "${raw}").`)
  }
  return value
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (/^(1|true|yes|on)$/i.test(raw)) return true
  if (/^(0|false|no|off)$/i.test(raw)) return false
  throw new Error(`${name} must be true or false (it is "${raw}").`)
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  return {
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    dataDir: resolve(cwd, env.DATA_DIR || 'data'),
    clientDir: resolve(cwd, env.CLIENT_DIR || 'dist/client'),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    fsync: flag(env, 'FSYNC', true),
    commitIntervalMs: integer(env, 'COMMIT_INTERVAL_MS', COMMIT_INTERVAL_MS, 0, 1000),
    sessionDays: integer(env, 'SESSION_DAYS', 14, 1, 365),
    scryptLog2N: integer(env, 'SCRYPT_LOG2N', 17, 14, 20),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    secureCookies: flag(env, 'SECURE_COOKIES', false),
    versionIntervalMs: integer(env, 'VERSION_INTERVAL_SECONDS', 300, 1, 86_400) * 1000,
    collab: {
      ...DEFAULT_LIMITS,
      maxFrameBytes: integer(env, 'MAX_FRAME_BYTES', DEFAULT_LIMITS.maxFrameBytes, 1024, 256 * 1024 * 1024),
      messagesPerSecond: integer(env, 'MESSAGES_PER_SECOND', DEFAULT_LIMITS.messagesPerSecond, 1, 100_000),
      messageBurst: integer(env, 'MESSAGE_BURST', DEFAULT_LIMITS.messageBurst, 1, 1_000_000),
      idleUnloadMs: integer(env, 'IDLE_UNLOAD_MS', DEFAULT_LIMITS.idleUnloadMs, 0, 86_400_000),
      maxConnectionsPerPerson: integer(env, 'MAX_CONNECTIONS_PER_PERSON', DEFAULT_LIMITS.maxConnectionsPerPerson, 1, 1_000_000),
      maxLoadedDocuments: integer(env, 'MAX_LOADED_PLANS', DEFAULT_LIMITS.maxLoadedDocuments, 1, 1_000_000),
      compactAfterBytes: integer(env, 'COMPACT_AFTER_BYTES', DEFAULT_LIMITS.compactAfterBytes, 1024, 1024 * 1024 * 1024),
      storageRetryMs: integer(env, 'STORAGE_RETRY_MS', DEFAULT_LIMITS.storageRetryMs, 10, 600_000),
      storedAckDelayMs: integer(env, 'STORED_ACK_DELAY_MS', DEFAULT_LIMITS.storedAckDelayMs, 0, 60_000),
      pingIntervalMs: integer(env, 'PING_INTERVAL_MS', DEFAULT_LIMITS.pingIntervalMs, 100, 3_600_000),
      offThreadUpdateBytes: integer(env, 'OFF_THREAD_UPDATE_BYTES', DEFAULT_LIMITS.offThreadUpdateBytes, 1024, 256 * 1024 * 1024),
      structsPerStep: integer(env, 'STRUCTS_PER_STEP', DEFAULT_LIMITS.structsPerStep, 10, 1_000_000),
      updateCheckBudgetMs: integer(env, 'UPDATE_CHECK_BUDGET_MS', DEFAULT_LIMITS.updateCheckBudgetMs, 50, 600_000),
    },
  }
}

export function describeConfig(config: Config): string {
  return [
    `  HOST=${config.host}  PORT=${config.port}`,
    `  DATA_DIR=${config.dataDir}`,
    `  FSYNC=${config.fsync}  COMMIT_INTERVAL_MS=${config.commitIntervalMs}  MAX_FRAME_BYTES=${config.collab.maxFrameBytes}  MESSAGES_PER_SECOND=${config.collab.messagesPerSecond}`,
    `  ALLOWED_ORIGINS=${config.allowedOrigins.join(',') || '(same host only)'}`,
  ].join('\n')
}
