/**
 * The plan's progress overview, beside the document: actions by status and the overdue ones with their
 * owners, targets by RAG, findings not yet addressed and missing links. Worked out from the editor's
 * document with the shared overview function, so it changes as anyone edits. Each item jumps to its block.
 * On narrower screens (tablets) it folds into a summary line that opens.
 */
import { useEffect, useId, useState, type ReactNode } from 'react'
import { formatLongDate, formatUkDate } from '../../shared/plan/dates.ts'
import type { PlanOverview } from '../../shared/plan/overview.ts'
import './overview.css'
import { ACTION_STATUSES, ACTION_STATUS_LABELS, EVALUATION_AREA_LABELS, RAG_LABELS, type Rag } from '../../shared/plan/vocabulary.ts'

const WIDE = '(min-width: 1180px)'

function useWide(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE).matches)
  useEffect(() => {
    const query = window.matchMedia(WIDE)
    const change = () => setWide(query.matches)
    query.addEventListener('change', change)
    return () => query.removeEventListener('change', change)
  }, [])
  return wide
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

export function overviewSummary(overview: PlanOverview): string {
  const parts = [
    `${plural(overview.actions.total, 'action')}, ${overview.actions.byStatus.done} done`,
    `${overview.actions.overdue.length} overdue`,
    `targets: ${overview.targets.byRag.green} green, ${overview.targets.byRag.amber} amber, ${overview.targets.byRag.red} red`,
  ]
  if (overview.findings.unaddressed.length > 0) parts.push(`${plural(overview.findings.unaddressed.length, 'finding')} not addressed`)
  return parts.join(' · ')
}

interface OverviewProps {
  overview: PlanOverview
  onJump(blockId: string): void
}

export function Overview({ overview, onJump }: OverviewProps) {
  const wide = useWide()
  const [open, setOpen] = useState(false)
  const id = useId()
  const expanded = wide || open

  return (
    <aside className={`overview${expanded ? ' overview--open' : ''}`} aria-labelledby={`${id}-heading`}>
      <div className="overview__top">
        <h2 className="overview__heading" id={`${id}-heading`}>Progress</h2>
        {!wide && (
          <button type="button" className="block-button" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen(!open)}>
            {open ? 'Hide details' : 'Show details'}
          </button>
        )}
      </div>
      {!expanded && <p className="overview__summary">{overviewSummary(overview)}</p>}
      <div className="overview__body" id={`${id}-body`} hidden={!expanded}>
        <OverviewBody overview={overview} onJump={onJump} />
      </div>
    </aside>
  )
}

function Section({ title, count, children }: { title: string; count?: ReactNode; children: ReactNode }) {
  const id = useId()
  return (
    <section className="overview__section" aria-labelledby={id}>
      <h3 className="overview__title" id={id}>{title}{count !== undefined && <span className="overview__count"> {count}</span>}</h3>
      {children}
    </section>
  )
}

/** A button that jumps to a block; `label` comes first in its name ("Go to target:"), read but not shown. */
function Jump({ id, onJump, children, label }: { id: string; onJump(id: string): void; children: ReactNode; label: string }) {
  return (
    <button type="button" className="overview__jump" onClick={() => onJump(id)}>
      <span className="visually-hidden">{label} </span>
      {children}
    </button>
  )
}

const RAG_ORDER: (Rag | 'none')[] = ['red', 'amber', 'green', 'none']

