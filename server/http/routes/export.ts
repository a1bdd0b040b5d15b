// PDF export: a thin route over ExportService, which checks the role, reads the plan and queues the work.
import { pipeline } from 'node:stream/promises'
import type { Logger } from '../../collab/types.ts'
import { Failure } from '../../failure.ts'
import type { ExportService } from '../../plans/exportService.ts'
import { ExportTimeout } from '../../render/exportQueue.ts'
import { sendJson } from '../io.ts'
import type { Router } from '../router.ts'

export function exportRoutes(router: Router, exports: ExportService, log: Logger): void {
  router.add('GET', '/api/plans/:planId/export.pdf', async ({ res, principal, params }) => {
    const caller = await principal()
    let pdf
    try {
      pdf = await exports.exportLive(caller, params.planId)
    } catch (error) {
      if (error instanceof Failure) throw error
      log.error('pdf export failed', { planId: params.planId, error: (error as Error)?.message })
      sendJson(res, 500, {
        error: error instanceof ExportTimeout
          ? 'The PDF took too long to prepare, so it was stopped. The plan itself is unchanged. Try again in a moment; if it keeps happening, tell whoever runs Uplift for you.'
          : 'The PDF could not be made. The plan itself is unchanged. Try again; if it keeps happening, tell whoever runs Uplift for you.',
      })
      return
    }
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-disposition': contentDisposition(pdf.fileName),
      'cache-control': 'no-store',
    })
    try {
      await pipeline(pdf.stream, res)
    } catch (error) {
      // Headers are gone: all that is left is to cut the download short, which the browser reports.
      log.error('pdf export failed while sending', { planId: params.planId, error: (error as Error)?.message })
      res.destroy()
    }
  })
}

/** `attachment` with an ASCII name for old clients and the exact UTF-8 name for the rest (RFC 6266). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’]/g, "'").replace(/[“”]/g, '').replace(/[–—]/g, '-').replace(/£/g, 'GBP')
    .replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_')
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
