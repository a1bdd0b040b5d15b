/**
 * Presence colours: each has at least 4.5:1 contrast with white label text (WCAG 2.2 AA), and they are
 * far enough apart to tell carets apart (a slate rather than a second purple beside the violet). A
 * person's own colour is derived from their user id; in a plan the server gives each person present a
 * colour nobody else there has, while there are colours to go round (see `colourAmong`).
 */
export const PRESENCE_COLOURS = [
  '#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#b45309', '#be185d', '#0e7490', '#4d7c0f', '#475569', '#c2410c',
] as const

function preferredIndex(userId: string): number {
  let hash = 0
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0
  return hash % PRESENCE_COLOURS.length
}

export function colourFor(userId: string): string {
  return PRESENCE_COLOURS[preferredIndex(userId)]
}

/**
 * The colour a person joining a plan gets: their own unless someone present has it, else the next one in
 * the palette that nobody present has; their own again when all are taken (more than ten people).
 */
export function colourAmong(userId: string, taken: ReadonlySet<string>): string {
  const start = preferredIndex(userId)
  for (let i = 0; i < PRESENCE_COLOURS.length; i++) {
    const colour = PRESENCE_COLOURS[(start + i) % PRESENCE_COLOURS.length]
    if (!taken.has(colour)) return colour
  }
  return PRESENCE_COLOURS[start]
}

export function isPresenceColour(value: unknown): value is (typeof PRESENCE_COLOURS)[number] {
  return typeof value === 'string' && (PRESENCE_COLOURS as readonly string[]).includes(value)
}

/** A person's presence, in their own colour unless given another (Tiptap's caret reads `color`). */
export function presenceOf(id: string, name: string, colour: string = colourFor(id)): PresenceUser {
  return { id, name, colour, color: colour }
}

/** What each connection publishes in awareness under `user`. The server overwrites it from the session. */
export interface PresenceUser {
  id: string
  name: string
  colour: string
  /** Tiptap's CollaborationCaret reads `color`. */
  color: string
}
