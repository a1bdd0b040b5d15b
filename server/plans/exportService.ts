/**
 * Exporting a plan to PDF: who may, what is read, and the queue it waits in. Reading the live document
 * never changes it, so a failed export leaves the plan exactly as it was.
 */
import type { Readable } from 'node:stream'
import type { Principal } from '../auth/authService.ts'
import type { CollabHub } from '../collab/hub.ts'
import { Failure, notFound } from '../failure.ts'
import type { ExportQueue } from '../render/exportQueue.ts'
import { pdfFileName } from '../render/fileName.ts'
import { planDocumentJson } from '../render/planDocument.ts'
import type { RenderedPdf } from '../render/pdf/rendered.ts'
import type { PlanPdfInput } from '../render/pdf/types.ts'
import { schemaForServer } from './content.ts'
import type { PlanService } from './planService.ts'

/** Turns a plan into PDF bytes; the signal aborts when the export's time is up. */
export type PdfRenderer = (input: PlanPdfInput, signal: AbortSignal) => Promise<RenderedPdf>

export interface PdfExport {
  fileName: string
  stream: Readable
}

export class ExportService {
  constructor(
    private readonly plans: PlanService,
    private readonly hub: CollabHub,
    private readonly queue: ExportQueue,
    private readonly render: PdfRenderer,
  ) {}

  /**
   * The live plan as a PDF, for anyone who may read it. Trustees never see the live plan, so for them it
   * does not exist (404), exactly as for a stranger.
   */
  async exportLive(principal: Principal, planId: string, now = new Date()): Promise<PdfExport> {
    try {
      await this.plans.authorise(principal, planId, 'exportLive')
    } catch (error) {
      if (error instanceof Failure && error.kind === 'forbidden') throw notFound()
      throw error
    }
    const summary = await this.plans.get(principal, planId)
    const doc = await this.hub.readDocument(planId, (ydoc) => planDocumentJson(ydoc, schemaForServer()))
    const input: PlanPdfInput = {
      doc,
      plan: { title: summary.title, schoolName: summary.schoolName, ownerName: summary.ownerName },
      label: { kind: 'live', exportedAt: now },
      asOf: now,
    }
    return { fileName: pdfFileName(summary.schoolName, summary.title, input.label), stream: await this.renderQueued(input) }
  }

  /**
   * Renders any plan input through the queue (snapshots call this with their own document and label).
   * Resolves with the stream once the first bytes exist; the queue slot is held until all of them do.
   */
  renderQueued(input: PlanPdfInput): Promise<Readable> {
    return new Promise<Readable>((resolve, reject) => {
      this.queue.run(async (signal) => {
        const rendered = await this.render(input, signal)
        resolve(rendered.stream)
        await rendered.produced
      }).catch((error: unknown) => {
        // Before the first byte: the caller hears of it. After: the stream itself has been destroyed.
        reject(error)
      })
    })
  }
}
