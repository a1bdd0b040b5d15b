// Plain text out of ProseMirror JSON, and what is safe to print or link.
import type { JSONContent } from '@tiptap/core'

/** The text of a node and its descendants, with block boundaries as spaces. */
export function plainText(node: JSONContent | undefined): string {
  if (!node) return ''
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hardBreak') return '\n'
  const parts = (node.content ?? []).map(plainText)
  return parts.join(node.content?.some((child) => child.type !== 'text' && child.type !== 'hardBreak') ? ' ' : '').replace(/\s+$/u, '')
}

/**
 * Only web and mail links become clickable in the PDF. The server never fetches them: a link is an
 * annotation for the reader's PDF viewer, nothing more.
 */
export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null
  const trimmed = href.trim()
  return /^(https?:|mailto:)/i.test(trimmed) ? trimmed : null
}

/**
 * Text as pdfmake may print it: control characters (other than new lines and tabs) dropped, tabs as
 * spaces. Everything else, accents, curly quotes, dashes, the pound sign, passes through untouched.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\t/g, '    ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
}
