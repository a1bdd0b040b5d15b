// What a scenario needs of a server under test, whichever server it is.

export type ServerName = 'uplift' | 'y-websocket' | 'hocuspocus' | 'relay'

/** Which client library speaks to the server. */
export type ClientProtocol = 'y-websocket' | 'hocuspocus'

/** How one client connects to one room: the provider's url, room name and query parameters. */
export interface ClientTarget {
  protocol: ClientProtocol
  url: string
  room: string
  params: Record<string, string>
  /** Uplift sends message types 100 and 101; the client registers no-op handlers for them. */
  upliftMessages: boolean
}

/**
 * A room to make, and which people will connect to it. Where the server has accounts (Uplift) each
 * person is registered once and connects with their own personal token; the first person owns the room
 * and invites the others. Peers have no accounts: everyone gets the same target.
 */
export interface RoomSpec {
  /** People (small integers) who connect to the room; the first one owns it. */
  people: number[]
  /** Content template where the server has templates (Uplift); peers start empty. */
  templateId?: string
}

export interface PreparedRoom {
  room: string
  /** The target for each person listed in the spec, by person number. */
  targets: Map<number, ClientTarget>
}

export interface ServerHandle {
  name: ServerName
  pid: number
  /** Base HTTP url (http://127.0.0.1:PORT). */
  url: string
  /** Makes rooms (plans, for Uplift) and says how each group connects to them. */
  prepareRooms(specs: RoomSpec[]): Promise<PreparedRoom[]>
  /** Graceful stop (SIGTERM), then SIGKILL after a grace period. */
  stop(): Promise<void>
  /** Everything the process printed, for error reports. */
  output(): string
  /** Warnings and errors the server logged, counted by message (servers that log JSON lines). */
  logSummary(): string[]
}

export interface StartOptions {
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  nodeFlags?: string[]
  /** Uplift only: reuse this data folder (a restart) instead of a fresh one. */
  dataDir?: string
  /** Uplift only: settings added to its environment (e.g. a short IDLE_UNLOAD_MS). */
  env?: Record<string, string>
}
