// Reading exported PDFs in tests with poppler-utils: text (pdftotext), page count (pdfinfo), pictures (pdftoppm).
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const PDF_RESULTS_DIR = join(process.cwd(), 'test-results', 'pdf')

/** Saves the PDF under test-results/pdf/ and returns its path. */
export function savePdf(name: string, bytes: Buffer): string {
  mkdirSync(PDF_RESULTS_DIR, { recursive: true })
  const file = join(PDF_RESULTS_DIR, `${name}.pdf`)
  writeFileSync(file, bytes)
  return file
}

/** The text of pages `first` to `last` (all by default), whitespace collapsed to single spaces. */
export function pdfText(file: string, first?: number, last?: number): string {
  const args = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : []), '-enc', 'UTF-8', file, '-']
  return execFileSync('pdftotext', args, { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

export function pdfPages(file: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
}

/** Renders pages `first` to `last` as PNGs beside the PDF (name-1.png, ...), for people to look at. */
export function renderPages(file: string, first: number, last: number, dpi = 80): void {
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(first), '-l', String(last), file, file.replace(/\.pdf$/, '')])
}
