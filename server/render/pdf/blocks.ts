// Structured plan blocks laid out for reading on paper: plan details as a table; findings grouped by
// evaluation area as cards; targets and each priority's actions as tables whose header rows repeat on
// every page; review points with their ratings. Statuses are a word on a pale fill (legible in black and
// white); overdue actions say "Overdue"; links between blocks print as references (F2, T1, P1.3) with pages.
import type { JSONContent } from '@tiptap/core'
import type { Node as PMNode, Schema } from '@tiptap/pm/model'
import type { Content, ContentText, TableCell } from 'pdfmake/interfaces'
import { planSchema } from '../../../shared/schema/extensions.ts'
import { formatLongDate, formatUkDate, londonToday } from '../../../shared/plan/dates.ts'
import {
  readFinding, readPlanDetails, readPriority, readReviewPoint, readTarget,
  type ActionModel, type FindingModel, type TargetModel,
} from '../../../shared/plan/model.ts'
import {
  ACTION_STATUS_LABELS, CONFIDENCE_LABELS, EVALUATION_AREAS, EVALUATION_AREA_LABELS, EVIDENCE_KIND_LABELS,
  FINDING_KIND_LABELS, INSPECTION_GRADE_LABELS, LEADER_ROLE_LABELS, PHASE_LABELS, RAG_LABELS, SAFEGUARDING_LABELS,
  type EvaluationArea, type Rag,
} from '../../../shared/plan/vocabulary.ts'
import { isOverdue } from '../../../shared/plan/overview.ts'
import { targetRag } from '../../../shared/plan/rag.ts'
import { formatFigure } from '../../../shared/plan/units.ts'
import { FIELD_NODE } from '../../../shared/schema/blockFields.ts'
import { fitsOnAPage } from './keep.ts'
import { inlineRuns } from './richText.ts'
import { COLOURS, RAG_FILLS } from './theme.ts'
import type { RenderContext } from './types.ts'

let schema: Schema | null = null
function node(json: JSONContent): PMNode {
  schema ??= planSchema()
  return schema.nodeFromJSON(json)
}

/** A field's text with its formatting (bold, italic, links, line breaks); null when empty. */
function field(block: JSONContent, name: string): ContentText[] | null {
  const found = (block.content ?? []).find((child) => child.type === FIELD_NODE && child.attrs?.name === name)
  const runs = inlineRuns(found?.content)
  return runs.some((run) => typeof run.text === 'string' && run.text.trim() !== '') ? runs : null
}

const labelled = (label: string, runs: ContentText[] | null, extra: object = {}): Content[] =>
  runs ? [{ text: [{ text: `${label}: `, bold: true }, ...runs], ...extra } as Content] : []

const muted = (text: string, extra: object = {}): Content => ({ text, style: 'small', ...extra } as Content)

/** A status word on a pale fill, for a table cell. */
function statusCell(word: string, fill: string | null, extra: Content[] = []): TableCell {
  return { stack: [{ text: word, bold: true }, ...extra], ...(fill ? { fillColor: fill } : {}) } as TableCell
}

function ragCell(rag: Rag | null, note?: string): TableCell {
  if (!rag) return statusCell('Not rated', null)
  return statusCell(RAG_LABELS[rag], RAG_FILLS[rag], note ? [muted(note)] : [])
}

function value(number: number | null, unit: string): string {
  return number === null ? '–' : formatFigure(number, unit)
}

// ---- Plan details ----

