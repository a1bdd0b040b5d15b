/**
 * Plan templates: data, checked against the schema by tests. A template is the initial ProseMirror JSON
 * of a plan's `content` fragment, created once on the server when a plan is made.
 */
import type { JSONContent } from '@tiptap/core'
import type { TemplateSummary } from '../api.ts'

export interface PlanTemplate extends TemplateSummary {
  content: (input: { title: string; schoolName: string }) => JSONContent
}

const heading = (level: number, text: string): JSONContent => ({
  type: 'heading', attrs: { level }, content: [{ type: 'text', text }],
})
const paragraph = (text?: string): JSONContent =>
  text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' }
const guidance = (text: string): JSONContent => ({
  type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'italic' }] }],
})

export const blankTemplate: PlanTemplate = {
  id: 'blank',
  name: 'Blank plan',
  description: 'A title and an empty page.',
  content: ({ title }) => ({ type: 'doc', content: [heading(1, title), paragraph()] }),
}

export const outlineTemplate: PlanTemplate = {
  id: 'outline',
  name: 'Improvement plan outline',
  description: 'Sections for the diagnosis, targets, actions, milestones and review.',
  content: ({ title, schoolName }) => ({
    type: 'doc',
    content: [
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
    ],
  }),
}

export const TEMPLATES: readonly PlanTemplate[] = [outlineTemplate, blankTemplate]
export const DEFAULT_TEMPLATE_ID = outlineTemplate.id

export function findTemplate(id: string | undefined): PlanTemplate | undefined {
  return TEMPLATES.find((template) => template.id === (id ?? DEFAULT_TEMPLATE_ID))
}
