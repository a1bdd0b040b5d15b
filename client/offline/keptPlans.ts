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

/** What the session remembers between visits about a plan's changes (see session.ts). */
export interface SyncRecord {
  /** Client ids this person wrote with in this plan, whose changes may not all be stored yet. */
  clients: number[]
  /** The server's stored state vector, for those clients. */
  stored: [number, number][]
  /** When the server last confirmed a change as stored (ms since the epoch). */
  lastSynced: number | null
  /** A deletion made here that the server has not yet confirmed. */
  deletesPending: boolean
  /** Whether anything written here was not yet stored by the server when last seen. */
  unsaved: boolean
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
  return read<SyncRecord>(syncKey(userId, planId))
}

export function saveSyncRecord(userId: string, planId: string, record: SyncRecord): void {
  write(syncKey(userId, planId), record)
}

/** Whether any plan kept for this person holds changes the server has not confirmed. */
export function hasUnsentChanges(userId: string): boolean {
  return Object.keys(keptPlans(userId)).some((planId) => loadSyncRecord(userId, planId)?.unsaved === true)
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
