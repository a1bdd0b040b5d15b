/**
 * What this browser keeps for offline use, per person: the plans they have opened (each a y-indexeddb
 * database named `uplift:<userId>:<planId>`), a registry of those plans with the metadata needed to show
 * them offline, the last plan list and who was last signed in. Everything is namespaced by person, and
 * `forgetPerson` removes all of it (sign-out; a different person signing in on a shared computer).
 *
 * Small JSON lives in localStorage (synchronous, so the first render offline has it); document content
 * lives in IndexedDB.
 */
import type { PlanSummary, User } from '../../shared/api.ts'

const PREFIX = 'uplift:offline:'
const ME_KEY = `${PREFIX}me`
const PEOPLE_KEY = `${PREFIX}people`

export interface KeptPlan {
  id: string
  title: string
  schoolName: string
  role: PlanSummary['role']
  ownerName: string
  updatedAt: string
  templateId: string
  createdAt: string
  /** When the local copy was last brought up to date with the server. */
  keptAt: string
}

/** What is known of one Yjs client id this person wrote with in a plan, in this browser. */
export interface ClientSync {
  client: number
  /**
   * The highest clock written with it, as known to the tab that wrote with it. Null when not known (a record
   * kept by an earlier version of Uplift): that counts as unsaved until a page's local copy shows the clock.
   */
  written: number | null
  /** The highest clock of it the server confirmed as stored. */
  stored: number
  /** How many changes with deletions were made with it (deletions do not move a client's clock, so they are counted). */
  deletions: number
  /** How many of those the server has confirmed. */
  deletionsStored: number
}

/**
 * What the pages of this browser remember about a plan's changes, between visits and across tabs (see
 * session.ts). Every tab with the plan open saves it, so a save merges into what is there (see
 * `mergeSyncRecords`) rather than replacing it: one tab's view never hides another tab's unsent changes.
 */
export interface SyncRecord {
  /** One entry per client id whose changes may not all be stored yet (or whose deletions are not confirmed). */
  writers: ClientSync[]
  /** When the server last confirmed a change as stored (ms since the epoch). */
  lastSynced: number | null
}

/** Who is saving a record: what a tab knows beyond its own entries. */
export interface RecordWriter {
  /** Client ids the tab wrote with itself: only these may be added to the record (any other was dropped as stored). */
  own: Iterable<number>
  /** What the server told the tab it has stored, for any client id. */
  stored?: ReadonlyMap<number, number>
}

/** Whether a record says anything written in this browser is not yet stored by the server. */
export function recordUnsaved(record: SyncRecord | null): boolean {
  return record?.writers.some((entry) => !fullyStored(entry)) ?? false
}

function fullyStored(entry: ClientSync): boolean {
  return entry.written !== null && entry.written <= entry.stored && entry.deletions <= entry.deletionsStored
}

/**
 * Merges a tab's view of the record into what is saved. Every fact only grows (clocks written and stored,
 * deletions made and confirmed), so the largest value wins whichever tab saved last; a client id is dropped
 * once all of it is stored, and only the tab that wrote with it may add it again (another tab's view of it
 * is older than the drop).
 */
export function mergeSyncRecords(existing: SyncRecord | null, mine: SyncRecord, writer: RecordWriter): SyncRecord {
  const own = new Set(writer.own)
  const storedOf = (client: number, clock: number) => Math.max(clock, writer.stored?.get(client) ?? 0)
  const merged = new Map<number, ClientSync>()
  for (const entry of existing?.writers ?? []) merged.set(entry.client, { ...entry, stored: storedOf(entry.client, entry.stored) })
  for (const entry of mine.writers) {
    const previous = merged.get(entry.client)
    if (!previous) {
      if (own.has(entry.client)) merged.set(entry.client, { ...entry, stored: storedOf(entry.client, entry.stored) })
      continue
    }
    merged.set(entry.client, {
      client: entry.client,
      written: previous.written === null ? entry.written : entry.written === null ? previous.written : Math.max(previous.written, entry.written),
      stored: Math.max(previous.stored, entry.stored),
      deletions: Math.max(previous.deletions, entry.deletions),
      deletionsStored: Math.max(previous.deletionsStored, entry.deletionsStored),
    })
  }
  const lastSynced = Math.max(existing?.lastSynced ?? 0, mine.lastSynced ?? 0)
  return { writers: [...merged.values()].filter((entry) => !fullyStored(entry)), lastSynced: lastSynced > 0 ? lastSynced : null }
}

/**
 * Reads a saved record, of this shape or the one before it; anything else (another version, a hand edit)
 * is ignored rather than trusted. A client id is a 32-bit number and clocks count up from 0.
 */
