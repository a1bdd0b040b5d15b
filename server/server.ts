/**
 * Builds a running Uplift server from a configuration: the only place that makes concrete things.
 * `main.ts` calls it for `npm start`; tests call it with a temporary data folder and port 0.
 */
import { mkdir } from 'node:fs/promises'
import * as Y from 'yjs'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { AuthService } from './auth/authService.ts'
import { CollabHub } from './collab/hub.ts'
import type { Logger } from './collab/types.ts'
import type { Config } from './config.ts'
import { lockDataDir } from './dataLock.ts'
import { createApp } from './http/app.ts'
import { ExportService, type PdfRenderer } from './plans/exportService.ts'
import { LAST_UPDATED_INTERVAL_MS, LastUpdatedKeeper } from './plans/lastUpdated.ts'
import { PlanService } from './plans/planService.ts'
import { retitleUpdate } from './plans/retitle.ts'
import { noticeChanges, PlanProgress } from './plans/planProgress.ts'
import { SnapshotService } from './plans/snapshotService.ts'
import { VersionKeeper } from './plans/versionKeeper.ts'
import { DEFAULT_EXPORT_LIMITS, ExportQueue, type ExportLimits } from './render/exportQueue.ts'
import { planTextLength, PdfWarmPolicy, type PdfWarmPolicyOptions } from './render/pdf/warmPolicy.ts'
import { PdfWorkerPool, type PdfWorkerOptions } from './render/pdf/workerPool.ts'
import { DocumentLogStore } from './storage/embedded/documentLog.ts'
import { LowMetadataStore } from './storage/embedded/lowMetadataStore.ts'
import { SnapshotFiles } from './storage/embedded/snapshotFiles.ts'
import type { MetadataStore } from './storage/metadata.ts'
import type { DocumentStore, SnapshotStore } from './storage/types.ts'
import { PLAN_FRAGMENT } from '../shared/ydoc.ts'

/**
 * Connections the kernel may hold, handshaken, until the server takes them (capped by the system's
 * net.core.somaxconn, 4096 on current Linux). Node's default is 511. After a restart every open page
 * reconnects at once, and a connection that finds the queue full is dropped, and tried again by the page's
 * system a second or more later. In bench scenario 3 (5,000 clients connecting at once; 7 runs alternating
 * with Node's default) the default queue overflowed 10,000 to 14,000 times and the last client synced after
 * 4.3 to 6.4 s (median 6.0); with this queue nothing overflowed, and the last synced after 3.9 to 5.2 s
 * (median 4.6), for the same CPU.
 */
export const LISTEN_BACKLOG = 4096

export interface RunningServer {
  url: string
  port: number
  hub: CollabHub
  documents: DocumentStore
  meta: MetadataStore
  /** The threads PDFs are rendered in (tests look at what it holds). */
  pdfWorkers: PdfWorkerPool
  /** Graceful stop: no new connections, everything pending stored, sockets closed as "restarting". */
  close(): Promise<void>
}

export interface ServerParts {
  /** Replaces the embedded document store (tests inject faults with the memory store). */
  documents?: DocumentStore
  /** Replaces the embedded snapshot files (snapshots and automatic versions). */
  snapshotStates?: SnapshotStore
  /** How often open connections are re-checked (expired sessions, editors past their end date). */
  accessSweepMs?: number
  /** Least time between two writes of a plan's last-updated time while it is edited (tests shorten it). */
  lastUpdatedIntervalMs?: number
  /** Replaces the PDF renderer (tests inject a failing one); by default PDFs render in worker threads. */
  renderPdf?: PdfRenderer
  exportLimits?: Partial<ExportLimits>
  /** PDF worker threads: how many are kept, for how long (tests shorten it). */
  pdfWorkers?: Partial<PdfWorkerOptions>
  /** When a PDF thread is warmed ahead of an export (tests lower the length of a long plan). */
  pdfWarmPolicy?: Partial<PdfWarmPolicyOptions>
}