export function planDetails(json: JSONContent): Content[] {
  const details = readPlanDetails(node(json))
  const rows: TableCell[][] = []
  const row = (label: string, content: ContentText[] | string | null) => {
    if (content === null || content === '') return
    rows.push([{ text: label, style: 'label', margin: [0, 1.5, 0, 0], pdfRole: 'TH' }, typeof content === 'string' ? { text: content } : { text: content }])
  }
  row('School', field(json, 'schoolName'))
  row('URN', field(json, 'urn'))
  row('Phase', details.phase ? PHASE_LABELS[details.phase] : null)
  row('Trust or local authority', field(json, 'trust'))
  row('Plan period', planPeriod(details.periodStart, details.periodEnd))
  const leader = field(json, 'visitingLeader')
  row('Visiting leader', leader && details.visitingLeaderRole ? [...leader, { text: ` (${LEADER_ROLE_LABELS[details.visitingLeaderRole]})` }] : leader)
  row('Host headteacher', field(json, 'hostHeadteacher'))
  row('Chair of governors', field(json, 'chairOfGovernors'))
  row('Latest inspection', details.inspectionDate ? formatLongDate(details.inspectionDate) : null)
  const grades = EVALUATION_AREAS.filter((area) => details.inspectionGrades[area])
  if (grades.length > 0) {
    rows.push([{ text: 'Inspection grades', style: 'label', margin: [0, 1.5, 0, 0], pdfRole: 'TH' }, {
      table: { widths: ['*', 'auto'], body: grades.map((area) => [{ text: EVALUATION_AREA_LABELS[area], pdfRole: 'TH' }, { text: INSPECTION_GRADE_LABELS[details.inspectionGrades[area]!], bold: true }]) },
      layout: 'detailsTable',
      pdfRole: 'Table',
    }])
  }
  row('Safeguarding', details.safeguarding ? SAFEGUARDING_LABELS[details.safeguarding] : null)
  if (rows.length === 0) return []
  // No title of its own: templates put the block under a "Plan details" heading already.
  // Each row a label (its row header) and a value.
  return [{ table: { widths: [130, '*'], body: rows }, layout: 'detailsTable', pdfRole: 'Table', margin: [0, 0, 0, 12] }]
}

export function planPeriod(start: string | null, end: string | null): string | null {
  if (start && end) return `${formatLongDate(start)} to ${formatLongDate(end)}`
  if (start) return `From ${formatLongDate(start)}`
  if (end) return `Until ${formatLongDate(end)}`
  return null
}

// ---- Findings ----

/** A run of findings, grouped by evaluation area in the framework's order (findings without an area last). */
export function findings(group: JSONContent[], ctx: RenderContext): Content[] {
  const read = group.map((json) => ({ json, model: readFinding(node(json)) }))
  const areas: (EvaluationArea | null)[] = [...EVALUATION_AREAS, null]
  const out: Content[] = []
  for (const area of areas) {
    const inArea = read.filter((item) => item.model.area === area)
    if (inArea.length === 0) continue
    const title = { text: area ? EVALUATION_AREA_LABELS[area] : 'Findings without an evaluation area', style: 'h4', pdfRole: 'H4' } as Content
    const cards = inArea.map((item) => findingCard(item.json, item.model, ctx))
    // The area's name never ends a page alone: it stays with its first finding (if that fits on a page).
    if (fitsOnAPage(title, cards[0])) out.push({ stack: [title, cards[0]], unbreakable: true }, ...cards.slice(1))
    else out.push(title, ...cards)
  }
  return out
}

