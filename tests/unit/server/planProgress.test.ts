// Headline figures for the plan list are reused until the plan changes or the day does, so listing plans
// does not load every plan each time.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import { noticeChanges, PlanProgress } from '../../../server/plans/planProgress.ts'
import { DocumentLogStore } from '../../../server/storage/embedded/documentLog.ts'
import { MemoryDocumentStore } from '../../../server/storage/memory/memoryDocumentStore.ts'
import { findTemplate } from '../../../shared/templates/index.ts'
import { PLAN_FRAGMENT } from '../../../shared/ydoc.ts'
import { schema } from '../plan/planFixtures.ts'

function setup() {
  const docs = new Map<string, Y.Doc>()
  for (const id of ['plan-aaaaaaaa', 'plan-bbbbbbbb', 'plan-cccccccc']) {
    const doc = new Y.Doc()
    prosemirrorJSONToYXmlFragment(schema, findTemplate('middle-leader-secondment')!.content({ title: 'T', schoolName: 'S' }), doc.getXmlFragment(PLAN_FRAGMENT))
    docs.set(id, doc)
  }
  const loads: string[] = []
  let today = '2027-01-10'
  const progress = new PlanProgress(async (planId, read) => {
    loads.push(planId)
    return read(docs.get(planId)!)
  }, () => today)
  return { docs, loads, progress, setToday: (day: string) => { today = day } }
}

describe('plan progress figures', () => {
  it('loads each plan once, then answers from memory until something changes', async () => {
    const { docs, loads, progress, setToday } = setup()
    const ids = [...docs.keys()]
    expect((await progress.headlines(ids)).size).toBe(3)
    expect(loads).toEqual(ids)
    await progress.headlines(ids)
    expect(loads).toHaveLength(3)

    progress.changed('plan-bbbbbbbb')
    await progress.headlines(ids)
    expect(loads.slice(3)).toEqual(['plan-bbbbbbbb'])

    // A change applied to a document already read counts even without a stored-change notice.
    const action = docs.get('plan-cccccccc')!.getXmlFragment(PLAN_FRAGMENT).toArray()
      .find((node) => node instanceof Y.XmlElement && node.nodeName === 'priority') as Y.XmlElement
    ;(action.toArray().find((node) => (node as Y.XmlElement).nodeName === 'action') as Y.XmlElement).setAttribute('status', 'done')
    const after = await progress.headlines(ids)
    expect(loads.slice(4)).toEqual(['plan-cccccccc'])
    expect(after.get('plan-cccccccc')?.done).toBe(1)

    setToday('2027-01-11')
    await progress.headlines(ids)
    expect(loads).toHaveLength(8)
  })

  it('loads at most a few plans per request; the rest come later', async () => {
    const { docs, loads, progress } = setup()
    const ids = [...docs.keys()]
    expect([...(await progress.headlines(ids, 2)).keys()]).toEqual(ids.slice(0, 2))
    expect([...(await progress.headlines(ids, 2)).keys()]).toEqual(ids)
    expect(loads).toHaveLength(3)
  })

  it('leaves out a plan that cannot be read rather than failing the list', async () => {
    const progress = new PlanProgress(async () => { throw new Error('storage down') })
    expect((await progress.headlines(['plan-aaaaaaaa'])).size).toBe(0)
  })

  it('hears of every change stored for a plan', async () => {
    const changed: string[] = []
    const store = noticeChanges(new MemoryDocumentStore(), (planId) => changed.push(planId))
    await store.append('plan-aaaaaaaa', new Uint8Array([0, 0]))
    await store.compact('plan-aaaaaaaa', new Uint8Array([0, 0]))
    expect(changed).toEqual(['plan-aaaaaaaa', 'plan-aaaaaaaa'])
    expect((await store.load('plan-aaaaaaaa')).updates.length).toBeGreaterThan(0)
  })

  it('hears of every plan whose changes shared one flush of the journal, once it is done', async () => {
    const root = await mkdtemp(join(tmpdir(), 'uplift-progress-'))
    const changed: string[] = []
    const store = noticeChanges(new DocumentLogStore({ root }), (planId) => changed.push(planId))
    await store.append('plan-aaaaaaaa', new Uint8Array([0, 0]))
    changed.length = 0
    const together = ['plan-bbbbbbbb', 'plan-cccccccc', 'plan-bbbbbbbb'].map((planId) => store.append(planId, new Uint8Array([0, 0])))
    expect(changed).toEqual([])
    await Promise.all(together)
    expect(changed.sort()).toEqual(['plan-bbbbbbbb', 'plan-cccccccc'])
    await store.close()
    await rm(root, { recursive: true, force: true })
  })
})
