/**
 * Renders a plan to PDF in this thread: the function the live export (through the export queue) and
 * snapshots call. It knows neither HTTP nor storage: give it the document and what to print about it.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import pdfmake from 'pdfmake'
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { planPdfDefinition } from './definition.ts'
import { installTagging } from './tagging.ts'
import { TABLE_LAYOUTS } from './theme.ts'
import type { RenderedPdf } from './rendered.ts'
import type { PlanPdfInput } from './types.ts'

let configured = false

/**
 * pdfmake is one shared instance: set its fonts and policies once. The server fetches nothing for a PDF
 * (no URLs at all) and reads no file but the bundled Roboto fonts, whatever the document contains. pdfmake
 * writes no tagged PDF of its own: tagging.ts teaches it, for documents that ask (`tagged: true`).
 */
function configure(): void {
  if (configured) return
  const fontDir = join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto')
  const fonts = {
    normal: join(fontDir, 'Roboto-Regular.ttf'),
    bold: join(fontDir, 'Roboto-Medium.ttf'),
    italics: join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf'),
  }
  const allowedFiles = new Set(Object.values(fonts))
  pdfmake.setFonts({ Roboto: fonts })
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy((path) => allowedFiles.has(path))
  pdfmake.setTableLayouts(TABLE_LAYOUTS)
  installTagging()
  configured = true
}

/** The PDF as a stream (it starts once the layout is done; pages are written as they are read). */
export async function renderPlanPdf(input: PlanPdfInput): Promise<Readable> {
  return renderDefinition(planPdfDefinition(input))
}

/** Any document definition, with the fonts and policies above (tests compare definitions through it). */
export async function renderDefinition(definition: TDocumentDefinitions): Promise<Readable> {
  configure()
  const stream = (await pdfmake.createPdf(definition).getStream()) as unknown as Readable & { end(): void }
  stream.end()
  return stream
}

/** The whole PDF in memory. */
export async function renderPlanPdfBuffer(input: PlanPdfInput): Promise<Buffer> {
  const stream = await renderPlanPdf(input)
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** In this thread, as the export service expects a renderer (tests, scripts; the server uses workers). */
export async function renderPlanPdfInProcess(input: PlanPdfInput): Promise<RenderedPdf> {
  // pdfmake lays out and writes every page before the stream is returned.
  return { stream: await renderPlanPdf(input), produced: Promise.resolve() }
}