function findingCard(json: JSONContent, finding: FindingModel, ctx: RenderContext): Content {
  const reference = ctx.references.anchor(finding.id, 'F')
  const facts = [FINDING_KIND_LABELS[finding.kind], finding.confidence ? `confidence ${CONFIDENCE_LABELS[finding.confidence].toLowerCase()}` : null]
    .filter(Boolean).join(' · ')
  const evidence = (json.content ?? []).filter((child) => child.type === 'evidence')
  const lines: Content[] = [
    { text: [{ text: reference.text, style: 'reference' }, { text: `   ${facts}`, style: 'small' }], ...(reference.id ? { id: reference.id } : {}), margin: [0, 0, 0, 3] } as Content,
    field(json, 'statement') ? { text: field(json, 'statement')!, margin: [0, 0, 0, 3] } : muted('No statement written.'),
    ...labelled('Root cause', field(json, 'rootCause'), { margin: [0, 0, 0, 3] }),
    ...(!finding.inPlan ? labelled('Not acted on in this plan', field(json, 'notInPlanReason') ?? [{ text: 'no reason given', italics: true }], { margin: [0, 0, 0, 3] }) : []),
  ]
  if (evidence.length > 0) {
    lines.push({ text: 'Evidence', bold: true, fontSize: 9, margin: [0, 2, 0, 1] })
    lines.push({
      ul: evidence.map((item) => {
        const model = finding.evidence.find((e) => e.id === item.attrs?.id)
        const head = [model?.kind ? EVIDENCE_KIND_LABELS[model.kind] : null, model?.date ? formatUkDate(model.date) : null].filter(Boolean).join(', ')
        const source = field(item, 'source')
        const note = field(item, 'note')
        return {
          text: [
            ...(head ? [{ text: head, bold: true }] : []),
            ...(source ? [{ text: head ? ' – ' : '' }, ...source] : []),
            ...(note ? [{ text: head || source ? ': ' : '' }, ...note] : []),
            ...(!head && !source && !note ? [{ text: 'No details written.', italics: true }] : []),
          ],
        } as Content
      }),
      fontSize: 9.5,
      markerColor: COLOURS.muted,
    })
  }
  return {
    table: { widths: ['*'], body: [[{ stack: lines }]] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? 3 : 0),
      vLineColor: () => (finding.kind === 'strength' ? '#5f9e6e' : COLOURS.accent),
      paddingLeft: () => 10,
      paddingRight: () => 4,
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
    // A card stays whole on its page, unless it is too long for one.
    unbreakable: fitsOnAPage(lines),
    margin: [0, 0, 0, 8],
  } as Content
}

// ---- Targets ----

/** A run of targets as one table. */
export function targets(group: JSONContent[], ctx: RenderContext): Content[] {
  const header = ['Ref', 'Target', 'Baseline', 'Milestones', 'Target value', 'Latest', 'Status']
    .map((text) => ({ text, style: 'tableHeader' }))
  const rows: TableCell[][] = group.map((json) => targetRow(json, readTarget(node(json)), ctx))
  return [{
    table: {
      headerRows: 1, keepWithHeaderRows: fitsOnAPage(header, rows[0]) ? 1 : 0, dontBreakRows: rows.every((row) => fitsOnAPage(row)),
      widths: [24, '*', 54, 72, 62, 44, 58], body: [header, ...rows],
    },
    layout: 'planTable',
    pdfRole: 'Table',
    fontSize: 9.5,
    margin: [0, 4, 0, 12],
  } as Content]
}

function targetRow(json: JSONContent, target: TargetModel, ctx: RenderContext): TableCell[] {
  const reference = ctx.references.anchor(target.id, 'T')
  const { rag, manual, missing } = targetRag(target, londonToday(ctx.asOf))
  const milestones = (['autumn', 'spring', 'summer'] as const)
    .filter((term) => target.milestones[term] !== null)
    .map((term) => `${term[0].toUpperCase()}${term.slice(1)}: ${value(target.milestones[term], target.unit)}`)
  return [
    { ...reference, style: 'reference' } as TableCell,
    {
      stack: [
        field(json, 'measure') ? { text: field(json, 'measure')!, bold: true } : muted('No measure written.'),
        ...labelled('Source', field(json, 'dataSource'), { style: 'small' }),
        ...labelled('Owner', field(json, 'owner'), { style: 'small' }),
        muted(target.direction === 'lower' ? 'Lower is better' : 'Higher is better'),
        ...(target.linkedFindings.length > 0 ? [{ text: [{ text: 'Addresses ' }, ...ctx.references.links(target.linkedFindings)], style: 'small' } as Content] : []),
      ],
    },
    { stack: [{ text: value(target.baselineValue, target.unit) }, ...(target.baselineDate ? [muted(formatUkDate(target.baselineDate))] : [])] },
    milestones.length > 0 ? { text: milestones.join('\n') } : { text: '–' },
    { stack: [{ text: value(target.targetValue, target.unit), bold: true }, ...(target.targetDate ? [muted(`by ${formatUkDate(target.targetDate)}`)] : [])] },
    { text: value(target.currentValue, target.unit) },
    rag ? ragCell(rag, manual ? 'set by hand' : undefined) : statusCell('Not rated', null, missing ? [muted(missing)] : []),
  ]
}

