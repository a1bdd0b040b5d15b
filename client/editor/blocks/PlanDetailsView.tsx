/** The plan's details: school, people, period and the latest inspection. */
import type { NodeViewProps } from '@tiptap/react'
import { readPlanDetails } from '../../../shared/plan/model.ts'
import {
  EVALUATION_AREAS, EVALUATION_AREA_LABELS, INSPECTION_GRADES, INSPECTION_GRADE_LABELS, LEADER_ROLES, LEADER_ROLE_LABELS, PHASES,
  PHASE_LABELS, SAFEGUARDING, SAFEGUARDING_LABELS, type EvaluationArea, type InspectionGrade,
} from '../../../shared/plan/vocabulary.ts'
import { BlockFrame } from './BlockFrame.tsx'
import { ControlGrid, DateControl, SelectControl } from './inputs.tsx'
import { useSetAttributes } from './useSetAttributes.ts'

export function PlanDetailsView(props: NodeViewProps) {
  const set = useSetAttributes(props)
  const details = readPlanDetails(props.node)

  const grade = (area: EvaluationArea, value: InspectionGrade | null) => {
    const next: Partial<Record<EvaluationArea, InspectionGrade>> = { ...details.inspectionGrades }
    if (value) next[area] = value
    else delete next[area]
    set({ inspectionGrades: next })
  }

  return (
    <BlockFrame
      view={props}
      type="planDetails"
      title={details.schoolName}
      badges={details.safeguarding === 'not-met' ? <span className="pill pill--red">Safeguarding not met</span> : null}
      after={(
        <>
          <ControlGrid>
            <SelectControl label="Phase" value={details.phase} options={PHASES} labels={PHASE_LABELS} onChange={(phase) => set({ phase })} />
            <SelectControl label="Visiting leader’s role" value={details.visitingLeaderRole} options={LEADER_ROLES} labels={LEADER_ROLE_LABELS}
              onChange={(visitingLeaderRole) => set({ visitingLeaderRole })} />
            <DateControl label="Plan starts" value={details.periodStart} onChange={(periodStart) => set({ periodStart })} />
            <DateControl label="Plan ends" value={details.periodEnd} onChange={(periodEnd) => set({ periodEnd })} />
          </ControlGrid>
          <fieldset className="block-fieldset">
            <legend>Latest inspection</legend>
            <ControlGrid>
              <DateControl label="Inspection date" value={details.inspectionDate} onChange={(inspectionDate) => set({ inspectionDate })} />
              <SelectControl label="Safeguarding" value={details.safeguarding} options={SAFEGUARDING} labels={SAFEGUARDING_LABELS}
                onChange={(safeguarding) => set({ safeguarding })} />
            </ControlGrid>
            <ControlGrid className="block-grid--grades">
              {EVALUATION_AREAS.map((area) => (
                <SelectControl key={area} label={EVALUATION_AREA_LABELS[area]} value={details.inspectionGrades[area] ?? null} options={INSPECTION_GRADES}
                  labels={INSPECTION_GRADE_LABELS} emptyLabel={area === 'early-years' || area === 'sixth-form' ? 'Not graded or not applicable' : 'Not graded'}
                  className={`grade-select grade-select--${details.inspectionGrades[area] ?? 'none'}`}
                  onChange={(value) => grade(area, value)} />
              ))}
            </ControlGrid>
          </fieldset>
        </>
      )}
    />
  )
}