export function parseSyncRecord(value: unknown): SyncRecord | null {
  if (!isObject(value)) return null
  const lastSynced = isCount(value.lastSynced) ? value.lastSynced : null
  if (Array.isArray(value.writers)) {
    const writers: ClientSync[] = []
    for (const entry of value.writers) {
      if (!isObject(entry) || !isCount(entry.client) || !isCount(entry.stored) || !isCount(entry.deletions) || !isCount(entry.deletionsStored)) continue
      if (entry.written !== null && !isCount(entry.written)) continue
      writers.push({ client: entry.client, written: entry.written, stored: entry.stored, deletions: entry.deletions, deletionsStored: entry.deletionsStored })
    }
    return { writers, lastSynced }
  }
  // The shape before: client ids and a single `unsaved` for them all. Those ids are taken as unsaved (their
  // clocks unknown) until a page's copy shows otherwise; a pending deletion is put on each of them.
  if (!Array.isArray(value.clients)) return null
  const stored = new Map<number, number>()
  if (Array.isArray(value.stored)) {
    for (const pair of value.stored) if (Array.isArray(pair) && isCount(pair[0]) && isCount(pair[1])) stored.set(pair[0], pair[1])
  }
  const unsaved = value.unsaved === true
  const deletions = value.deletesPending === true ? 1 : 0
  const clients = value.clients.filter(isCount)
  // (Changes that no client id owns are put on 0, which no doc uses in practice: they are then not forgotten.)
  if (clients.length === 0 && (unsaved || deletions > 0)) clients.push(0)
  const writers = clients.map((client) => ({
    client, written: unsaved ? null : stored.get(client) ?? 0, stored: stored.get(client) ?? 0, deletions, deletionsStored: 0,
  }))
  return { writers, lastSynced }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0
}

