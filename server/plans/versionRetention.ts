/**
 * Which automatic versions are kept. Every version of the last day is kept; older ones are thinned to the
 * newest of each hour for a week, then the newest of each day. A version kept before a restore is never
 * thinned (restoring must never lose anything). A kept version takes over the editors of those thinned
 * into it, so the history still says who changed the plan between two kept versions.
 */
import type { VersionRecord } from '../storage/metadata.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

export function thinVersions(versions: VersionRecord[], now: Date): VersionRecord[] {
  const sorted = [...versions].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  const kept: VersionRecord[] = []
  let bucket: string | null = null
  for (const version of sorted) {
    const age = now.getTime() - Date.parse(version.createdAt)
    const key = version.reason === 'before-restore' || age < DAY
      ? `own:${version.id}`
      : age < 7 * DAY ? `hour:${version.createdAt.slice(0, 13)}` : `day:${version.createdAt.slice(0, 10)}`
    if (key === bucket && kept.length > 0) {
      // The newer version of the same bucket replaces the older, taking over its editors.
      kept[kept.length - 1] = { ...version, editorIds: unique([...kept[kept.length - 1].editorIds, ...version.editorIds]) }
    } else {
      kept.push(version)
    }
    bucket = key
  }
  return kept
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)]
}
