/**
 * A figure with its unit as people write it: a symbol sits against the number ("70%"), a word takes a
 * space ("9 months", "12 pupils"). Units are free text typed by the plan's authors, with or without a space.
 */
export function withUnit(figure: string, unit: string): string {
  const word = unit.trim()
  if (word === '') return figure
  return /^\p{L}/u.test(word) ? `${figure} ${word}` : `${figure}${word}`
}
