/** A finding of the diagnosis: area, strength or development, confidence, in the plan or not; evidence. */
import type { NodeViewProps } from '@tiptap/react'
import { readFinding } from '../../../shared/plan/model.ts'
import {
  CONFIDENCE_LABELS, CONFIDENCE_LEVELS, EVALUATION_AREAS, EVALUATION_AREA_LABELS, FINDING_KINDS, FINDING_KIND_LABELS,
} from '../../../shared/plan/vocabulary.ts'
import { BlockFrame, BlockWarning } from './BlockFrame.tsx'
import { BackLinks } from './badges.tsx'
import { appendChild } from './commands.ts'
import { CheckboxControl, ControlGrid, SelectControl } from './inputs.tsx'
import { usePlan } from './planContext.tsx'
import { useSetAttributes } from './useSetAttributes.ts'

export function FindingView(props: NodeViewProps) {
  const plan = usePlan()
  const set = useSetAttributes(props)
  const finding = readFinding(props.node)
  const targets = plan.targetsByFinding.get(finding.id) ?? []

  const addEvidence = () => {
    const pos = props.getPos()
    if (typeof pos === 'number') appendChild(props.editor, pos, 'evidence')
  }

  return (
    <BlockFrame
      view={props}
      type="finding"
      title={finding.statement}
      data={{ 'data-in-plan': String(finding.inPlan) }}
      badges={(
        <>
          <span className={`pill pill--${finding.kind}`}>{FINDING_KIND_LABELS[finding.kind]}</span>
          {finding.area && <span className="pill pill--area">{EVALUATION_AREA_LABELS[finding.area]}</span>}
          {!finding.inPlan && <span className="pill pill--muted">Not in this plan</span>}
        </>
      )}
      before={(
        <ControlGrid className="block-grid--finding">
          <SelectControl label="Evaluation area" value={finding.area} options={EVALUATION_AREAS} labels={EVALUATION_AREA_LABELS}
            onChange={(area) => set({ area })} />
          <SelectControl label="Kind of finding" value={finding.kind} options={FINDING_KINDS} labels={FINDING_KIND_LABELS} emptyLabel={null}
            onChange={(kind) => set({ kind })} />
          <SelectControl label="Confidence" value={finding.confidence} options={CONFIDENCE_LEVELS} labels={CONFIDENCE_LABELS}
            onChange={(confidence) => set({ confidence })} />
          <CheckboxControl label="Goes into the plan" readLabel="In the plan" className="block-check--inline" checked={finding.inPlan}
            onChange={(inPlan) => set({ inPlan })} />
        </ControlGrid>
      )}
      after={plan.editable ? (
        <button type="button" className="block-button block-button--add" onClick={addEvidence}>
          <span aria-hidden="true">+</span> Add evidence<span className="visually-hidden"> to this finding</span>
        </button>
      ) : null}
      footer={finding.inPlan ? (
        targets.length > 0
          ? <BackLinks label="Addressed by targets" noun="target" links={targets} onJump={plan.jumpTo} />
          // (What to do about it is for those who can edit; a reader is told the fact.)
          : <BlockWarning>No target addresses this finding yet.{plan.editable && ' Link a target to it, or untick “Goes into the plan” and say why.'}</BlockWarning>
      ) : (
        !finding.notInPlanReason && <BlockWarning>{plan.editable ? 'Say why this finding is not in the plan.' : 'No reason is given for leaving this finding out of the plan.'}</BlockWarning>
      )}
    />
  )
}
