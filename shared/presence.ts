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
 * How far apart two palette colours look: the "redmean" weighting of the RGB distance, a cheap stand-in
 * for a perceptual one. Amber and orange (#b45309, #c2410c) are 14 apart and red and orange 26; every other
 * pair in the palette is 33 or more.
 */
function distance(a: string, b: string): number {
  const [r1, g1, b1] = [1, 3, 5].map((at) => Number.parseInt(a.slice(at, at + 2), 16))
  const [r2, g2, b2] = [1, 3, 5].map((at) => Number.parseInt(b.slice(at, at + 2), 16))
  const mean = (r1 + r2) / 2
  const [dr, dg, db] = [r1 - r2, g1 - g2, b1 - b2]
  return Math.sqrt((2 + mean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - mean) / 256) * db * db) / 3
}

/** Colours closer than this are too alike to tell two people's carets apart at a glance. */
const LOOK_ALIKE = 30

/**
 * The colour a person joining a plan gets: their own unless someone present has it or one like it, else the
 * next in the palette that is unlike everyone's present; failing that (a crowd), the next nobody has; their
 * own again when all are taken (more than ten people).
 */
export function colourAmong(userId: string, taken: ReadonlySet<string>): string {
  const start = preferredIndex(userId)
  const inOrder = PRESENCE_COLOURS.map((_, i) => PRESENCE_COLOURS[(start + i) % PRESENCE_COLOURS.length])
  const unlikeAll = inOrder.find((colour) => [...taken].every((other) => distance(colour, other) >= LOOK_ALIKE))
  return unlikeAll ?? inOrder.find((colour) => !taken.has(colour)) ?? PRESENCE_COLOURS[start]
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