// ---- Priorities and actions ----

/**
 * A priority and its actions as one table. Its title and the column headings are the table's header rows,
 * so they repeat on every page the actions run onto and can never be stranded at the foot of a page;
 * the rationale and lead follow once, kept with the first action.
 */
export function priority(json: JSONContent, ctx: RenderContext): Content[] {
  const model = readPriority(node(json))
  const reference = ctx.references.anchor(model.id, 'P')
  const title = field(json, 'title') ?? [{ text: 'Untitled priority', italics: true }]
  const titleText = title.map((run) => String(run.text)).join('')
  const columns = 6
  const span = (cell: object): TableCell[] => [{ ...cell, colSpan: columns } as TableCell, ...Array.from({ length: columns - 1 }, () => ({}))]
  const label = `Priority ${reference.text}: ${titleText}`
  // The priority's heading, in the table's first row: a cell (not a column header) holding an H3.
  const heading = span({ text: [{ text: `Priority ${reference.text}: ` }, ...title], style: 'h3', margin: [0, 0, 0, 0], pdfRole: ['TD', 'H3'] })
  // The anchor (for the contents page and links) sits in the first row that is printed once: a header
  // row is printed again on every page the table runs onto, and would report the last of them.
  const anchor = reference.id ?? ctx.nextId('priority')
  ctx.contents.push({ level: 3, label, anchor })
  const intro: Content[] = [
    ...labelled('Rationale', field(json, 'rationale'), { margin: [0, 0, 0, 2] }),
    ...labelled('Lead', field(json, 'lead')),
    ...(model.actions.length === 0 ? [muted('No actions yet.')] : []),
  ]
  const actionJson = (json.content ?? []).filter((child) => child.type === 'action')
  const rows = model.actions.map((action, i) => actionRow(actionJson[i], action, ctx))
  const anchored = { id: anchor, outline: true, outlineText: label }
  if (intro.length > 0) intro[0] = { ...(intro[0] as object), ...anchored } as unknown as Content
  else rows[0][0] = { ...(rows[0][0] as object), ...anchored } as unknown as TableCell
  const body: TableCell[][] = [heading]
  if (model.actions.length > 0) body.push(['Ref', 'Action', 'Owner', 'Due', 'Status', 'Targets'].map((text) => ({ text, style: 'tableHeader' })))
  if (intro.length > 0) body.push(span({ stack: intro, margin: [0, 2, 0, 4] }))
  body.push(...rows)
  const headerRows = model.actions.length > 0 ? 2 : 1
  const introRows = intro.length > 0 ? 1 : 0
  // The header rows, the introduction and the first action are kept together, and each action whole, as far
  // as each fits on a page (see keep.ts).
  const headerCells = body.slice(0, headerRows)
  const kept = fitsOnAPage(headerCells, body.slice(headerRows, headerRows + introRows + 1)) ? introRows + 1
    : fitsOnAPage(headerCells, body.slice(headerRows, headerRows + introRows)) ? introRows : 0
  return [{
    table: { headerRows, keepWithHeaderRows: kept, dontBreakRows: body.slice(headerRows).every((row) => fitsOnAPage(row)), widths: [30, '*', 66, 64, 62, 42], body },
    layout: {
      hLineWidth: (i: number, table: { table: { body: unknown[] } }) => (i === 0 || i === 1 ? 0 : i === 2 && headerRows === 2 ? 0.8 : i === table.table.body.length ? 0.8 : i === headerRows + introRows && introRows > 0 ? 0 : 0.4),
      vLineWidth: () => 0,
      hLineColor: (i: number, table: { table: { body: unknown[] } }) => (i === 2 || i === table.table.body.length ? COLOURS.ink : COLOURS.rule),
      fillColor: (row: number) => (row === 1 && headerRows === 2 ? COLOURS.headerFill : null),
      paddingLeft: (i: number) => (i === 0 ? 0 : 5),
      paddingRight: () => 5,
      paddingTop: (row: number) => (row === 0 ? 6 : 4),
      paddingBottom: (row: number) => (row === 0 ? 6 : 4),
    },
    pdfRole: 'Table',
    fontSize: 9.5,
    margin: [0, 6, 0, 14],
  } as Content]
}

