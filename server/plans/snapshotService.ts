/**
 * Snapshots, automatic versions, comparison and restore. Every method takes the caller and checks their
 * role first. Trustees see only snapshots published to trustees: for them the live plan, its versions and
 * every other snapshot do not exist (404), exactly as for a stranger.
 */
import * as Y from 'yjs'
import type { JSONContent } from '@tiptap/core'
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import {
  COMPARE_REF, STORED_REF,
  type CompareQuery, type ComparedVersion, type PlanComparison, type PublishSnapshotBody, type RestoreResult,
  type SignoffBody, type SnapshotDocument, type SnapshotSummary, type VersionDocument, type VersionSummary,
} from '../../shared/api.ts'
import { comparePlans } from '../../shared/compare/comparePlans.ts'
import { ukDateTime } from '../../shared/plan/dates.ts'
import { can, type Capability, type Role } from '../../shared/roles.ts'
import { fillEmptyFields } from '../../shared/schema/fieldTexts.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import type { Principal } from '../auth/authService.ts'
import { newId } from '../auth/secrets.ts'
import type { CollabHub } from '../collab/hub.ts'
import { serverDoc } from '../collab/serverDoc.ts'
import { Failure, notFound } from '../failure.ts'
import { planDocumentJson, planDocumentJsonFromState } from '../render/planDocument.ts'
import type { MetadataStore, SnapshotRecord, VersionRecord } from '../storage/metadata.ts'
import type { SnapshotStore } from '../storage/types.ts'
import type { PlanPdfInput } from '../render/pdf/types.ts'
import { schemaForServer } from './content.ts'
import type { PlanService } from './planService.ts'
import type { VersionKeeper } from './versionKeeper.ts'

const CACHED_DOCUMENTS = 32

interface Side {
  doc: JSONContent
  at: Date
  label: string
  ref: string
}

export class SnapshotService {
  /** Snapshots and versions never change, so their documents can be cached as read. */
  private readonly documents = new Map<string, JSONContent>()

  constructor(
    private readonly meta: MetadataStore,
    private readonly plans: PlanService,
    private readonly hub: CollabHub,
    private readonly states: SnapshotStore,
    private readonly versions: VersionKeeper,
  ) {}

  // ---- Snapshots ----

