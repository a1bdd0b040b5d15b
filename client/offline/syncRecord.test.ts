// The sync record with the same plan open in two tabs of one browser: each tab has its own Y.Doc (they do
// not share it live), and both save into one localStorage entry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ObservableV2 } from 'lib0/observable'
import type { WebsocketProvider } from 'y-websocket'
import type { PlanSummary } from '../../shared/api.ts'
import { CollabSession } from '../collab/session.ts'
import { hasUnsentChanges, loadSyncRecord, recordKeptPlan, saveSyncRecord } from './keptPlans.ts'
import * as kept from './keptPlans.ts'

class FakeProvider extends ObservableV2<Record<string, (...args: any[]) => void>> {
  wsconnected = true
  /** Past the sync step 2 exchange: a `stored` message received now covers what this tab sent. */
  synced = true
  disconnect() {}
}

class MemoryStorage {
  readonly items = new Map<string, string>()
  get length() { return this.items.size }
  key(index: number) { return [...this.items.keys()][index] ?? null }
  getItem(key: string) { return this.items.get(key) ?? null }
  setItem(key: string, value: string) { this.items.set(key, String(value)) }
  removeItem(key: string) { this.items.delete(key) }
  clear() { this.items.clear() }
}

const userId = 'u1'
const planId = 'p1'
const syncKey = `uplift:offline:${userId}:sync:${planId}`
let storage: MemoryStorage
const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage')

beforeEach(() => {
  storage = new MemoryStorage()
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true, writable: true })
  recordKeptPlan(userId, { id: planId, title: 'Reading', schoolName: 'Harbourside', role: 'owner', ownerName: 'Vera', updatedAt: '', templateId: 'blank', createdAt: '' } as PlanSummary)
})

afterEach(() => {
  if (original) Object.defineProperty(globalThis, 'localStorage', original)
  else delete (globalThis as { localStorage?: unknown }).localStorage
})

/** A tab opening the plan: its own doc, a session started from the record as it is now, saving into it. */
function openTab(options: { loadFrom?: Y.Doc[] } = {}) {
  const doc = new Y.Doc()
  const provider = new FakeProvider()
  const persistence = {}
  const session = new CollabSession(doc, provider as unknown as WebsocketProvider, {
    record: loadSyncRecord(userId, planId),
    saveRecord: (record, writer) => saveSyncRecord(userId, planId, record, writer),
    loadOrigins: [persistence],
  })
  // This browser's copy (IndexedDB) holds what every tab wrote before this one opened.
  for (const source of options.loadFrom ?? []) Y.applyUpdate(doc, Y.encodeStateAsUpdate(source), persistence)
  session.localCopyLoaded?.()
  return { doc, provider, session }
}

const raw = () => JSON.parse(storage.getItem(syncKey) ?? 'null') as { clients?: number[]; unsaved?: boolean } | null

