import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { ObservableV2 } from 'lib0/observable'
import type { WebsocketProvider } from 'y-websocket'
import { CollabSession } from './session.ts'
import { SAVED_SETTLE_MS, ShownState } from './useCollabState.ts'

class FakeProvider extends ObservableV2<Record<string, (...args: any[]) => void>> {
  wsconnected = false
  synced = false
  disconnect() {}
}

function live() {
  const doc = new Y.Doc()
  const provider = new FakeProvider()
  const session = new CollabSession(doc, provider as unknown as WebsocketProvider)
  provider.synced = true
  provider.emit('sync', [true])
  const shown = new ShownState(session)
  let redraws = 0
  shown.subscribe(() => redraws++)
  const type = (text: string) => doc.getText('t').insert(doc.getText('t').length, text)
  const stored = () => session.receiveStored(Y.encodeStateVector(doc))
  return { provider, session, shown, type, stored, redraws: () => redraws }
}

describe('the state a page shows', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('says "saving" at once, and "saved" once typing pauses: not a redraw per keystroke', () => {
    const page = live()
    page.type('a')
    expect(page.shown.getSnapshot().unsaved).toBe(true)
    expect(page.redraws()).toBe(1)
    // Each key confirmed within milliseconds, the next typed before "saved" is due.
    for (const key of 'bcdefghij') {
      page.stored()
      vi.advanceTimersByTime(100)
      page.type(key)
      vi.advanceTimersByTime(50)
    }
    page.stored()
    expect(page.session.getSnapshot().unsaved).toBe(false)
    expect(page.shown.getSnapshot().unsaved).toBe(true)
    expect(page.redraws()).toBe(1)
    vi.advanceTimersByTime(SAVED_SETTLE_MS)
    expect(page.shown.getSnapshot()).toBe(page.session.getSnapshot())
    expect(page.shown.getSnapshot().unsaved).toBe(false)
    expect(page.redraws()).toBe(2)
  })

  it('live, does not redraw as this device’s copy catches up with each change, anyone’s', () => {
    const page = live()
    const before = page.redraws()
    for (let i = 0; i < 5; i++) {
      page.session.setKeptLocally(false)
      page.session.setKeptLocally(true)
    }
    expect(page.redraws()).toBe(before)
    // Offline it is on screen ("Saved on this device"): shown at once.
    page.provider.emit('connection-close', [{ code: 1006, reason: '' }])
    page.session.setKeptLocally(false)
    expect(page.shown.getSnapshot().keptLocally).toBe(false)
  })

  it('shows anything else at once: going offline, even while "saved" is due', () => {
    const page = live()
    page.type('a')
    page.stored()
    page.provider.emit('connection-close', [{ code: 1006, reason: '' }])
    expect(page.shown.getSnapshot().connection).toBe('offline')
    expect(page.shown.getSnapshot().unsaved).toBe(false)
    // Offline, what is waiting and when it last synced are on screen: each change shows.
    page.type('b')
    expect(page.shown.getSnapshot()).toBe(page.session.getSnapshot())
    const before = page.redraws()
    page.type('c')
    expect(page.redraws()).toBe(before + 1)
  })
})
