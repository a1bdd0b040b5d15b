/**
 * What the plan page shows, kept in its address's query string so that Back, Forward, a reload and a link
 * sent to someone (a trustee, in the board papers' covering email) all reach it:
 *
 *   /plans/:id                        the live plan; for a trustee, the list of snapshots
 *   /plans/:id?tab=snapshots          the list of snapshots
 *   /plans/:id?tab=history            the list of automatic versions (owners and editors)
 *   /plans/:id?snapshot=<id>          one snapshot, read-only (under the Snapshots tab)
 *   /plans/:id?version=<id>           one automatic version, read-only (under the History tab)
 *   /plans/:id?compare=<from>~<to>    what changed from one side to the other, each side named as the API
 *                                     names it: snapshot:<id>, version:<id> or live (under History when a
 *                                     side is a version, otherwise under Snapshots)
 *
 * An open view names its own tab, so it needs no `tab`. Only one view is read from an address: `compare`,
 * then `snapshot`, then `version`. Who may see what is decided by the server; this module only reads and
 * writes addresses.
 */
import { COMPARE_REF, STORED_REF } from '../../shared/api.ts'

export type PlanTab = 'plan' | 'snapshots' | 'history'

/** A view opened over a tab's list. */
export type OpenedView =
  /** A snapshot or an automatic version, read. */
  | { kind: 'read'; what: 'snapshot' | 'version'; id: string }
  /** A comparison; `from` and `to` are `snapshot:<id>`, `version:<id>` or `live`. */
  | { kind: 'compare'; from: string; to: string }
  /** An address asking for a view whose id cannot be one (cut short in an email, say). */
  | { kind: 'malformed'; what: 'snapshot' | 'version' | 'comparison' }

export interface PlanView {
  tab: PlanTab
  /** What is open over the tab's list; null for the list itself. */
  opened: OpenedView | null
}

/** The character between a comparison's two sides: unreserved in a URL, and in no id or ref. */
const SIDES = '~'

export function parsePlanView(search: string): PlanView {
  const query = new URLSearchParams(search)
  const compare = query.get('compare')
  if (compare !== null) {
    const sides = compare.split(SIDES)
    if (sides.length !== 2 || !sides.every((side) => COMPARE_REF.test(side))) return { tab: 'snapshots', opened: { kind: 'malformed', what: 'comparison' } }
    const [from, to] = sides
    return { tab: sides.some((side) => side.startsWith('version:')) ? 'history' : 'snapshots', opened: { kind: 'compare', from, to } }
  }
  for (const what of ['snapshot', 'version'] as const) {
    const id = query.get(what)
    if (id === null) continue
    const tab = what === 'snapshot' ? 'snapshots' : 'history'
    return { tab, opened: STORED_REF.test(`${what}:${id}`) ? { kind: 'read', what, id } : { kind: 'malformed', what } }
  }
  const tab = query.get('tab')
  return { tab: tab === 'snapshots' || tab === 'history' ? tab : 'plan', opened: null }
}

/**
 * The query string (with its "?", or "" for the live plan) for a view. A malformed view has no address of
 * its own: its tab's list stands for it.
 */
export function planViewSearch(view: PlanView): string {
  const opened = view.opened
  // Ids and refs hold only letters, digits, "_", "-" and ":", so they are written as they are: the
  // address reads as the API's own refs (snapshot:<id>~live).
  if (opened?.kind === 'read') return `?${opened.what}=${opened.id}`
  if (opened?.kind === 'compare') return `?compare=${opened.from}${SIDES}${opened.to}`
  return view.tab === 'plan' ? '' : `?tab=${view.tab}`
}

/** The refs an opened view reads (`snapshot:<id>`, `version:<id>`, `live`): none for a malformed one. */
export function refsOf(opened: OpenedView): string[] {
  if (opened.kind === 'read') return [`${opened.what}:${opened.id}`]
  if (opened.kind === 'compare') return [opened.from, opened.to]
  return []
}

/** One string per view, to tell when the view has changed. */
export function openedKey(opened: OpenedView | null): string {
  if (!opened) return 'list'
  return opened.kind === 'malformed' ? `malformed:${opened.what}` : `${opened.kind}:${refsOf(opened).join(SIDES)}`
}
