// Messages between the bench (coordinator) and its client worker processes.
import type { ClientTarget } from '../servers/types.ts'

export interface ClientSpec {
  /** Global index of the client in the scenario. */
  key: number
  target: ClientTarget
}

export interface ConnectResult {
  startedAt: number
  /** Time each client (in request order) first synced, on the shared clock; NaN if it did not. */
  syncedAt: Float64Array
  /** WebSocket closes seen while connecting (refusals, resets). */
  closes: number
}

export interface ClientState {
  key: number
  room: string
  /** State vector as a sorted "client:clock" list. */
  sv: string
  /** SHA-1 of the plan body's XML (only in digests). */
  content?: string
  synced: boolean
}

export interface SendRecord {
  clientID: number
  room: string
  /** For each edit, the last clock it used, and the time it was made (same order). */
  lastClocks: Float64Array
  times: Float64Array
}

export interface Collected {
  sends: SendRecord[]
  /** Flat [clientID, fromClock, toClock, time] quadruples: remote clocks that became visible at `time`. */
  arrivals: Float64Array
}

export interface EditResult {
  edits: number
  /** This worker's event-loop delay while typing (monitorEventLoopDelay), in ms. */
  lagP99Ms: number
  lagMaxMs: number
  /** CPU time this worker used while typing, in ms. */
  cpuMs: number
}

export interface LoadResult {
  updates: number
  /** The loader's state vector once everything was applied. */
  sv: string
  synced: boolean
  /** When the last update left the loader's socket. */
  sentAt: number
  /** Uplift only: when the server said everything sent is stored; null if it did not in time (or not Uplift). */
  storedAt: number | null
}

export interface ProbeResult {
  /** From making the provider to it having synced the expected state; NaN if it did not in time. */
  ms: number
  /**
   * From making the provider to the server's answer starting to be applied (the first change arriving):
   * the server's part of a first sync, without the client's own Yjs work on what it received.
   */
  answerMs: number
  synced: boolean
  sv: string
}

export type Command =
  | { cmd: 'connect'; clients: ClientSpec[]; syncTimeoutMs: number; track: boolean }
  | { cmd: 'prepare' }
  | { cmd: 'edit'; startAt: number; durationMs: number; perSecond: number }
  | { cmd: 'states'; content: boolean }
  /** With `reset`, what was collected is forgotten (a long run collects in rounds). */
  | { cmd: 'collect'; reset?: boolean }
  /** Closes the clients with these keys (their providers and documents); the others stay. */
  | { cmd: 'disconnect'; keys: number[] }
  | { cmd: 'close' }
  | { cmd: 'generateHistory'; file: string; sessions: number; opsPerSession: number; seed: number }
  | { cmd: 'load'; target: ClientTarget; file?: string; updates?: Uint8Array[]; syncTimeoutMs: number }
  /** A fresh client; done once synced and its state covers `expectedSv` (every client's clock at least that). */
  | { cmd: 'probe'; target: ClientTarget; expectedSv: string | null; timeoutMs: number }

export type Request = Command & { id: number }

export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string }
