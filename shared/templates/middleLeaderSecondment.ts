/** A middle leader from one school spends part of the week improving a subject or phase in another. */
import { newFinding, newPlanDetails, newPriority, newReviewPoint, newTarget } from '../plan/blocks.ts'
import type { PlanTemplate } from './index.ts'
import { doc, guidance, heading, paragraph } from './content.ts'

export const middleLeaderSecondmentTemplate: PlanTemplate = {
  id: 'middle-leader-secondment',
  name: 'Middle-leader secondment plan',
  description: 'A visiting middle leader improves a subject or phase: diagnosis, targets, actions with owners, and termly review.',
  content: ({ title, schoolName }) => doc(
    heading(1, title),
    guidance('A plan agreed between the visiting middle leader and the host school for the length of the secondment.'),
    heading(2, 'Plan details'),
    newPlanDetails({ visitingLeaderRole: 'middle-leader' }, { schoolName }),
    heading(2, 'Purpose of the secondment'),
    guidance('Which subject or phase the secondment is for, how many days a week, and what the host school should be able to do without help by the end.'),
    paragraph(),
    heading(2, 'Diagnosis'),
    guidance('What you found in the subject or phase, from lesson visits, work scrutiny and pupil and staff voice. Record strengths to build on as well as areas for development, each with its root cause and evidence. Say whether each finding goes into this plan.'),
    newFinding(),
    heading(2, 'Measurable targets'),
    guidance('For each finding in the plan, what will be measured, from what baseline, to what target, by when. Link each target to the findings it addresses.'),
    newTarget(),
    heading(2, 'Priorities and actions'),
    guidance('Two or three priorities at most. Each action has one owner, a due date and success criteria, and is linked to the targets it moves.'),
    newPriority(),
    heading(2, 'Monitoring and review'),
    guidance('When progress is reviewed (at least once a term), by whom, and what the review found.'),
    newReviewPoint(),
    heading(2, 'Handover'),
    guidance('How the host school’s own staff will keep the improvements going when the secondment ends.'),
    paragraph(),
  ),
}