export async function startServer(config: Config, log: Logger, parts: ServerParts = {}): Promise<RunningServer> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 })
  const unlock = await lockDataDir(config.dataDir)
  try {
    const meta = await LowMetadataStore.open(join(config.dataDir, 'metadata.json'))
    // Progress figures are kept per plan until a change is stored for it (see plans/planProgress.ts).
    const progress = new PlanProgress((planId, read) => hub.readDocument(planId, read))
    const documents = noticeChanges(parts.documents ?? new DocumentLogStore({
      root: join(config.dataDir, 'plans'),
      fsync: config.fsync,
      commitIntervalMs: config.commitIntervalMs,
      onDamage: (planId, report) => log.warn('damaged plan log', { planId, ...report }),
    }), (planId) => progress.changed(planId))
    const snapshotStates = parts.snapshotStates ?? new SnapshotFiles({ root: join(config.dataDir, 'plans'), fsync: config.fsync })
    const versions = new VersionKeeper(meta, snapshotStates, log, {
      intervalMs: config.versionIntervalMs,
      readState: (planId) => hub.readDocument(planId, (doc) => Y.encodeStateAsUpdate(doc)),
    })
    // A plan's "last updated" follows stored changes to its content, written at most once a minute each.
    const lastUpdated = new LastUpdatedKeeper(log, {
      intervalMs: parts.lastUpdatedIntervalMs ?? LAST_UPDATED_INTERVAL_MS,
      record: (planId, at) => plans.touch(planId, at),
    })
    const pdfWorkers = new PdfWorkerPool(parts.pdfWorkers)
    // While a long plan is being edited, a PDF thread is kept warm for the export that often follows.
    const pdfWarmth = new PdfWarmPolicy(pdfWorkers, (planId) => hub.readDocument(planId, (doc) => planTextLength(doc.getXmlFragment(PLAN_FRAGMENT))), parts.pdfWarmPolicy)
    const hub = new CollabHub(documents, config.collab, log, {
      edited: (planId, userId) => {
        versions.edited(planId, userId)
        lastUpdated.changed(planId)
        if (!parts.renderPdf) pdfWarmth.edited(planId)
      },
      changedByServer: (planId) => lastUpdated.changed(planId),
      unloading: async (planId, doc) => {
        await Promise.all([versions.unloading(planId, doc), lastUpdated.flush(planId)])
      },
    })
    const auth = new AuthService(meta, config, {
      sessionsEnded: (sessionIds) => hub.disconnect({ sessionIds }),
      tokensRevoked: (tokenIds) => hub.disconnect({ tokenIds }),
    })
    const plans = new PlanService(meta, documents, {
      accessChanged: (planId, userId, access) => hub.setAccess(planId, userId, access),
      planDeleted: (planId) => {
        versions.forget(planId)
        lastUpdated.forget(planId)
        return hub.closePlan(planId)
      },
      renamed: async (planId, before, after) => {
        // The rename itself stands whatever happens here: the text following it is a courtesy.
        try {
          const update = await hub.readDocument(planId, (doc) => retitleUpdate(Y.encodeStateAsUpdate(doc), before, after))
          if (update) await hub.applyServerUpdate(planId, update)
        } catch (error) {
          log.error('a renamed plan\'s text could not follow the new name', { planId, error: (error as Error).message })
        }
      },
    }, progress)
    const snapshots = new SnapshotService(meta, plans, hub, snapshotStates, versions)
    const exports = new ExportService(
      plans, hub, new ExportQueue({ ...DEFAULT_EXPORT_LIMITS, ...parts.exportLimits }),
      parts.renderPdf ?? ((input, signal) => pdfWorkers.render(input, signal)),
    )
    let ready = false
    const app = createApp({
      auth, plans, exports, snapshots, hub, log,
      clientDir: config.clientDir,
      allowedOrigins: config.allowedOrigins,
      maxBodyBytes: config.maxBodyBytes,
      maxFrameBytes: config.collab.maxFrameBytes,
      secureCookies: config.secureCookies,
      isReady: () => ready,
    })

    // Roles and sessions change with time (an editor's end date, a session's expiry): follow them. The hub
    // ends an editor's editing at their end date itself; this is the check behind it. Only the person whose
    // access changed is told (hub.setAccess).
    const sweep = setInterval(() => {
      void (async () => {
        await auth.sweepExpiredSessions()
        for (const access of hub.openAccess()) {
          hub.recheck(access, await plans.accessOf(access.planId, access.userId))
        }
      })().catch((error: Error) => log.error('access sweep failed', { error: error.message }))
    }, parts.accessSweepMs ?? 30_000)
    sweep.unref()

    await new Promise<void>((resolve, reject) => {
      app.server.once('error', reject)
      app.server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => resolve())
    })
    ready = true
    const port = (app.server.address() as AddressInfo).port
    const host = config.host.includes(':') ? `[${config.host}]` : config.host
    let closing: Promise<void> | null = null
    return {
      url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
      port, hub, documents, meta, pdfWorkers,
      close: () => {
        closing ??= (async () => {
          ready = false
          clearInterval(sweep)
          app.server.close()
          await hub.shutdown()
          await versions.close()
          await lastUpdated.close()
          await pdfWorkers.close()
          app.closeSockets()
          app.server.closeAllConnections()
          await documents.close()
          await meta.close()
          await unlock()
        })()
        return closing
      },
    }
  } catch (error) {
    await unlock()
    throw error
  }
}
