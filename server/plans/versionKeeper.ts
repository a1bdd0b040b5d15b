/**
 * Automatic versions of a plan, kept while people edit: the first change after a version starts a clock,
 * and when it runs out (VERSION_INTERVAL_SECONDS, five minutes by default) the plan as it then is becomes a
 * version, listing who edited since the last one. A plan leaving memory (everyone gone) is kept at once if
 * it changed. Versions are full Yjs states in the SnapshotStore, thinned by versionRetention.ts.
 */
import * as Y from 'yjs'
import type { VersionRecord, MetadataStore } from '../storage/metadata.ts'
import type { SnapshotStore } from '../storage/types.ts'
import type { Logger } from '../collab/types.ts'
import { newId } from '../auth/secrets.ts'
import { thinVersions } from './versionRetention.ts'

export interface VersionKeeperOptions {
  /** How long after the first change a version is taken. */
  intervalMs: number
  /** The live plan's state, for a version taken while it is loaded. */
  readState(planId: string): Promise<Uint8Array>
  now?: () => Date
}

interface Pending {
  editors: Set<string>
  timer: NodeJS.Timeout
}

export class VersionKeeper {
  private readonly pending = new Map<string, Pending>()
  /** Per plan, the work in progress: versions of one plan are written one at a time, in order. */
  private readonly tails = new Map<string, Promise<unknown>>()
  private closed = false

  constructor(
    private readonly meta: MetadataStore,
    private readonly states: SnapshotStore,
    private readonly log: Logger,
    private readonly options: VersionKeeperOptions,
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }

  /** A person's change reached the plan. */
  edited(planId: string, userId: string): void {
    if (this.closed) return
    let entry = this.pending.get(planId)
    if (!entry) {
      const timer = setTimeout(() => void this.keepLive(planId), this.options.intervalMs)
      timer.unref()
      entry = { editors: new Set(), timer }
      this.pending.set(planId, entry)
    }
    entry.editors.add(userId)
  }

  /** The plan is leaving memory: keep it now if it changed. */
  async unloading(planId: string, doc: Y.Doc): Promise<void> {
    const editors = this.take(planId)
    if (!editors) return
    await this.keep(planId, Y.encodeStateAsUpdate(doc), 'closed', editors)
  }

  /**
   * Keeps `state` as a version now (before a restore), with whoever edited since the last version.
   * Resolves once it is durable.
   */
  async keepNow(planId: string, state: Uint8Array, reason: VersionRecord['reason'], restoredFrom?: string): Promise<VersionRecord> {
    return this.keep(planId, state, reason, this.take(planId) ?? [], restoredFrom)
  }

  /** The plan was deleted: forget what was pending. */
  forget(planId: string): void {
    this.take(planId)
  }

  /** Stops the clocks; call after the hub has shut down (which keeps each changed plan as it unloads). */
  async close(): Promise<void> {
    this.closed = true
    for (const planId of [...this.pending.keys()]) this.take(planId)
    await Promise.allSettled([...this.tails.values()])
  }

  private take(planId: string): string[] | null {
    const entry = this.pending.get(planId)
    if (!entry) return null
    clearTimeout(entry.timer)
    this.pending.delete(planId)
    return [...entry.editors]
  }

  private async keepLive(planId: string): Promise<void> {
    const editors = this.take(planId)
    if (!editors) return
    try {
      // A plan deleted meanwhile is not loaded again just to be kept.
      if (!(await this.meta.getPlan(planId))) return
      await this.keep(planId, await this.options.readState(planId), 'activity', editors)
    } catch (error) {
      this.log.error('automatic version could not be kept', { planId, error: (error as Error).message })
    }
  }

  private keep(planId: string, state: Uint8Array, reason: VersionRecord['reason'], editorIds: string[], restoredFrom?: string): Promise<VersionRecord> {
    const work = (this.tails.get(planId) ?? Promise.resolve()).catch(() => undefined).then(async () => {
      const record: VersionRecord = {
        id: newId(), planId, createdAt: this.now().toISOString(), reason, editorIds,
        ...(restoredFrom ? { restoredFrom } : {}),
      }
      // The state first: a record never points at a state that is not stored.
      await this.states.write(planId, record.id, state)
      await this.meta.createVersion(record)
      await this.thin(planId)
      return record
    })
    this.tails.set(planId, work)
    void work.finally(() => { if (this.tails.get(planId) === work) this.tails.delete(planId) }).catch(() => undefined)
    return work
  }

  private async thin(planId: string): Promise<void> {
    const versions = await this.meta.listVersions(planId)
    const keep = thinVersions(versions, this.now())
    if (keep.length === versions.length) return
    const removed = await this.meta.replaceVersions(planId, keep)
    await this.states.remove(planId, removed)
  }
}
