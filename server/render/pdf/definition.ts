// The whole PDF as a pdfmake document definition: cover, contents, body, running header and footer.
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { renderBody } from './body.ts'
import { contentsPage } from './contents.ts'
import { coverPage } from './cover.ts'
import { coverDetails } from './details.ts'
import { footerText, pageFooter, pageHeader } from './footer.ts'
import { References } from './references.ts'
import { PAGE, STYLES } from './theme.ts'
import type { PlanPdfInput, RenderContext } from './types.ts'

export function planPdfDefinition(input: PlanPdfInput): TDocumentDefinitions {
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
    info: {
      title: `${input.plan.title} (${input.plan.schoolName})`,
      subject: `School improvement plan. ${footerText(input.label)}.`,
      creator: 'Uplift',
      producer: 'Uplift',
    },
    defaultStyle: { font: 'Roboto', ...STYLES.body },
    styles: STYLES,
    header: pageHeader(input.plan.schoolName),
    footer: pageFooter(input.plan.title, input.label),
    content: [
      ...coverPage(details, input.label),
      ...contentsPage(ctx.contents),
      ...body,
    ],
  }
}
