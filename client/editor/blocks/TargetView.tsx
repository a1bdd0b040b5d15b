/** A measurable target: its figures, the trajectory's RAG status (or a manual one), and its links. */
import type { NodeViewProps } from '@tiptap/react'
import { formatUkDate } from '../../../shared/plan/dates.ts'
import { readTarget } from '../../../shared/plan/model.ts'
import { liveLinks } from '../../../shared/plan/overview.ts'
import { AMBER_TOLERANCE, targetRag } from '../../../shared/plan/rag.ts'
import { DIRECTIONS, DIRECTION_LABELS, RAGS, RAG_LABELS } from '../../../shared/plan/vocabulary.ts'
import { BlockFrame, BlockWarning } from './BlockFrame.tsx'
import { BackLinks, RagBadge } from './badges.tsx'
import { ControlGrid, DateControl, NumberControl, readNumber, SelectControl, TextControl } from './inputs.tsx'
import { LinkPicker } from './LinkPicker.tsx'
import { usePlan } from './planContext.tsx'
import { useSetAttributes } from './useSetAttributes.ts'

function shown(value: number | null, unit: string): string {
  if (value === null) return '–'
  return readNumber(Math.round(value * 10) / 10, unit)
}

export function TargetView(props: NodeViewProps) {
  const plan = usePlan()
  const set = useSetAttributes(props)
  const target = readTarget(props.node)
  const rag = targetRag(target, plan.today)
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
          <ControlGrid>
            <SelectControl label="Which way is better" value={target.direction} options={DIRECTIONS} labels={DIRECTION_LABELS} emptyLabel={null}
              onChange={(direction) => set({ direction })} />
            <TextControl label="Unit" hint={plan.editable ? 'For example % or pupils' : undefined} value={unit} maxLength={16} onChange={(value) => set({ unit: value })} />
          </ControlGrid>
          <ControlGrid className="block-grid--figures">
            <NumberControl label="Baseline value" value={target.baselineValue} unit={unit} onChange={(value) => set({ baselineValue: value })} />
            <DateControl label="Baseline date" value={target.baselineDate} onChange={(value) => set({ baselineDate: value })} />
            <NumberControl label="Target value" value={target.targetValue} unit={unit} onChange={(value) => set({ targetValue: value })} />
            <DateControl label="Target date" value={target.targetDate} onChange={(value) => set({ targetDate: value })} />
          </ControlGrid>
          <ControlGrid className="block-grid--figures">
            <NumberControl label="Autumn milestone" hint="By 31 December" value={target.milestones.autumn} unit={unit} onChange={(value) => set({ milestoneAutumn: value })} />
            <NumberControl label="Spring milestone" hint="By 31 March" value={target.milestones.spring} unit={unit} onChange={(value) => set({ milestoneSpring: value })} />
            <NumberControl label="Summer milestone" hint="By 31 July" value={target.milestones.summer} unit={unit} onChange={(value) => set({ milestoneSummer: value })} />
            <NumberControl label="Current value" value={target.currentValue} unit={unit} onChange={(value) => set({ currentValue: value })} />
          </ControlGrid>
          <div className={plan.editable ? 'target-status' : 'target-status target-status--read'}>
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
            {/* (Where it cannot be changed, the status's own words say whether it was set by hand.) */}
            {plan.editable && (
              <SelectControl label="Set status by hand" value={target.ragOverride} options={RAGS} labels={RAG_LABELS} emptyLabel="No: from the trajectory"
                onChange={(ragOverride) => set({ ragOverride })} />
            )}
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