describe('the sync record with one plan open in two tabs', () => {
  it('a tab with nothing unsent saving after another tab wrote offline does not forget the other tab\'s changes', () => {
    const a = openTab()
    const b = openTab()
    b.doc.getText('t').insert(0, 'online')
    b.session.receiveStored(Y.encodeStateVector(b.doc))

    a.provider.synced = false
    a.doc.getText('t').insert(0, 'offline')
    expect(hasUnsentChanges(userId)).toBe(true)

    // B saves its record again (a confirmation of its own changes, another edit).
    b.doc.getText('t').insert(6, '!')
    b.session.receiveStored(Y.encodeStateVector(b.doc))
    expect(raw()?.clients).toContain(a.doc.clientID)
    expect(raw()?.unsaved).toBe(true)
    expect(hasUnsentChanges(userId)).toBe(true)
    expect(kept.planHasUnsentChanges(userId, planId)).toBe(true)
    // B's own indicators learn of them from the record as saved.
    expect(b.session.getSnapshot()).toMatchObject({ unsaved: true, waiting: 7 })

    // The server confirms A's changes, told to B (which wrote nothing more of them).
    const both = new Y.Doc()
    Y.applyUpdate(both, Y.encodeStateAsUpdate(a.doc))
    Y.applyUpdate(both, Y.encodeStateAsUpdate(b.doc))
    b.session.receiveStored(Y.encodeStateVector(both))
    expect(hasUnsentChanges(userId)).toBe(false)
    expect(raw()?.clients ?? []).not.toContain(a.doc.clientID)
    expect(b.session.getSnapshot()).toMatchObject({ unsaved: false, waiting: 0 })
  })

  it('the record becomes saved when the writing tab itself is told its changes are stored', () => {
    const a = openTab()
    const b = openTab()
    a.doc.getText('t').insert(0, 'offline')
    b.doc.getText('t').insert(0, 'online')
    b.session.receiveStored(Y.encodeStateVector(b.doc))
    expect(hasUnsentChanges(userId)).toBe(true)
    a.session.receiveStored(Y.encodeStateVector(a.doc))
    expect(hasUnsentChanges(userId)).toBe(false)
    expect(a.session.getSnapshot().unsaved).toBe(false)
  })

  it('a page opened while another tab has unsent changes counts them as waiting', () => {
    const a = openTab()
    a.doc.getText('t').insert(0, 'offline')
    const b = openTab()
    b.session.receiveStored(new Uint8Array([0]))
    const c = openTab({ loadFrom: [a.doc] })
    expect(c.session.getSnapshot()).toMatchObject({ unsaved: true, waiting: 7 })
    expect(kept.planHasUnsentChanges(userId, planId)).toBe(true)
  })

  it('a deletion made offline in one tab stays pending until a stored message reaches that tab', () => {
    const a = openTab()
    a.doc.getText('t').insert(0, 'abc')
    a.session.receiveStored(Y.encodeStateVector(a.doc))
    const b = openTab({ loadFrom: [a.doc] })
    expect(hasUnsentChanges(userId)).toBe(false)
    a.provider.synced = false
    a.doc.getText('t').delete(0, 1)
    expect(hasUnsentChanges(userId)).toBe(true)

    b.doc.getText('u').insert(0, 'x')
    b.session.receiveStored(Y.encodeStateVector(b.doc))
    expect(hasUnsentChanges(userId)).toBe(true)

    // Back online: the stored message sent on joining comes before A's sync step 2 and covers nothing of it.
    a.session.receiveStored(Y.encodeStateVector(a.doc))
    expect(hasUnsentChanges(userId)).toBe(true)
    a.provider.synced = true
    a.session.receiveStored(Y.encodeStateVector(a.doc))
    expect(hasUnsentChanges(userId)).toBe(false)
  })

  it('a page opened later confirms only the deletions its own copy held when it loaded', () => {
    const a = openTab()
    a.doc.getText('t').insert(0, 'abcdef')
    a.session.receiveStored(Y.encodeStateVector(a.doc))
    a.provider.synced = false
    a.doc.getText('t').delete(0, 1)
    // C loads A's deletion from this browser's copy and sends it with its own sync.
    const c = openTab({ loadFrom: [a.doc] })
    a.doc.getText('t').delete(0, 1)
    c.session.receiveStored(Y.encodeStateVector(c.doc))
    expect(hasUnsentChanges(userId)).toBe(true)
    expect(c.session.getSnapshot().unsaved).toBe(true)
    a.provider.synced = true
    a.session.receiveStored(Y.encodeStateVector(a.doc))
    expect(hasUnsentChanges(userId)).toBe(false)
  })

  it('a tab learns of another tab\'s changes when that tab saves (the storage event), without saving itself', () => {
    const a = openTab()
    const b = openTab()
    a.doc.getText('t').insert(0, 'offline')
    b.session.receiveRecord(loadSyncRecord(userId, planId))
    // B's document does not hold them: only A can send them, and B's page says so.
    expect(b.session.getSnapshot()).toMatchObject({ unsaved: true, waiting: 7, waitingElsewhere: true, partlyElsewhere: true })
    expect(a.session.getSnapshot()).toMatchObject({ unsaved: true, waiting: 7, waitingElsewhere: false, partlyElsewhere: false })
    // B writes something of its own too: now some of what waits is here, and some only in A.
    b.doc.getText('t').insert(0, 'mine ')
    expect(b.session.getSnapshot()).toMatchObject({ unsaved: true, waiting: 12, waitingElsewhere: false, partlyElsewhere: true })
    b.session.receiveStored(Y.encodeStateVector(b.doc))
    a.session.receiveStored(Y.encodeStateVector(a.doc))
    b.session.receiveRecord(loadSyncRecord(userId, planId))
    expect(b.session.getSnapshot()).toMatchObject({ unsaved: false, waiting: 0, waitingElsewhere: false })
  })

  it('changes of an earlier visit that this page loaded are its own to send, not another tab\'s', () => {
    const a = openTab()
    a.provider.synced = false
    a.doc.getText('t').insert(0, 'offline')
    a.session.destroy()
    // A later page loads A's changes from this browser's copy: it sends them itself on connecting.
    const b = openTab({ loadFrom: [a.doc] })
    expect(b.session.getSnapshot()).toMatchObject({ unsaved: true, waiting: 7, waitingElsewhere: false })
  })

  it('a tab whose view is older does not bring back a client id another tab found stored', () => {
    const a = openTab()
    a.doc.getText('t').insert(0, 'offline')
    const b = openTab({ loadFrom: [a.doc] })
    a.session.receiveStored(Y.encodeStateVector(a.doc))
    expect(hasUnsentChanges(userId)).toBe(false)
    // B still thinks A's changes are waiting (it was told nothing), then writes something of its own.
    b.provider.synced = false
    b.doc.getText('u').insert(0, 'x')
    expect(loadSyncRecord(userId, planId)?.writers.map((entry) => entry.client)).toEqual([b.doc.clientID])
    expect(b.session.getSnapshot().waiting).toBe(1)
  })
})

