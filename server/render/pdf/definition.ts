// The whole PDF as a pdfmake document definition: cover, contents, body, running header and footer.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { renderBody } from './body.ts'
import { contentsPage } from './contents.ts'
import { coverPage } from './cover.ts'
import { coverDetails } from './details.ts'
import { flattenStyles } from './flatten.ts'
import { footerText, pageFooter, pageHeader } from './footer.ts'
import { References } from './references.ts'
import { asArtifact, tagStructure } from './structure.ts'
import { PAGE, STYLES } from './theme.ts'
import type { PlanPdfInput, RenderContext } from './types.ts'

/** The document pdfmake lays out: the plan's, with its styles resolved once per run of text (see flatten.ts). */
export function planPdfDefinition(input: PlanPdfInput): TDocumentDefinitions {
  const document = planPdfDocument(input)
  return { ...document, content: flattenStyles(document.content as Content[], STYLES, document.defaultStyle) }
}

/** The document as written, with named styles: the same PDF as planPdfDefinition's, but slower to lay out. */
export function planPdfDocument(input: PlanPdfInput): TDocumentDefinitions {
  const counters = new Map<string, number>()
  const asOf = new Date(input.asOf ?? (input.label.kind === 'live' ? input.label.exportedAt : input.label.takenAt))
  const ctx: RenderContext = {
    asOf,
    references: new References(input.doc),
    contents: [],
    nextId: (prefix) => {
      const next = (counters.get(prefix) ?? 0) + 1
      counters.set(prefix, next)
      return `${prefix}-${next}`
    },
  }
  const body = renderBody(input.doc, ctx)
  const details = coverDetails(input.doc, input.plan)
  return {
    pageSize: PAGE.size,
    pageOrientation: 'portrait',
    pageMargins: PAGE.margins,
    // A tagged PDF (see structure.ts and tagging.ts) in British English, whose viewer shows its title rather
    // than its file name. 1.7: tagging, the language and the title preference need a PDF newer than 1.3.
    version: '1.7',
    tagged: true,
    language: 'en-GB',
    displayTitle: true,
    info: {
      title: `${input.plan.title} (${input.plan.schoolName})`,
      subject: `School improvement plan. ${footerText(input.label)}.`,
      creator: 'Uplift',
      producer: 'Uplift',
    },
    defaultStyle: { font: 'Roboto', ...STYLES.body },
    styles: STYLES,
    header: asArtifact(pageHeader(input.plan.schoolName)),
    footer: asArtifact(pageFooter(input.plan.title, input.label)),
    content: tagStructure([
      ...coverPage(details, input.label),
      ...contentsPage(ctx.contents),
      ...body,
    ]),
  }
}
