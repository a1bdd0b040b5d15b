/** What each free-text field is called, and what its empty box asks for. */
import type { FieldName } from '../schema/blockFields.ts'

export interface FieldText {
  label: string
  placeholder: string
}

export const FIELD_TEXT: Record<FieldName, FieldText> = {
  schoolName: { label: 'School name', placeholder: 'As on Get Information about Schools' },
  urn: { label: 'URN', placeholder: '6-digit school number' },
  trust: { label: 'Trust or local authority', placeholder: 'Who runs the school' },
  visitingLeader: { label: 'Visiting leader', placeholder: 'Name of the visiting leader' },
  hostHeadteacher: { label: 'Host headteacher', placeholder: 'Name of the headteacher' },
  chairOfGovernors: { label: 'Chair of governors', placeholder: 'Name of the chair' },
  statement: { label: 'Statement', placeholder: 'What you found, in one or two sentences' },
  rootCause: { label: 'Root cause', placeholder: 'Why it is so: the underlying cause, not the symptom' },
  notInPlanReason: { label: 'Reason it is not in the plan', placeholder: 'Why this finding is not being acted on now' },
  source: { label: 'Source', placeholder: 'Class, year group, person or report' },
  note: { label: 'What it showed', placeholder: 'What this evidence showed' },
  measure: { label: 'Measure', placeholder: 'What is measured, and for which pupils' },
  dataSource: { label: 'Data source', placeholder: 'Where the figure comes from' },
  owner: { label: 'Owner', placeholder: 'Who is responsible' },
  title: { label: 'Title', placeholder: 'The priority, in a few words' },
  rationale: { label: 'Rationale', placeholder: 'Why this is a priority, from the diagnosis' },
  lead: { label: 'Lead', placeholder: 'Who leads this priority' },
  description: { label: 'Description', placeholder: 'What will be done' },
  resources: { label: 'Resources or cost', placeholder: 'Time, money, training or materials needed' },
  successCriteria: { label: 'Success criteria', placeholder: 'How you will know it has worked' },
  reviewer: { label: 'Reviewer', placeholder: 'Who carried out the review' },
  impact: { label: 'Evidence of impact', placeholder: 'What has changed, and the evidence for it' },
  nextSteps: { label: 'Next steps', placeholder: 'What happens next, and who does it' },
}
