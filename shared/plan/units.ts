/**
 * A figure with its unit as people write it: a symbol sits against the number ("70%"), a word takes a
 * space ("9 months", "12 pupils"). Units are free text typed by the plan's authors, with or without a space.
 */
export function withUnit(figure: string, unit: string): string {
  const word = unit.trim()
  if (word === '') return figure
  return /^\p{L}/u.test(word) ? `${figure} ${word}` : `${figure}${word}`
}

/** A figure as the plan reads it, on the page and in the PDF: "1,250", with its unit ("58%", "12 pupils"). */
export function formatFigure(value: number, unit = ''): string {
  return withUnit(value.toLocaleString('en-GB'), unit)
}
