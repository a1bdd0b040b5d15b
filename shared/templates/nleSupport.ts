/** A National Leader in Education supports a school's leaders, usually brokered by a trust or local authority. */
import { newFinding, newPlanDetails, newPriority, newReviewPoint, newTarget } from '../plan/blocks.ts'
import type { PlanTemplate } from './index.ts'
import { doc, guidance, heading, paragraph } from './content.ts'

export const nleSupportTemplate: PlanTemplate = {
  id: 'nle-support',
  name: 'School-to-school support (NLE) plan',
  description: 'A National Leader in Education supports the host school’s leaders: terms of support, diagnosis, targets, actions, review and exit.',
  content: ({ title, schoolName }) => doc(
    heading(1, title),
    guidance('The support agreed between the National Leader in Education, the host school and whoever commissioned it.'),
    heading(2, 'Plan details'),
    newPlanDetails({ visitingLeaderRole: 'nle' }, { schoolName }),
    heading(2, 'Terms of the support'),
    guidance('Who commissioned the support and why; the number of days and how they are spread; the cost and who meets it; how the headteacher and governors will be kept informed.'),
    paragraph(),
    heading(2, 'Diagnosis'),
    guidance('The school’s position in each evaluation area that matters to this support, with the evidence for it. Note what leaders already do well as well as what needs to improve, and whether each finding goes into this plan.'),
    newFinding(),
    heading(2, 'Measurable targets'),
    guidance('The outcomes that will show the support has worked, each with a baseline, termly milestones and a target date. Link each target to its findings.'),
    newTarget(),
    heading(2, 'Priorities and actions'),
    guidance('The priorities, each with a lead from the host school. Actions name their owner and due date; the visiting leader’s own actions are included.'),
    newPriority(),
    heading(2, 'Building leadership capacity'),
    guidance('How the host school’s leaders and governors will be developed so the improvement lasts beyond the support.'),
    paragraph(),
    heading(2, 'Monitoring and review'),
    guidance('Review points with the headteacher and chair of governors, and what each found.'),
    newReviewPoint(),
    heading(2, 'Exit criteria'),
    guidance('What must be true for the support to end.'),
    paragraph(),
  ),
}
