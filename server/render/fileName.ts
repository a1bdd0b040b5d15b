// The name a downloaded PDF is saved under: school, plan and "live draft" with the date, or the snapshot's
// name and date. A board pack is made from files: a draft must say so in its name, not only on its cover.
import { ukDate } from '../../shared/plan/dates.ts'
import type { PdfLabel } from './pdf/types.ts'

/** "Seaview Primary - Improvement plan - live draft 23 Nov 2026.pdf", safe on every file system. */
export function pdfFileName(schoolName: string, planTitle: string, label: PdfLabel): string {
  const when = label.kind === 'live' ? `live draft ${ukDate(label.exportedAt)}` : `${label.name} - ${ukDate(label.takenAt)}`
  const name = [schoolName, planTitle, when].map(clean).filter(Boolean).join(' - ')
  return `${name.slice(0, 180).trim() || 'Plan'}.pdf`
}

function clean(part: string): string {
  // Characters Windows, macOS or a shell would object to become spaces; runs of space collapse.
  // eslint-disable-next-line no-control-regex
  return part.normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ').replace(/\s+/g, ' ').replace(/^[.\s]+|[.\s]+$/g, '')
}