describe('the record\'s merge', () => {
  const entry = (client: number, written: number | null, stored: number, deletions = 0, deletionsStored = 0) => ({ client, written, stored, deletions, deletionsStored })

  it('keeps the largest of every fact, whichever tab saved last', () => {
    const first = { writers: [entry(1, 10, 4), entry(2, 3, 0, 1, 0)], lastSynced: 5 }
    const second = { writers: [entry(1, 8, 6), entry(2, 3, 3, 1, 1)], lastSynced: 7 }
    const oneWay = kept.mergeSyncRecords(first, second, { own: [1, 2] })
    const otherWay = kept.mergeSyncRecords(second, first, { own: [1, 2] })
    expect(oneWay).toEqual({ writers: [entry(1, 10, 6)], lastSynced: 7 })
    expect(otherWay).toEqual(oneWay)
  })

  it('adds a client id only for the tab that wrote with it, and applies what that tab knows is stored', () => {
    const existing = { writers: [entry(1, 10, 4)], lastSynced: null }
    const mine = { writers: [entry(2, 5, 0), entry(3, 5, 0)], lastSynced: null }
    const merged = kept.mergeSyncRecords(existing, mine, { own: [3], stored: new Map([[1, 10], [3, 2]]) })
    expect(merged.writers).toEqual([entry(3, 5, 2)])
  })

  it('an unknown clock (a record from before) stays unsaved until a page knows it', () => {
    const existing = { writers: [entry(1, null, 4)], lastSynced: null }
    expect(kept.recordUnsaved(kept.mergeSyncRecords(existing, { writers: [entry(1, null, 9)], lastSynced: null }, { own: [] }))).toBe(true)
    expect(kept.mergeSyncRecords(existing, { writers: [entry(1, 6, 6)], lastSynced: null }, { own: [] }).writers).toEqual([])
  })
})