export function databaseName(userId: string, planId: string): string {
  return `uplift:${userId}:${planId}`
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

function read<T>(key: string): T | null {
  const text = storage()?.getItem(key)
  if (!text) return null
  try {
    return JSON.parse(text) as T
  } catch {
    return null
  }
}

function write(key: string, value: unknown): void {
  try {
    storage()?.setItem(key, JSON.stringify(value))
  } catch {
    // Storage full or refused (private browsing): offline use is then limited to this page's life.
  }
}

const registryKey = (userId: string) => `${PREFIX}${userId}:plans`
const listKey = (userId: string) => `${PREFIX}${userId}:list`
const syncKey = (userId: string, planId: string) => `${PREFIX}${userId}:sync:${planId}`

/** The person last signed in on this browser, for starting the app with no network. */
export function cachedUser(): User | null {
  return read<User>(ME_KEY)
}

export function rememberUser(user: User): void {
  write(ME_KEY, user)
  const people = new Set(read<string[]>(PEOPLE_KEY) ?? [])
  if (!people.has(user.id)) write(PEOPLE_KEY, [...people, user.id])
}

export function keptPlans(userId: string): Record<string, KeptPlan> {
  return read<Record<string, KeptPlan>>(registryKey(userId)) ?? {}
}

export function keptPlan(userId: string, planId: string): KeptPlan | null {
  return keptPlans(userId)[planId] ?? null
}

export function recordKeptPlan(userId: string, plan: PlanSummary): void {
  const registry = keptPlans(userId)
  registry[plan.id] = {
    id: plan.id, title: plan.title, schoolName: plan.schoolName, role: plan.role, ownerName: plan.ownerName,
    updatedAt: plan.updatedAt, templateId: plan.templateId, createdAt: plan.createdAt, keptAt: new Date().toISOString(),
  }
  write(registryKey(userId), registry)
}

/** Removes one plan's local copy (access removed, or the person discarded refused changes). */
export async function forgetPlan(userId: string, planId: string): Promise<void> {
  const registry = keptPlans(userId)
  delete registry[planId]
  write(registryKey(userId), registry)
  storage()?.removeItem(syncKey(userId, planId))
  await deleteDatabase(databaseName(userId, planId))
}

export function cachedPlanList(userId: string): PlanSummary[] | null {
  return read<PlanSummary[]>(listKey(userId))
}

export function rememberPlanList(userId: string, plans: PlanSummary[]): void {
  write(listKey(userId), plans)
  // Keep the registry's titles and roles current for plans kept here.
  const registry = keptPlans(userId)
  let changed = false
  for (const plan of plans) {
    const kept = registry[plan.id]
    if (kept && (kept.title !== plan.title || kept.schoolName !== plan.schoolName || kept.role !== plan.role)) {
      registry[plan.id] = { ...kept, title: plan.title, schoolName: plan.schoolName, role: plan.role }
      changed = true
    }
  }
  if (changed) write(registryKey(userId), registry)
}

export function loadSyncRecord(userId: string, planId: string): SyncRecord | null {
  return parseSyncRecord(read<unknown>(syncKey(userId, planId)))
}

/**
 * Merges a tab's record into the one saved (another tab may have saved since) and returns the result. The
 * previous shape's fields are written alongside, so a page still running the previous version reads it.
 */
export function saveSyncRecord(userId: string, planId: string, record: SyncRecord, writer: RecordWriter = { own: [] }): SyncRecord {
  const merged = mergeSyncRecords(loadSyncRecord(userId, planId), record, writer)
  write(syncKey(userId, planId), {
    ...merged,
    clients: merged.writers.map((entry) => entry.client),
    stored: merged.writers.map((entry) => [entry.client, entry.stored]),
    deletesPending: merged.writers.some((entry) => entry.deletions > entry.deletionsStored),
    unsaved: recordUnsaved(merged),
  })
  return merged
}

/** Calls `listener` when another tab changes this plan's record (the `storage` event fires in the other tabs only). */
export function watchSyncRecord(userId: string, planId: string, listener: (record: SyncRecord | null) => void): () => void {
  const key = syncKey(userId, planId)
  const handle = (event: StorageEvent) => {
    if (event.key === key || event.key === null) listener(loadSyncRecord(userId, planId))
  }
  globalThis.addEventListener?.('storage', handle)
  return () => globalThis.removeEventListener?.('storage', handle)
}

/** Whether this browser holds changes to a plan, from any tab or visit, that the server has not confirmed. */
export function planHasUnsentChanges(userId: string, planId: string): boolean {
  return recordUnsaved(loadSyncRecord(userId, planId))
}

/** Whether any plan kept for this person holds changes the server has not confirmed. */
export function hasUnsentChanges(userId: string): boolean {
  const plans = new Set(Object.keys(keptPlans(userId)))
  // Records of plans missing from the registry count too: the copy they describe is deleted by name.
  const local = storage()
  const prefix = `${PREFIX}${userId}:sync:`
  for (let index = 0; index < (local?.length ?? 0); index++) {
    const key = local?.key(index)
    if (key?.startsWith(prefix)) plans.add(key.slice(prefix.length))
  }
  return [...plans].some((planId) => planHasUnsentChanges(userId, planId))
}

/**
 * Removes everything kept in this browser for a person: their plans' databases (including any not in
 * the registry, found by name), the registry, the cached plan list, and the cached sign-in.
 */
export async function forgetPerson(userId: string, options: { keep?: (planId: string) => boolean } = {}): Promise<void> {
  const keep = options.keep ?? (() => false)
  const names = new Set(Object.keys(keptPlans(userId)).filter((planId) => !keep(planId)).map((planId) => databaseName(userId, planId)))
  try {
    for (const info of (await globalThis.indexedDB?.databases?.()) ?? []) {
      const name = info.name ?? ''
      if (name.startsWith(`uplift:${userId}:`) && !keep(name.slice(`uplift:${userId}:`.length))) names.add(name)
    }
  } catch {
    // databases() is missing in older browsers: the registry is then the list.
  }
  const local = storage()
  if (local) {
    const remaining = keptPlans(userId)
    for (const planId of Object.keys(remaining)) if (!keep(planId)) delete remaining[planId]
    const doomed: string[] = []
    for (let index = 0; index < local.length; index++) {
      const key = local.key(index)
      if (!key?.startsWith(`${PREFIX}${userId}:`)) continue
      const syncPlan = key.startsWith(`${PREFIX}${userId}:sync:`) ? key.slice(`${PREFIX}${userId}:sync:`.length) : null
      if (syncPlan && keep(syncPlan)) continue
      doomed.push(key)
    }
    for (const key of doomed) local.removeItem(key)
    if (Object.keys(remaining).length > 0) write(registryKey(userId), remaining)
    else {
      const people = (read<string[]>(PEOPLE_KEY) ?? []).filter((id) => id !== userId)
      if (people.length > 0) write(PEOPLE_KEY, people)
      else local.removeItem(PEOPLE_KEY)
    }
    if (cachedUser()?.id === userId) local.removeItem(ME_KEY)
  }
  await Promise.all([...names].map(deleteDatabase))
}

/** A different person has signed in: nothing of anyone else stays on this browser. */
export async function forgetEveryoneBut(userId: string): Promise<void> {
  const others = (read<string[]>(PEOPLE_KEY) ?? []).filter((id) => id !== userId)
  const me = cachedUser()
  if (me && me.id !== userId) others.push(me.id)
  await Promise.all([...new Set(others)].map((id) => forgetPerson(id)))
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const factory = globalThis.indexedDB
    if (!factory) return resolve()
    const request = factory.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => resolve()
    // Blocked means a page still has the database open; the deletion goes ahead once it closes.
  })
}

const SIGN_OUT_PENDING_KEY = `${PREFIX}signOutPending`

/** Signed out with no network: the server's session is ended at the next check with a network. */
export function markSignOutPending(): void {
  write(SIGN_OUT_PENDING_KEY, true)
}

export function signOutPending(): boolean {
  return read<boolean>(SIGN_OUT_PENDING_KEY) === true
}

export function clearSignOutPending(): void {
  storage()?.removeItem(SIGN_OUT_PENDING_KEY)
}
