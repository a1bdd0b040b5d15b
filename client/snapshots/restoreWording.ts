import { formatDateTime } from '../format.ts'

/** What a restore brings back: a named snapshot, or an automatic version known by when it was kept. */
export type RestoreTarget = { kind: 'snapshot'; name: string } | { kind: 'version'; createdAt: string }

/** "the snapshot “Autumn review”" or "the version of 24 November 2026 at 10:42", to go into a sentence. */
export function restoreTargetText(target: RestoreTarget): string {
  return target.kind === 'snapshot' ? `the snapshot “${target.name}”` : `the version of ${formatDateTime(target.createdAt)}`
}

/** The restore confirmation's question: "Restore the snapshot “Autumn review”?". */
export function restoreQuestion(target: RestoreTarget): string {
  return `Restore ${restoreTargetText(target)}?`
}