  async list(principal: Principal, planId: string): Promise<SnapshotSummary[]> {
    const { role } = await this.plans.authorise(principal, planId, 'readTrusteeSnapshots')
    const records = (await this.meta.listSnapshots(planId)).filter((record) => visibleTo(role, record))
    const summaries = await Promise.all(records.map((record) => this.summary(record)))
    return summaries.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  async publish(principal: Principal, planId: string, body: PublishSnapshotBody): Promise<SnapshotSummary> {
    const { plan } = await this.plans.authorise(principal, planId, 'publishSnapshot')
    const state = await this.hub.readDocument(planId, (doc) => Y.encodeStateAsUpdate(doc))
    const record: SnapshotRecord = {
      id: newId(), planId, name: body.name, forTrustees: body.forTrustees ?? false,
      createdAt: new Date().toISOString(), createdBy: principal.user.id,
      planTitle: plan.title, schoolName: plan.schoolName, signoff: null,
    }
    // The state first: a listed snapshot always has its content.
    await this.states.write(planId, record.id, state)
    await this.meta.createSnapshot(record)
    return this.summary(record)
  }

  async read(principal: Principal, planId: string, snapshotId: string): Promise<SnapshotDocument> {
    const record = await this.visibleSnapshot(principal, planId, snapshotId)
    return { snapshot: await this.summary(record), content: await this.document(planId, record.id) }
  }

  /** The owner asks named members (the host headteacher and the visiting leader) to approve a snapshot. */
  async requestSignoff(principal: Principal, planId: string, snapshotId: string, body: SignoffBody): Promise<SnapshotSummary> {
    await this.plans.authorise(principal, planId, 'manageSharing')
    const record = await this.meta.getSnapshot(planId, snapshotId)
    if (!record) throw notFound('snapshot')
    if (record.signoff && isApproved(record.signoff)) {
      throw new Failure('conflict', 'This snapshot is already approved. Publish a new snapshot to ask for another sign-off.')
    }
    for (const userId of body.approverIds) {
      const role = await this.plans.roleOf(planId, userId)
      if (!role || !can(role, 'publishSnapshot')) {
        throw new Failure('invalid', 'Only owners and editors of this plan can approve a snapshot.', { approverIds: 'Choose owners or editors of this plan.' })
      }
    }
    const updated = await this.meta.updateSignoff(planId, snapshotId, {
      requestedAt: new Date().toISOString(), requestedBy: principal.user.id,
      approvers: body.approverIds.map((userId) => ({ userId, approvedAt: null })),
    })
    if (!updated) throw notFound('snapshot')
    return this.summary(updated)
  }

  /** An approver named in the sign-off approves the snapshot, with their own account. */
  async approve(principal: Principal, planId: string, snapshotId: string): Promise<SnapshotSummary> {
    const { role } = await this.plans.authorise(principal, planId, 'readTrusteeSnapshots')
    const record = await this.meta.getSnapshot(planId, snapshotId)
    if (!record || !visibleTo(role, record)) throw notFound('snapshot')
    const approver = record.signoff?.approvers.find((candidate) => candidate.userId === principal.user.id)
    if (!record.signoff || !approver) throw new Failure('forbidden', 'You have not been asked to approve this snapshot.')
    if (!can(role, 'publishSnapshot')) throw new Failure('forbidden', `Your role in this plan (${role}) does not allow approving snapshots.`)
    if (approver.approvedAt) throw new Failure('conflict', 'You have already approved this snapshot.')
    const now = new Date().toISOString()
    const updated = await this.meta.updateSignoff(planId, snapshotId, {
      ...record.signoff,
      approvers: record.signoff.approvers.map((candidate) =>
        candidate.userId === principal.user.id ? { ...candidate, approvedAt: now } : candidate),
    })
    if (!updated) throw notFound('snapshot')
    return this.summary(updated)
  }

  /** What the PDF renderer needs for a snapshot: its own document, labelled with its name and sign-off. */
  async pdfInput(principal: Principal, planId: string, snapshotId: string): Promise<PlanPdfInput> {
    const { snapshot, content } = await this.read(principal, planId, snapshotId)
    const approvedBy = snapshot.signoff?.approvedAt ? snapshot.signoff.approvers.map((approver) => approver.name) : undefined
    return {
      doc: content,
      plan: { title: snapshot.planTitle, schoolName: snapshot.schoolName },
      label: { kind: 'snapshot', name: snapshot.name, takenAt: snapshot.createdAt, ...(approvedBy ? { approvedBy } : {}) },
      asOf: snapshot.createdAt,
    }
  }

  // ---- Automatic versions ----

  async listVersions(principal: Principal, planId: string): Promise<VersionSummary[]> {
    await this.authoriseHidden(principal, planId, 'writeLive')
    const records = await this.meta.listVersions(planId)
    const summaries = await Promise.all(records.map((record) => this.versionSummary(record)))
    return summaries.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  async readVersion(principal: Principal, planId: string, versionId: string): Promise<VersionDocument> {
    await this.authoriseHidden(principal, planId, 'writeLive')
    const record = await this.meta.getVersion(planId, versionId)
    if (!record) throw notFound('version')
    return { version: await this.versionSummary(record), content: await this.document(planId, record.id) }
  }

  // ---- Compare and restore ----

  async compare(principal: Principal, planId: string, query: CompareQuery): Promise<PlanComparison> {
    const from = await this.side(principal, planId, query.from)
    const to = await this.side(principal, planId, query.to)
    const diff = comparePlans(schemaForServer(), { doc: from.doc, at: from.at }, { doc: to.doc, at: to.at })
    const label = (side: Side): ComparedVersion => ({ ref: side.ref, label: side.label, at: side.at.toISOString() })
    return { from: label(from), to: label(to), ...diff }
  }

  /**
   * Brings back a snapshot or version as a new change on top of the live plan, which everyone connected
   * receives at once. The plan as it was just before is kept as a version first, so nothing is lost.
   */
  /**
   * Whether this person may do something here at all, asked before their request's body is read: someone who
   * may not is told so (403, or 404 for a trustee and the live plan), not that their body is malformed.
   */
  async mayDo(principal: Principal, planId: string, capability: Capability): Promise<void> {
    // As the action itself answers: writing the live plan (a restore) is hidden from trustees, as it is there.
    if (capability === 'writeLive') await this.authoriseHidden(principal, planId, capability)
    else await this.plans.authorise(principal, planId, capability)
  }

  async restore(principal: Principal, planId: string, source: string): Promise<RestoreResult> {
    await this.authoriseHidden(principal, planId, 'writeLive')
    const [, kind, id] = STORED_REF.exec(source) ?? []
    let target: JSONContent
    let label: string
    if (kind === 'snapshot') {
      const record = await this.visibleSnapshot(principal, planId, id)
      target = await this.document(planId, record.id)
      label = `snapshot:${record.id}`
    } else {
      const record = await this.meta.getVersion(planId, id ?? '')
      if (!record) throw notFound('version')
      target = await this.document(planId, record.id)
      label = `version:${record.id}`
    }
    const live = await this.hub.readDocument(planId, (doc) => Y.encodeStateAsUpdate(doc))
    const before = await this.versions.keepNow(planId, live, 'before-restore', label)
    await this.hub.applyServerUpdate(planId, restoreUpdate(live, target))
    const summary = await this.versionSummary(before)
    // Everyone else with the plan open sees their words change under them: they are told who did it, and
    // that what was there is kept. (The person who restored is told on the page they restored from.)
    const what = summary.restoredFrom ?? 'an earlier version'
    this.hub.tell(planId, {
      kind: 'restored',
      message: `${principal.user.name} restored ${what}, replacing what was in the plan, including any changes you had just made. `
        + 'What was there just before is kept at the top of History, so nothing is lost.',
    }, principal.user.id)
    return { before: summary }
  }

  // ---- Helpers ----

  /** Like authorise, but a trustee (who never sees the live plan) is told the plan does not exist. */
  private async authoriseHidden(principal: Principal, planId: string, capability: Capability): Promise<Role> {
    try {
      return (await this.plans.authorise(principal, planId, capability)).role
    } catch (error) {
      if (error instanceof Failure && error.kind === 'forbidden' && !can(await this.plans.roleOf(planId, principal.user.id), 'readLive')) throw notFound()
      throw error
    }
  }

  private async visibleSnapshot(principal: Principal, planId: string, snapshotId: string): Promise<SnapshotRecord> {
    const { role } = await this.plans.authorise(principal, planId, 'readTrusteeSnapshots')
    const record = await this.meta.getSnapshot(planId, snapshotId)
    if (!record || !visibleTo(role, record)) throw notFound('snapshot')
    return record
  }

  private async side(principal: Principal, planId: string, ref: string): Promise<Side> {
    const [, kind, id] = COMPARE_REF.exec(ref) ?? []
    if (kind === 'snapshot') {
      const record = await this.visibleSnapshot(principal, planId, id)
      return { doc: await this.document(planId, record.id), at: new Date(record.createdAt), label: record.name, ref }
    }
    await this.authoriseHidden(principal, planId, kind === 'version' ? 'writeLive' : 'readLive')
    if (kind === 'version') {
      const record = await this.meta.getVersion(planId, id)
      if (!record) throw notFound('version')
      return { doc: await this.document(planId, record.id), at: new Date(record.createdAt), label: 'Automatic version', ref }
    }
    const doc = await this.hub.readDocument(planId, (ydoc) => planDocumentJson(ydoc, schemaForServer()))
    return { doc, at: new Date(), label: 'Live plan', ref: 'live' }
  }

  private async document(planId: string, id: string): Promise<JSONContent> {
    const key = `${planId}/${id}`
    const cached = this.documents.get(key)
    if (cached) return cached
    const state = await this.states.read(planId, id)
    if (!state) throw new Failure('unavailable', 'The content of this version could not be read. Tell whoever runs Uplift for you.')
    const doc = planDocumentJsonFromState(state, schemaForServer())
    this.documents.set(key, doc)
    if (this.documents.size > CACHED_DOCUMENTS) this.documents.delete(this.documents.keys().next().value!)
    return doc
  }

  private async name(userId: string): Promise<string> {
    return (await this.meta.getUser(userId))?.name ?? 'Someone who has left'
  }

  private async summary(record: SnapshotRecord): Promise<SnapshotSummary> {
    const signoff = record.signoff
      ? {
        requestedAt: record.signoff.requestedAt,
        requestedBy: await this.name(record.signoff.requestedBy),
        approvers: await Promise.all(record.signoff.approvers.map(async (approver) => ({ ...approver, name: await this.name(approver.userId) }))),
        approvedAt: isApproved(record.signoff)
          ? record.signoff.approvers.map((approver) => approver.approvedAt!).sort().at(-1)!
          : null,
      }
      : null
    return {
      id: record.id, name: record.name, forTrustees: record.forTrustees, createdAt: record.createdAt,
      publishedBy: await this.name(record.createdBy), publishedById: record.createdBy,
      planTitle: record.planTitle, schoolName: record.schoolName, signoff,
    }
  }

  private async versionSummary(record: VersionRecord): Promise<VersionSummary> {
    let restoredFrom: string | undefined
    if (record.restoredFrom) {
      const [, kind, id] = STORED_REF.exec(record.restoredFrom) ?? []
      const snapshot = kind === 'snapshot' ? await this.meta.getSnapshot(record.planId, id) : undefined
      const version = kind === 'version' ? await this.meta.getVersion(record.planId, id) : undefined
      restoredFrom = snapshot ? `the snapshot “${snapshot.name}”` : version ? `the version of ${ukDateTime(version.createdAt)}` : 'an earlier version'
    }
    return {
      id: record.id, createdAt: record.createdAt, reason: record.reason,
      editors: await Promise.all(record.editorIds.map((userId) => this.name(userId))),
      ...(restoredFrom ? { restoredFrom } : {}),
    }
  }
}

function visibleTo(role: Role, record: SnapshotRecord): boolean {
  return can(role, 'readAllSnapshots') || (record.forTrustees && can(role, 'readTrusteeSnapshots'))
}

function isApproved(signoff: NonNullable<SnapshotRecord['signoff']>): boolean {
  return signoff.approvers.length > 0 && signoff.approvers.every((approver) => approver.approvedAt !== null)
}

/**
 * The Yjs update that turns the live plan (`live`, an encoded state) into `target` (ProseMirror JSON): in a
 * scratch copy the fragment is brought to the target with y-tiptap's own diffing, and only what that adds
 * beyond the live state is returned, every empty field with its text (see fieldTexts.ts). Garbage collection
 * stays on: nothing relies on old Yjs history.
 */
export function restoreUpdate(live: Uint8Array, target: JSONContent): Uint8Array {
  const scratch = serverDoc()
  try {
    Y.applyUpdate(scratch, live)
    const before = Y.encodeStateVector(scratch)
    const node = schemaForServer().nodeFromJSON(target)
    node.check()
    const fragment = scratch.getXmlFragment(PLAN_FRAGMENT)
    prosemirrorJSONToYXmlFragment(schemaForServer(), node.toJSON(), fragment)
    // (In the same change: nobody receives a restored field without its text.)
    fillEmptyFields(fragment)
    return Y.encodeStateAsUpdate(scratch, before)
  } finally {
    scratch.destroy()
  }
}
