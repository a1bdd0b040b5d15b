import { describe, expect, it } from 'vitest'
import { parsePlanView, planViewSearch, type PlanView } from './planView.ts'

const ID = 'a1B2c3D4e5_-'
const OTHER = 'Zz9Yy8Xx7Ww6'

describe('the plan page\'s address', () => {
  it('reads and writes each view, and an address written reads back as the same view', () => {
    const views: [string, PlanView][] = [
      ['', { tab: 'plan', opened: null }],
      ['?tab=snapshots', { tab: 'snapshots', opened: null }],
      ['?tab=history', { tab: 'history', opened: null }],
      [`?snapshot=${ID}`, { tab: 'snapshots', opened: { kind: 'read', what: 'snapshot', id: ID } }],
      [`?version=${ID}`, { tab: 'history', opened: { kind: 'read', what: 'version', id: ID } }],
      [`?compare=snapshot:${ID}~snapshot:${OTHER}`, { tab: 'snapshots', opened: { kind: 'compare', from: `snapshot:${ID}`, to: `snapshot:${OTHER}` } }],
      [`?compare=snapshot:${ID}~live`, { tab: 'snapshots', opened: { kind: 'compare', from: `snapshot:${ID}`, to: 'live' } }],
      [`?compare=version:${ID}~live`, { tab: 'history', opened: { kind: 'compare', from: `version:${ID}`, to: 'live' } }],
    ]
    for (const [search, view] of views) {
      expect(parsePlanView(search), search).toEqual(view)
      expect(planViewSearch(view)).toBe(search)
    }
  })

  it('reads a comparison whose ":" a mail program or a browser has percent-encoded', () => {
    expect(parsePlanView(`?compare=snapshot%3A${ID}%7Elive`).opened).toEqual({ kind: 'compare', from: `snapshot:${ID}`, to: 'live' })
  })

  it('an open view names its own tab, whatever `tab` says', () => {
    expect(parsePlanView(`?tab=history&snapshot=${ID}`)).toEqual({ tab: 'snapshots', opened: { kind: 'read', what: 'snapshot', id: ID } })
  })

  it('tells a malformed id or comparison apart, under the tab it would have been in', () => {
    expect(parsePlanView('?snapshot=')).toEqual({ tab: 'snapshots', opened: { kind: 'malformed', what: 'snapshot' } })
    expect(parsePlanView('?snapshot=short')).toEqual({ tab: 'snapshots', opened: { kind: 'malformed', what: 'snapshot' } })
    expect(parsePlanView('?snapshot=not%20a%20snapshot!')).toEqual({ tab: 'snapshots', opened: { kind: 'malformed', what: 'snapshot' } })
    expect(parsePlanView('?version=../../etc')).toEqual({ tab: 'history', opened: { kind: 'malformed', what: 'version' } })
    for (const compare of [`snapshot:${ID}`, `snapshot:${ID}~`, `snapshot:${ID}~live~live`, `page:${ID}~live`, '']) {
      expect(parsePlanView(`?compare=${compare}`), compare).toEqual({ tab: 'snapshots', opened: { kind: 'malformed', what: 'comparison' } })
    }
  })

  it('an unknown tab is the live plan', () => {
    expect(parsePlanView('?tab=settings')).toEqual({ tab: 'plan', opened: null })
    expect(parsePlanView('?next=/somewhere')).toEqual({ tab: 'plan', opened: null })
  })

  it('a malformed view\'s address is its tab\'s list', () => {
    expect(planViewSearch({ tab: 'snapshots', opened: { kind: 'malformed', what: 'snapshot' } })).toBe('?tab=snapshots')
  })
})