function OverviewBody({ overview, onJump }: OverviewProps) {
  const { actions, targets, findings, warnings } = overview
  const percent = (count: number) => (actions.total === 0 ? 0 : (count / actions.total) * 100)
  return (
    <div className="overview__sections">
      <Section title="Actions" count={actions.total}>
        {actions.total === 0 ? (
          <p className="overview__empty">No actions yet.</p>
        ) : (
          <>
            <div className="overview-bar" aria-hidden="true">
              {ACTION_STATUSES.map((status) => actions.byStatus[status] > 0 && (
                <span key={status} className={`overview-bar__part overview-bar__part--${status}`} style={{ width: `${percent(actions.byStatus[status])}%` }} />
              ))}
            </div>
            <dl className="overview__counts">
              {ACTION_STATUSES.map((status) => (
                <div key={status} className="overview__count-row">
                  <dt><span className={`swatch swatch--${status}`} aria-hidden="true" />{ACTION_STATUS_LABELS[status]}</dt>
                  <dd>{actions.byStatus[status]}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </Section>

      <Section title="Overdue actions" count={actions.overdue.length}>
        {actions.overdue.length === 0 ? (
          <p className="overview__empty">Nothing overdue.</p>
        ) : (
          <ul className="overview__list">
            {actions.overdue.map((action) => (
              <li key={action.id} className="overview__item overview__item--overdue">
                <Jump id={action.id} onJump={onJump} label="Go to overdue action:">
                  <span className="overview__item-title">{action.description || 'Untitled action'}</span>
                  <span className="overview__item-meta">
                    Due {formatUkDate(action.due)} · {action.owner ? `Owner: ${action.owner}` : 'No owner'}
                  </span>
                </Jump>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Targets" count={targets.total}>
        {targets.total === 0 ? (
          <p className="overview__empty">No targets yet.</p>
        ) : (
          <>
            <dl className="overview__counts overview__counts--rag">
              {RAG_ORDER.map((rag) => (
                <div key={rag} className="overview__count-row">
                  <dt><span className={`swatch swatch--${rag}`} aria-hidden="true" />{rag === 'none' ? 'No status' : RAG_LABELS[rag]}</dt>
                  <dd>{targets.byRag[rag]}</dd>
                </div>
              ))}
            </dl>
            {targets.manual > 0 && <p className="overview__note">{plural(targets.manual, 'status', 'statuses')} set by hand.</p>}
            <ul className="overview__list">
              {targets.items.map((target) => (
                <li key={target.id} className="overview__item">
                  <Jump id={target.id} onJump={onJump} label="Go to target:">
                    <span className={`pill pill--rag pill--${target.rag ?? 'none'}`}>
                      <span className="pill__dot" aria-hidden="true" />{target.rag ? RAG_LABELS[target.rag] : 'None'}
                    </span>
                    <span className="overview__item-title">{target.measure || 'Untitled target'}</span>
                    {target.manual && <span className="overview__item-meta">Status set by hand</span>}
                  </Jump>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      <Section title="Findings not yet addressed" count={findings.unaddressed.length}>
        {findings.unaddressed.length === 0 ? (
          <p className="overview__empty">{findings.inPlan === 0 ? 'No findings in the plan yet.' : `Every finding in the plan has a target (${findings.inPlan}).`}</p>
        ) : (
          <ul className="overview__list">
            {findings.unaddressed.map((finding) => (
              <li key={finding.id} className="overview__item">
                <Jump id={finding.id} onJump={onJump} label="Go to finding:">
                  <span className="overview__item-title">{finding.statement || 'Untitled finding'}</span>
                  {finding.area && <span className="overview__item-meta">{EVALUATION_AREA_LABELS[finding.area]}</span>}
                </Jump>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {(warnings.actionsWithoutTarget.length > 0 || warnings.targetsWithoutFinding.length > 0) && (
        <Section title="Missing links" count={warnings.actionsWithoutTarget.length + warnings.targetsWithoutFinding.length}>
          <ul className="overview__list">
            {warnings.actionsWithoutTarget.map((action) => (
              <li key={action.id} className="overview__item overview__item--warning">
                <Jump id={action.id} onJump={onJump} label="Go to action:">
                  <span className="overview__item-title">{action.description || 'Untitled action'}</span>
                  <span className="overview__item-meta">Action with no target</span>
                </Jump>
              </li>
            ))}
            {warnings.targetsWithoutFinding.map((target) => (
              <li key={target.id} className="overview__item overview__item--warning">
                <Jump id={target.id} onJump={onJump} label="Go to target:">
                  <span className="overview__item-title">{target.measure || 'Untitled target'}</span>
                  <span className="overview__item-meta">Target with no finding</span>
                </Jump>
              </li>
            ))}
          </ul>
        </Section>
      )}

      <p className="overview__foot">
        {overview.nextReview ? <>Next review: <strong>{formatLongDate(overview.nextReview)}</strong>. </> : `${reviewNote(overview.reviews)} `}
        Figures for {formatLongDate(overview.today)}.
      </p>
    </div>
  )
}

/** Why there is no next review to show: none in the plan, none dated, or all of them past. */
function reviewNote({ total, undated }: PlanOverview['reviews']): string {
  if (undated === 1) return total === 1 ? 'The review point has no date yet.' : 'One review point has no date yet.'
  if (undated > 1) return `${undated} review points have no date yet.`
  return total === 0 ? 'No review point planned.' : 'No review point after today.'
}
