// Snapshots, automatic versions, comparison and restore: thin routes over SnapshotService, which checks roles.
import { CompareQuery, PublishSnapshotBody, RestoreBody, SignoffBody } from '../../../shared/api.ts'
import { pipeline } from 'node:stream/promises'
import type { Logger } from '../../collab/types.ts'
import { Failure } from '../../failure.ts'
import type { ExportService } from '../../plans/exportService.ts'
import type { SnapshotService } from '../../plans/snapshotService.ts'
import { pdfFileName } from '../../render/fileName.ts'
import { sendJson } from '../io.ts'
import type { Router } from '../router.ts'
import { contentDisposition } from './export.ts'

export function snapshotRoutes(router: Router, snapshots: SnapshotService, exports: ExportService, log: Logger): void {
  router.add('GET', '/api/plans/:planId/snapshots', async ({ res, principal, params }) => {
    sendJson(res, 200, { snapshots: await snapshots.list(await principal(), params.planId) })
  })

  router.add('POST', '/api/plans/:planId/snapshots', async ({ res, principal, params, body }) => {
    const caller = await principal()
    await snapshots.mayDo(caller, params.planId, 'publishSnapshot')
    sendJson(res, 201, { snapshot: await snapshots.publish(caller, params.planId, await body(PublishSnapshotBody)) })
  })

  router.add('GET', '/api/plans/:planId/snapshots/:snapshotId', async ({ res, principal, params }) => {
    sendJson(res, 200, await snapshots.read(await principal(), params.planId, params.snapshotId))
  })

  router.add('POST', '/api/plans/:planId/snapshots/:snapshotId/signoff', async ({ res, principal, params, body }) => {
    const caller = await principal()
    await snapshots.mayDo(caller, params.planId, 'manageSharing')
    sendJson(res, 200, { snapshot: await snapshots.requestSignoff(caller, params.planId, params.snapshotId, await body(SignoffBody)) })
  })

  router.add('POST', '/api/plans/:planId/snapshots/:snapshotId/approve', async ({ res, principal, params }) => {
    sendJson(res, 200, { snapshot: await snapshots.approve(await principal(), params.planId, params.snapshotId) })
  })

  router.add('GET', '/api/plans/:planId/versions', async ({ res, principal, params }) => {
    sendJson(res, 200, { versions: await snapshots.listVersions(await principal(), params.planId) })
  })

  router.add('GET', '/api/plans/:planId/versions/:versionId', async ({ res, principal, params }) => {
    sendJson(res, 200, await snapshots.readVersion(await principal(), params.planId, params.versionId))
  })

  router.add('GET', '/api/plans/:planId/compare', async ({ res, principal, params, url }) => {
    const caller = await principal()
    const parsed = CompareQuery.safeParse(Object.fromEntries(url.searchParams))
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new Failure('invalid', issue?.message ?? 'Say what to compare: from and to.', { [String(issue?.path[0] ?? 'query')]: issue?.message ?? '' })
    }
    sendJson(res, 200, { comparison: await snapshots.compare(caller, params.planId, parsed.data) })
  })

  router.add('POST', '/api/plans/:planId/restore', async ({ res, principal, params, body }) => {
    const caller = await principal()
    await snapshots.mayDo(caller, params.planId, 'writeLive')
    const { source } = await body(RestoreBody)
    sendJson(res, 200, await snapshots.restore(caller, params.planId, source))
  })

  router.add('GET', '/api/plans/:planId/snapshots/:snapshotId/export.pdf', async ({ res, principal, params }) => {
    const input = await snapshots.pdfInput(await principal(), params.planId, params.snapshotId)
    let stream
    try {
      stream = await exports.renderQueued(input)
    } catch (error) {
      log.error('snapshot pdf export failed', { planId: params.planId, error: (error as Error)?.message })
      sendJson(res, 500, { error: 'The PDF could not be made. Try again; if it keeps happening, tell whoever runs Uplift for you.' })
      return
    }
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-disposition': contentDisposition(pdfFileName(input.plan.schoolName, input.plan.title, input.label)),
      'cache-control': 'no-store',
    })
    try {
      await pipeline(stream, res)
    } catch (error) {
      log.error('snapshot pdf export failed while sending', { planId: params.planId, error: (error as Error)?.message })
      res.destroy()
    }
  })
}
