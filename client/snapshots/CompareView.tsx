import { useEffect, useState, type ReactNode } from 'react'
import type { PlanComparison } from '../../shared/api.ts'
import type { BlockChange } from '../../shared/compare/blockDiff.ts'
import { countChanges, type ActionChange, type ActionRescheduled, type StructuralChanges, type TargetDefinitionField, type TargetFieldChange, type TargetMove, type TargetRedefined } from '../../shared/compare/structure.ts'
import type { DiffSegment } from '../../shared/compare/wordDiff.ts'
import { formatUkDate } from '../../shared/plan/dates.ts'
import { withUnit } from '../../shared/plan/units.ts'
import { DIRECTION_LABELS, RAG_LABELS, type Direction, type Rag } from '../../shared/plan/vocabulary.ts'
import { api, ApiRequestError, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { formatDateTime } from '../format.ts'
import { LinkHint, ViewFrame } from './ViewFrame.tsx'

interface CompareViewProps {
  planId: string
  from: string
  to: string
  onBack(): void
}

/** What changed between two versions: the plan's structure in a summary, then the text block by block. */
export function CompareView({ planId, from, to, onBack }: CompareViewProps) {
  const [comparison, setComparison] = useState<PlanComparison | null>(null)
  const [error, setError] = useState<{ message: string; missing: boolean } | null>(null)
  /** Counts "Try again": asking again after a failure that was not a refusal (the connection, the server). */
  const [attempt, setAttempt] = useState(0)
  const [showUnchanged, setShowUnchanged] = useState(false)

  useEffect(() => {
    let live = true
    setComparison(null)
    setError(null)
    api.compare(planId, from, to).then(
      ({ comparison }) => { if (live) setComparison(comparison) },
      (failure) => {
        if (!live) return
        const status = failure instanceof ApiRequestError ? failure.status : 0
        setError({ message: errorMessage(failure), missing: status === 403 || status === 404 })
      },
    )
    return () => { live = false }
  }, [planId, from, to, attempt])

  const blocks = comparison?.blocks ?? []
  const unchanged = blocks.filter((block) => block.kind === 'unchanged').length
  const shown = showUnchanged ? blocks : blocks.filter((block) => block.kind !== 'unchanged')

  return (
    <ViewFrame className="compare" headingId="compare-title" heading={error?.missing ? 'Comparison not available' : 'What changed'} onBack={onBack}>
      {error && <p className="message message--error" role="alert">{error.message}</p>}
      {error?.missing && <LinkHint />}
      {error && !error.missing && <p><Button onClick={() => setAttempt((count) => count + 1)}>Try again</Button></p>}
      {!comparison && !error && <p className="loading" role="status">Comparing…</p>}
      {comparison && (
        <>
          <p className="compare__sides">
            From <strong>{comparison.from.label}</strong> ({formatDateTime(comparison.from.at)}) to{' '}
            <strong>{comparison.to.label}</strong> ({formatDateTime(comparison.to.at)})
          </p>
          <StructureSummary changes={comparison.structure} />
          <section className="compare__text" aria-labelledby="compare-text-title">
            <h3 id="compare-text-title">The text, block by block</h3>
            <p className="muted">
              <ins className="diff-key">Inserted text</ins> and <del className="diff-key">deleted text</del> are marked.{' '}
              {blocks.length - unchanged === 0 ? 'The text has not changed.' : `${blocks.length - unchanged} of ${blocks.length} blocks changed.`}
            </p>
            {unchanged > 0 && (
              <p>
                <label className="checkbox">
                  <input type="checkbox" checked={showUnchanged} onChange={(event) => setShowUnchanged(event.target.checked)} />
                  Show the {unchanged} unchanged {unchanged === 1 ? 'block' : 'blocks'} too
                </label>
              </p>
            )}
            <ol className="diff-blocks">
              {shown.map((block, index) => <DiffBlock key={index} block={block} />)}
            </ol>
          </section>
        </>
      )}
    </ViewFrame>
  )
}

const KIND_LABELS: Record<BlockChange['kind'], string> = {
  unchanged: 'Unchanged',
  changed: 'Changed',
  added: 'Added',
  removed: 'Removed',
}

function DiffBlock({ block }: { block: BlockChange }) {
  return (
    <li className={`diff-block diff-block--${block.kind}`}>
      <p className="diff-block__label">
        <span className={`diff-tag diff-tag--${block.kind}`}>{KIND_LABELS[block.kind]}</span> {block.label}
      </p>
      <p className="diff-block__text">
        {block.segments.length === 0 ? <span className="muted">(empty)</span> : block.segments.map((segment, index) => <Segment key={index} segment={segment} />)}
      </p>
    </li>
  )
}

function Segment({ segment }: { segment: DiffSegment }) {
  if (segment.op === 'insert') return <ins><span className="visually-hidden">[inserted: </span>{segment.text}<span className="visually-hidden">]</span></ins>
  if (segment.op === 'delete') return <del><span className="visually-hidden">[deleted: </span>{segment.text}<span className="visually-hidden">]</span></del>
  return <span>{segment.text}</span>
}

function rag(value: Rag | null): string {
  return value ? RAG_LABELS[value] : 'no status'
}

function value(move: TargetMove, side: 'before' | 'after'): string {
  const number = move[side].value
  return number === null ? 'not set' : withUnit(String(number), move.unit)
}

function actionText(action: ActionChange): string {
  const due = action.due ? ` (due ${formatUkDate(action.due)})` : ''
  return `${action.description || 'An action with no description'}${due}${action.priorityTitle ? ` — ${action.priorityTitle}` : ''}`
}

const FIELD_LABELS: Record<TargetDefinitionField, string> = {
  'measure': 'measure',
  'unit': 'unit',
  'direction': 'which way is better',
  'baselineValue': 'baseline',
  'baselineDate': 'baseline date',
  'milestones.autumn': 'autumn milestone',
  'milestones.spring': 'spring milestone',
  'milestones.summer': 'summer milestone',
  'targetValue': 'target',
  'targetDate': 'target date',
  'owner': 'owner',
}

function fieldValue(change: TargetFieldChange, side: 'before' | 'after', unit: string): string {
  const shown = change[side]
  if (shown === null || shown === '') return 'not set'
  if (typeof shown === 'number') return withUnit(String(shown), unit)
  if (change.field === 'direction') return DIRECTION_LABELS[shown as Direction]?.toLowerCase() ?? shown
  if (change.field === 'baselineDate' || change.field === 'targetDate') return formatUkDate(shown)
  return shown
}

/** One target's redefinition, field by field: "target 70% → 80%; target date 31/07/2027 → 31/12/2027; measure reworded". */
function redefinition(target: TargetRedefined): ReactNode {
  const parts = target.changes.map((change) => {
    const label = FIELD_LABELS[change.field]
    // The wording itself is in the text comparison below.
    if (change.field === 'measure') return `${label} reworded`
    return `${label} ${fieldValue(change, 'before', target.unitBefore)} → ${fieldValue(change, 'after', target.unit)}`
  })
  return <><strong>{headline(target.name)}</strong>: {parts.join('; ')}</>
}

/** A name to put before a colon: without its own full stop ("…by July 2027.: target…" reads badly). */
function headline(name: string): string {
  return name.replace(/\.\s*$/, '')
}

function rescheduled(action: ActionRescheduled): string {
  const when = (due: string | null) => (due ? formatUkDate(due) : 'no deadline')
  return `${action.description || 'An action with no description'}: due ${when(action.dueBefore)} → ${when(action.due)}${action.priorityTitle ? ` — ${action.priorityTitle}` : ''}`
}

function StructureSummary({ changes }: { changes: StructuralChanges }) {
  const total = countChanges(changes)
  return (
    <section className="compare__summary card" aria-labelledby="compare-summary-title">
      <h3 id="compare-summary-title">Summary</h3>
      {total === 0 && <p>No target, action, finding or review point was added, removed, redefined, rescheduled, rated or moved on. Any change of wording is shown below.</p>}
      <SummaryList title="Targets that moved" items={changes.targetsMoved.map((move) => (
        <>
          <strong>{headline(move.name)}</strong>: {value(move, 'before') === value(move, 'after')
            ? <>value {value(move, 'after')}</>
            : <>value {value(move, 'before')} → {value(move, 'after')}</>}
          {move.before.rag !== move.after.rag
            ? <>; RAG <RagBadge rag={move.before.rag} manual={move.before.manual} /> → <RagBadge rag={move.after.rag} manual={move.after.manual} /></>
            : <>; RAG <RagBadge rag={move.after.rag} manual={move.after.manual} /></>}
        </>
      ))} />
      <SummaryList title="Targets redefined" items={changes.targetsRedefined.map(redefinition)} />
      <SummaryList title="Targets added" items={changes.targetsAdded.map((target) => target.name)} />
      <SummaryList title="Targets removed" items={changes.targetsRemoved.map((target) => target.name)} />
      <SummaryList title="Actions completed" items={changes.actionsCompleted.map(actionText)} />
      <SummaryList title="Actions newly overdue" items={changes.actionsNewlyOverdue.map(actionText)} />
      <SummaryList title="Actions newly blocked" items={changes.actionsNewlyBlocked.map(actionText)} />
      <SummaryList title="Deadlines moved" items={changes.actionsRescheduled.map(rescheduled)} />
      <SummaryList title="Actions added" items={changes.actionsAdded.map(actionText)} />
      <SummaryList title="Actions removed" items={changes.actionsRemoved.map(actionText)} />
      <SummaryList title="Findings added" items={changes.findingsAdded.map((finding) => finding.statement || 'A finding with no statement yet')} />
      <SummaryList title="Findings closed" items={changes.findingsClosed.map((finding) =>
        `${finding.statement || 'A finding with no statement'} (${finding.how === 'removed' ? 'removed from the plan' : 'marked not in the plan'})`)} />
      <SummaryList title="Review points added" items={changes.reviewPointsAdded.map((review) => (
        <>
          {reviewName(review)}
          {review.ratings.length > 0 && <>: {review.ratings.map((rating, index) => (
            <span key={rating.priorityId}>{index > 0 && '; '}{headline(rating.priorityTitle)} <RagBadge rag={rating.rag} /></span>
          ))}</>}
        </>
      ))} />
      <SummaryList title="Priorities rated differently at a review" items={changes.reviewRatingsChanged.map((change) => (
        <>
          <strong>{headline(change.priorityTitle)}</strong> {change.date ? `at the review of ${reviewName(change)}` : `at a review with no date${change.reviewer ? ` (${change.reviewer})` : ''}`}: <RagBadge rag={change.before} none="not rated" /> → <RagBadge rag={change.after} none="not rated" />
        </>
      ))} />
    </section>
  )
}

function reviewName(review: { date: string | null; reviewer: string }): string {
  return [review.date ? formatUkDate(review.date) : 'No date', review.reviewer].filter(Boolean).join(', ')
}

/** A RAG status in words; "set by hand" when someone chose it rather than it being worked out from the figures. */
function RagBadge({ rag: value, none, manual = false }: { rag: Rag | null; none?: string; manual?: boolean }) {
  return <span className={`rag-chip rag-chip--${value ?? 'none'}`}>{value ? rag(value) : none ?? rag(value)}{value && manual ? ' (set by hand)' : ''}</span>
}

function SummaryList({ title, items }: { title: string; items: ReactNode[] }) {
  if (items.length === 0) return null
  return (
    <div className="compare__group">
      <h4>{title} ({items.length})</h4>
      <ul>{items.map((item, index) => <li key={index}>{item}</li>)}</ul>
    </div>
  )
}
