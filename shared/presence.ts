/**
 * Presence colours: each has at least 4.5:1 contrast with white label text (WCAG 2.2 AA), and they are
 * far enough apart to tell carets apart. A person keeps one colour, derived from their user id.
 */
export const PRESENCE_COLOURS = [
  '#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#b45309', '#be185d', '#0e7490', '#4d7c0f', '#9333ea', '#c2410c',
] as const

export function colourFor(userId: string): string {
  let hash = 0
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0
  return PRESENCE_COLOURS[hash % PRESENCE_COLOURS.length]
}

/** What each connection publishes in awareness under `user`. The server overwrites it from the session. */
export interface PresenceUser {
  id: string
  name: string
  colour: string
  /** Tiptap's CollaborationCaret reads `color`. */
  color: string
}
