import type { VersionSummary } from '../../shared/api.ts'
import { formatDateTime } from '../format.ts'

export function versionTitle(version: VersionSummary): string {
  if (version.reason === 'before-restore') return `Before restoring ${version.restoredFrom ?? 'an earlier version'}`
  return `Version of ${formatDateTime(version.createdAt)}`
}