function actionRow(json: JSONContent, action: ActionModel, ctx: RenderContext): TableCell[] {
  const reference = { text: ctx.references.label(action.id) ?? '–' }
  // Overdue as of the export (live) or the moment the snapshot was taken, in England.
  const overdue = isOverdue(action, londonToday(ctx.asOf))
  const statusFill: Record<string, string | null> = { 'done': RAG_FILLS.green, 'blocked': RAG_FILLS.red, 'in-progress': null, 'not-started': null }
  return [
    { ...reference, style: 'reference' } as TableCell,
    {
      stack: [
        field(json, 'description') ? { text: field(json, 'description')! } : muted('No action written.'),
        ...labelled('Success criteria', field(json, 'successCriteria'), { style: 'small', margin: [0, 2, 0, 0] }),
        ...labelled('Resources', field(json, 'resources'), { style: 'small' }),
      ],
    },
    field(json, 'owner') ? { text: field(json, 'owner')! } : { text: '–' },
    { stack: [{ text: action.due ? formatUkDate(action.due) : '–' }, ...(action.start ? [muted(`from ${formatUkDate(action.start)}`)] : [])] },
    overdue
      ? statusCell('Overdue', RAG_FILLS.red, [muted(ACTION_STATUS_LABELS[action.status])])
      : statusCell(ACTION_STATUS_LABELS[action.status], statusFill[action.status] ?? null),
    action.linkedTargets.length > 0 ? { text: ctx.references.links(action.linkedTargets), fontSize: 8.5 } : { text: '–' },
  ]
}

// ---- Review points ----

export function reviewPoint(json: JSONContent, ctx: RenderContext): Content[] {
  const review = readReviewPoint(node(json))
  const ratings = Object.entries(review.priorityRag)
  const heading: Content = {
    text: review.date ? `Review of ${formatLongDate(review.date)}` : 'Review (no date set)',
    style: 'h3',
    pdfRole: 'H3',
    headlineLevel: 3,
  }
  const body: Content[] = [
    ...labelled('Reviewer', field(json, 'reviewer'), { margin: [0, 0, 0, 4] }),
    ...(ratings.length > 0
      ? [{
        table: {
          headerRows: 1,
          widths: ['*', 90],
          body: [
            [{ text: 'Priority', style: 'tableHeader' }, { text: 'Rating', style: 'tableHeader' }],
            ...ratings.map(([priorityId, rag]) => [
              { text: [...ctx.references.links([priorityId]), ...(ctx.references.title(priorityId) ? [{ text: ` ${ctx.references.title(priorityId)}` }] : [])] },
              ragCell(rag),
            ]),
          ],
        },
        layout: 'planTable',
        pdfRole: 'Table',
        fontSize: 9.5,
        margin: [0, 2, 0, 6],
      } as Content]
      : []),
    ...labelled('Evidence of impact', field(json, 'impact'), { margin: [0, 0, 0, 4] }),
    ...labelled('Next steps', field(json, 'nextSteps'), { margin: [0, 0, 0, 10] }),
  ]
  // The heading stays with the reviewer and the ratings, or at least the reviewer, as far as they fit.
  const kept = fitsOnAPage(heading, body.slice(0, 2)) ? 2 : fitsOnAPage(heading, body.slice(0, 1)) ? 1 : 0
  return [{ stack: [heading, ...body.slice(0, kept)], unbreakable: true }, ...body.slice(kept)]
}
