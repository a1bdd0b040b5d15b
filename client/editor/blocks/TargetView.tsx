/** A measurable target: its figures, the trajectory's RAG status (or a manual one), and its links. */
import type { NodeViewProps } from '@tiptap/react'
import { formatUkDate } from '../../../shared/plan/dates.ts'
import { readTarget } from '../../../shared/plan/model.ts'
import { liveLinks } from '../../../shared/plan/overview.ts'
import { AMBER_TOLERANCE, targetRag } from '../../../shared/plan/rag.ts'
import { withUnit } from '../../../shared/plan/units.ts'
import { DIRECTIONS, DIRECTION_LABELS, RAGS, RAG_LABELS } from '../../../shared/plan/vocabulary.ts'
import { BlockFrame, BlockWarning } from './BlockFrame.tsx'
import { BackLinks, RagBadge } from './badges.tsx'
import { DateControl, NumberControl, SelectControl, TextControl } from './inputs.tsx'
import { LinkPicker } from './LinkPicker.tsx'
import { usePlan } from './planContext.tsx'
import { useSetAttributes } from './useSetAttributes.ts'

function shown(value: number | null, unit: string): string {
  if (value === null) return '–'
  const rounded = Math.round(value * 10) / 10
  return withUnit(String(rounded), unit)
}

export function TargetView(props: NodeViewProps) {
  const plan = usePlan()
  const set = useSetAttributes(props)
  const target = readTarget(props.node)
  const rag = targetRag(target, plan.today)
  const disabled = !plan.editable
  const unit = target.unit
  const findingIds = new Set(plan.findings.map((finding) => finding.id))
  const linked = liveLinks(target.linkedFindings, findingIds)
  const actions = plan.actionsByTarget.get(target.id) ?? []

  return (
    <BlockFrame
      view={props}
      type="target"
      title={target.measure}
      badges={<RagBadge rag={rag.rag} manual={rag.manual} />}
      after={(
        <>
          <div className="block-grid">
            <SelectControl label="Which way is better" value={target.direction} options={DIRECTIONS} labels={DIRECTION_LABELS} emptyLabel={null} disabled={disabled}
              onChange={(direction) => set({ direction })} />
            <TextControl label="Unit" hint={disabled ? undefined : "For example % or pupils"} value={unit} maxLength={16} disabled={disabled} onChange={(value) => set({ unit: value })} />
          </div>
          <div className="block-grid block-grid--figures">
            <NumberControl label="Baseline value" value={target.baselineValue} unit={unit} disabled={disabled} onChange={(value) => set({ baselineValue: value })} />
            <DateControl label="Baseline date" value={target.baselineDate} disabled={disabled} onChange={(value) => set({ baselineDate: value })} />
            <NumberControl label="Target value" value={target.targetValue} unit={unit} disabled={disabled} onChange={(value) => set({ targetValue: value })} />
            <DateControl label="Target date" value={target.targetDate} disabled={disabled} onChange={(value) => set({ targetDate: value })} />
          </div>
          <div className="block-grid block-grid--figures">
            <NumberControl label="Autumn milestone" hint="By 31 December" value={target.milestones.autumn} unit={unit} disabled={disabled} onChange={(value) => set({ milestoneAutumn: value })} />
            <NumberControl label="Spring milestone" hint="By 31 March" value={target.milestones.spring} unit={unit} disabled={disabled} onChange={(value) => set({ milestoneSpring: value })} />
            <NumberControl label="Summer milestone" hint="By 31 July" value={target.milestones.summer} unit={unit} disabled={disabled} onChange={(value) => set({ milestoneSummer: value })} />
            <NumberControl label="Current value" value={target.currentValue} unit={unit} disabled={disabled} onChange={(value) => set({ currentValue: value })} />
          </div>
          <div className="target-status">
            <div className="target-status__text">
              <p className="target-status__heading">Status</p>
              {rag.missing && !rag.manual ? (
                <p>No status yet. {plan.editable ? rag.missing : 'Its figures are not all filled in.'}</p>
              ) : (
                <p>
                  {rag.expected !== null && (
                    <>Expected by {plan.fixedDay ? formatUkDate(plan.today) : `today (${formatUkDate(plan.today)})`}: {shown(rag.expected, unit)}. Current: {shown(target.currentValue, unit)}. </>
                  )}
                  {rag.manual
                    ? <>Set by hand to <strong>{RAG_LABELS[rag.rag!]}</strong>{rag.computed ? ` (the trajectory says ${RAG_LABELS[rag.computed]})` : ''}.</>
                    : <>Green when on or ahead of the trajectory, amber when behind by up to {AMBER_TOLERANCE * 100}% of the planned improvement, red beyond that.</>}
                </p>
              )}
            </div>
            <SelectControl label="Set status by hand" value={target.ragOverride} options={RAGS} labels={RAG_LABELS} emptyLabel="No: from the trajectory" disabled={disabled}
              onChange={(ragOverride) => set({ ragOverride })} />
          </div>
          <LinkPicker
            label="Findings it addresses" noun="finding" question="Which findings does this target address?"
            choices={plan.findings} selected={target.linkedFindings} editable={plan.editable}
            onChange={(ids) => set({ linkedFindings: ids })} onJump={plan.jumpTo}
          />
        </>
      )}
      footer={(
        <>
          {linked.length === 0 && <BlockWarning>Not linked to any finding.{plan.editable && ' Link it to the findings it addresses, so the plan shows why it matters.'}</BlockWarning>}
          <BackLinks label="Actions working towards it" noun="action" links={actions} onJump={plan.jumpTo} />
        </>
      )}
    />
  )
}
