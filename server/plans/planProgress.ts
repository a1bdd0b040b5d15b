/**
 * A plan's progress figures on the server: the overview (GET /api/plans/:id/overview) and the headline
 * figures in the plan list. Both come from the shared overview function applied to the plan's Y.Doc, so
 * they match what the editor shows beside the document.
 *
 * The plan list must not load every plan on every request, so headline figures are kept in memory per
 * plan and reused until the plan changes (a change stored for it, see `noticeChanges`, or a change
 * applied to a document already read) or the day changes (actions become overdue at midnight in England).
 * A plan nobody has changed since its figures were worked out is never loaded again for the list; after a
 * restart each plan is loaded once, at most `MAX_LOADS_PER_LIST` per request (the rest come without
 * figures and get them on a later request).
 */
import type * as Y from 'yjs'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { londonToday } from '../../shared/plan/dates.ts'
import { readPlan } from '../../shared/plan/model.ts'
import { planHeadline, planOverview, type PlanHeadline, type PlanOverview } from '../../shared/plan/overview.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import type { DocumentStore, StoredMark } from '../storage/types.ts'
import { schemaForServer } from './content.ts'

/** Reads a plan's current document (the collaboration hub's `readDocument`). */
export type ReadPlanDocument = <T>(planId: string, read: (doc: Y.Doc) => T) => Promise<T>

/** Plans loaded to work out missing figures, per plan-list request. */
export const MAX_LOADS_PER_LIST = 20

interface Cached {
  headline: PlanHeadline
  day: string
  /** The plan's change count when the figures were read. */
  version: number
}

export class PlanProgress {
  private readonly cache = new Map<string, Cached>()
  private readonly versions = new Map<string, number>()
  private readonly watched = new WeakSet<Y.Doc>()

  constructor(private readonly readDocument: ReadPlanDocument, private readonly today: () => string = () => londonToday()) {}

  /** Something of the plan changed: its figures must be worked out again. */
  changed(planId: string): void {
    this.versions.set(planId, (this.versions.get(planId) ?? 0) + 1)
  }

  forget(planId: string): void {
    this.cache.delete(planId)
    this.versions.delete(planId)
  }

  /** The overview of a plan now (loading it if needed). The caller checks access first. */
  async overview(planId: string): Promise<PlanOverview> {
    const today = this.today()
    return this.readDocument(planId, (doc) => {
      this.watch(planId, doc)
      const overview = planOverview(readPlan(yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(PLAN_FRAGMENT), schemaForServer())), today)
      this.cache.set(planId, { headline: planHeadline(overview), day: today, version: this.versions.get(planId) ?? 0 })
      return overview
    })
  }

  /**
   * Headline figures for plans, from memory where still current; others are worked out (loading at most
   * `maxLoads` plans). Plans whose figures could not be had are missing from the answer.
   */
  async headlines(planIds: string[], maxLoads = MAX_LOADS_PER_LIST): Promise<Map<string, PlanHeadline>> {
    const today = this.today()
    const result = new Map<string, PlanHeadline>()
    let loads = 0
    for (const planId of planIds) {
      const cached = this.cache.get(planId)
      if (cached && cached.day === today && cached.version === (this.versions.get(planId) ?? 0)) {
        result.set(planId, cached.headline)
        continue
      }
      if (loads >= maxLoads) continue
      loads++
      try {
        result.set(planId, planHeadline(await this.overview(planId)))
      } catch {
        // Busy or unreadable just now: the list shows the plan without figures rather than failing.
      }
    }
    return result
  }

  /** A change applied to a document already read (one stored just before it was read, say) counts too. */
  private watch(planId: string, doc: Y.Doc): void {
    if (this.watched.has(doc)) return
    this.watched.add(doc)
    doc.on('update', () => this.changed(planId))
  }
}

/**
 * The document store, telling `changed` of every change stored for a plan (a person's edit, a change made
 * by the server, a restore). Compaction counts too: it is rare, and may come with a replaced document.
 *
 * `append` runs for every keystroke, and the store may answer the appends of one flush with one promise
 * (which the room relies on to settle them together): that same promise is returned, and the plans it
 * stored are told once it settles, by one callback per promise rather than one per append.
 */
export function noticeChanges(store: DocumentStore, changed: (planId: string) => void): DocumentStore {
  return new NoticingStore(store, changed)
}

class NoticingStore implements DocumentStore {
  private latest: { stored: Promise<void>; plans: Set<string> } | null = null

  constructor(private readonly inner: DocumentStore, private readonly changed: (planId: string) => void) {}

  append(documentId: string, update: Uint8Array): Promise<void> {
    const stored = this.inner.append(documentId, update)
    if (this.latest?.stored === stored) {
      this.latest.plans.add(documentId)
      return stored
    }
    const latest = { stored, plans: new Set([documentId]) }
    this.latest = latest
    const tell = () => {
      if (this.latest === latest) this.latest = null
      for (const planId of latest.plans) this.changed(planId)
    }
    stored.then(tell, tell)
    return stored
  }

  compact(documentId: string, state: Uint8Array, mark?: StoredMark): Promise<void> {
    return this.inner.compact(documentId, state, mark).finally(() => this.changed(documentId))
  }

  load(documentId: string) { return this.inner.load(documentId) }
  loadMarked(documentId: string) { return this.inner.loadMarked(documentId) }
  appendedSinceCompaction(documentId: string) { return this.inner.appendedSinceCompaction(documentId) }
  remove(documentId: string) { return this.inner.remove(documentId) }
  close() { return this.inner.close() }
}