describe('reading a saved record', () => {
  const previous = (value: unknown) => storage.setItem(syncKey, JSON.stringify(value))

  it('reads the previous shape without losing anything it said was unsent', () => {
    const earlier = new Y.Doc()
    earlier.getText('t').insert(0, 'stored')
    const storedClock = Y.getState(earlier.store, earlier.clientID)
    earlier.getText('t').insert(6, ' offline')
    earlier.getText('t').delete(0, 1)
    previous({ clients: [earlier.clientID], stored: [[earlier.clientID, storedClock]], lastSynced: 1, deletesPending: true, unsaved: true })
    expect(loadSyncRecord(userId, planId)).toEqual({
      writers: [{ client: earlier.clientID, written: null, stored: storedClock, deletions: 1, deletionsStored: 0 }], lastSynced: 1,
    })
    expect(hasUnsentChanges(userId)).toBe(true)

    // A page saving before its copy is loaded does not take "clock 0" for "nothing written".
    const early = new CollabSession(new Y.Doc(), new FakeProvider() as unknown as WebsocketProvider, {
      record: loadSyncRecord(userId, planId), saveRecord: (record, writer) => saveSyncRecord(userId, planId, record, writer), loadOrigins: [{}],
    })
    early.receiveStored(new Uint8Array([0]))
    expect(hasUnsentChanges(userId)).toBe(true)
    early.destroy()

    const page = openTab({ loadFrom: [earlier] })
    // Eight characters waiting, and the deletion.
    expect(page.session.getSnapshot()).toMatchObject({ unsaved: true, waiting: 9 })
    expect(hasUnsentChanges(userId)).toBe(true)
    page.session.receiveStored(Y.encodeStateVector(earlier))
    expect(page.session.getSnapshot()).toMatchObject({ unsaved: false, waiting: 0 })
    expect(hasUnsentChanges(userId)).toBe(false)
  })

  it('reads a previous record with nothing unsent as saved', () => {
    previous({ clients: [7], stored: [[7, 3]], lastSynced: 1, deletesPending: false, unsaved: false })
    expect(hasUnsentChanges(userId)).toBe(false)
    previous({ clients: [], stored: [], lastSynced: null, deletesPending: false, unsaved: true })
    expect(hasUnsentChanges(userId)).toBe(true)
  })

  it('writes the previous shape\'s fields too, for a page still running the previous version', () => {
    const a = openTab()
    a.doc.getText('t').insert(0, 'abc')
    expect(raw()).toMatchObject({ clients: [a.doc.clientID], stored: [[a.doc.clientID, 0]], deletesPending: false, unsaved: true })
  })

  it('ignores malformed records without throwing', () => {
    const shapes = [
      42, 'text', null, [], {}, { writers: 'x' }, { clients: 'x' }, { clients: [1.5, 'a', -1], stored: 5, unsaved: 'yes' },
      { writers: [null, 3, { client: -1, written: 1, stored: 0, deletions: 0, deletionsStored: 0 }, { client: 1, written: '2', stored: 0, deletions: 0, deletionsStored: 0 }] },
      { clients: [1], stored: [[1], 'x', [1, -2]], lastSynced: 'soon' },
    ]
    for (const shape of shapes) {
      previous(shape)
      expect(() => loadSyncRecord(userId, planId)).not.toThrow()
      expect(hasUnsentChanges(userId)).toBe(false)
      expect(() => openTab().doc.getText('t').insert(0, 'x')).not.toThrow()
      expect(loadSyncRecord(userId, planId)?.writers).toHaveLength(1)
    }
    storage.setItem(syncKey, '{not json')
    expect(loadSyncRecord(userId, planId)).toBeNull()
    // A well-formed entry next to malformed ones is kept.
    previous({ writers: [{ client: 5, written: 9, stored: 2, deletions: 0, deletionsStored: 0 }, { client: 'x' }], lastSynced: null })
    expect(loadSyncRecord(userId, planId)?.writers).toEqual([{ client: 5, written: 9, stored: 2, deletions: 0, deletionsStored: 0 }])
    expect(hasUnsentChanges(userId)).toBe(true)
  })
})
