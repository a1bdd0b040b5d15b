/** Building pieces for templates: headings, guidance (italic, for the authors to replace) and blanks. */
import type { JSONContent } from '@tiptap/core'

export const heading = (level: number, text: string): JSONContent => ({
  type: 'heading', attrs: { level }, content: [{ type: 'text', text }],
})

export const paragraph = (text?: string): JSONContent =>
  text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' }

/** Guidance for the authors: italic, so it reads as advice rather than plan. */
export const guidance = (text: string): JSONContent => ({
  type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'italic' }] }],
})

export const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content })
