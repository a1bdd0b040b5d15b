/**
 * Plan templates: data, checked against the schema by tests. A template is the initial ProseMirror JSON
 * of a plan's `content` fragment, created once on the server when a plan is made. Blocks get fresh ids
 * each time a template is used.
 */
import type { JSONContent } from '@tiptap/core'
import type { TemplateSummary } from '../api.ts'
import { doc, guidance, heading, paragraph } from './content.ts'
import { middleLeaderSecondmentTemplate } from './middleLeaderSecondment.ts'
import { nleSupportTemplate } from './nleSupport.ts'
import { postInspectionTemplate } from './postInspection.ts'

export interface PlanTemplate extends TemplateSummary {
  content: (input: { title: string; schoolName: string }) => JSONContent
}

export const blankTemplate: PlanTemplate = {
  id: 'blank',
  name: 'Blank plan',
  description: 'A title and an empty page. Add blocks from the Insert menu or by typing “/”.',
  content: ({ title }) => doc(heading(1, title), paragraph()),
}

export const outlineTemplate: PlanTemplate = {
  id: 'outline',
  name: 'Improvement plan outline',
  description: 'Headings for the diagnosis, targets, actions, milestones and review, in free text.',
  content: ({ title, schoolName }) => doc(
    heading(1, title),
    paragraph(schoolName),
    heading(2, 'Diagnosis'),
    guidance('What holds the school back, and the evidence for it.'),
    paragraph(),
    heading(2, 'Measurable targets'),
    guidance('What will be measured, from what baseline, to what target, by when.'),
    paragraph(),
    heading(2, 'Actions'),
    guidance('Who does what, by when, and how you will know it worked.'),
    paragraph(),
    heading(2, 'Milestones'),
    paragraph(),
    heading(2, 'Review'),
    paragraph(),
  ),
}

export const TEMPLATES: readonly PlanTemplate[] = [
  middleLeaderSecondmentTemplate, nleSupportTemplate, postInspectionTemplate, outlineTemplate, blankTemplate,
]
/** Used when a request names no template (scripts and older clients). */
export const DEFAULT_TEMPLATE_ID = outlineTemplate.id

export function findTemplate(id: string | undefined): PlanTemplate | undefined {
  return TEMPLATES.find((template) => template.id === (id ?? DEFAULT_TEMPLATE_ID))
}
