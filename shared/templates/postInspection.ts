/** After an inspection that found the school requires improvement (or graded areas as needing attention). */
import { newFinding, newPlanDetails, newPriority, newReviewPoint, newTarget } from '../plan/blocks.ts'
import type { PlanTemplate } from './index.ts'
import { doc, guidance, heading, paragraph } from './content.ts'

export const postInspectionTemplate: PlanTemplate = {
  id: 'post-inspection-ri',
  name: 'Post-inspection action plan (requires improvement)',
  description: 'Turns the inspection report’s areas for improvement into targets, actions and review points for governors.',
  content: ({ title, schoolName }) => doc(
    heading(1, title),
    guidance('The school’s response to its latest inspection, for staff, governors and the trust or local authority.'),
    heading(2, 'Plan details'),
    newPlanDetails({}, { schoolName }),
    heading(2, 'What the inspection found'),
    guidance('The areas for improvement in the report, in the inspectors’ words, and the grade for each evaluation area (or “requires improvement” under the previous framework).'),
    paragraph(),
    heading(2, 'Diagnosis'),
    guidance('One finding for each area for improvement, with the school’s own root cause analysis and evidence. Add findings of your own where they explain the inspection’s.'),
    newFinding({ kind: 'development' }),
    heading(2, 'Measurable targets'),
    guidance('For each area for improvement, what will show it is no longer a weakness by the next inspection, with termly milestones. Link each target to its findings.'),
    newTarget(),
    heading(2, 'Priorities and actions'),
    guidance('One priority for each area for improvement. Actions name their owner, due date, cost and success criteria, and link to the targets they move.'),
    newPriority(),
    heading(2, 'Monitoring and review'),
    guidance('Review points for governors, at least once a term, with a RAG rating for each priority and the evidence of impact.'),
    newReviewPoint(),
    heading(2, 'Keeping parents and staff informed'),
    guidance('How and when progress is shared with parents, staff and pupils.'),
    paragraph(),
  ),
}
