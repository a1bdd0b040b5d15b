// A plan's last-updated time in the metadata file: moved on by content changes, never back.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LowMetadataStore } from '../../../server/storage/embedded/lowMetadataStore.ts'
import type { PlanRecord } from '../../../server/storage/metadata.ts'

const dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
})

async function storeWithPlan(): Promise<{ meta: LowMetadataStore; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'uplift-meta-'))
  dirs.push(dir)
  const file = join(dir, 'metadata.json')
  const meta = await LowMetadataStore.open(file)
  const plan: PlanRecord = {
    id: 'plan-a', title: 'Reading', schoolName: 'Harbourside', templateId: 'blank',
    createdAt: '2027-03-01T09:00:00.000Z', updatedAt: '2027-03-01T09:00:00.000Z', createdBy: 'user-a',
  }
  await meta.createPlan(plan, { planId: plan.id, userId: 'user-a', role: 'owner', editorUntil: null, addedAt: plan.createdAt })
  return { meta, file }
}

describe('touching a plan', () => {
  it('moves its last-updated time on and writes it to the file', async () => {
    const { meta, file } = await storeWithPlan()
    expect(await meta.touchPlan('plan-a', '2027-03-01T09:05:00.000Z')).toBe(true)
    expect((await meta.getPlan('plan-a'))?.updatedAt).toBe('2027-03-01T09:05:00.000Z')
    const written = JSON.parse(await readFile(file, 'utf8')) as { plans: PlanRecord[] }
    expect(written.plans[0].updatedAt).toBe('2027-03-01T09:05:00.000Z')
  })

  it('never moves it back (a change recorded after a later rename), and ignores a plan that is gone', async () => {
    const { meta } = await storeWithPlan()
    await meta.updatePlan('plan-a', { title: 'Writing', updatedAt: '2027-03-01T09:10:00.000Z' })
    expect(await meta.touchPlan('plan-a', '2027-03-01T09:05:00.000Z')).toBe(false)
    expect(await meta.touchPlan('plan-a', '2027-03-01T09:10:00.000Z')).toBe(false)
    expect((await meta.getPlan('plan-a'))?.updatedAt).toBe('2027-03-01T09:10:00.000Z')
    expect(await meta.touchPlan('plan-gone', '2027-03-01T09:20:00.000Z')).toBe(false)
  })

  it('writes the times of plans touched together in one write of the file, all of them', async () => {
    const { meta, file } = await storeWithPlan()
    for (const id of ['plan-b', 'plan-c']) {
      await meta.createPlan({ id, title: id, schoolName: 'Harbourside', templateId: 'blank', createdAt: '2027-03-01T09:00:00.000Z', updatedAt: '2027-03-01T09:00:00.000Z', createdBy: 'user-a' },
        { planId: id, userId: 'user-a', role: 'owner', editorUntil: null, addedAt: '2027-03-01T09:00:00.000Z' })
    }
    const writes: string[] = []
    const db = (meta as unknown as { db: { write(): Promise<void> } }).db
    const write = db.write.bind(db)
    db.write = () => { writes.push('write'); return write() }
    await Promise.all(['plan-a', 'plan-b', 'plan-c'].map((id, i) => meta.touchPlan(id, `2027-03-01T09:0${i + 1}:00.000Z`)))
    expect(writes).toHaveLength(1)
    const written = JSON.parse(await readFile(file, 'utf8')) as { plans: PlanRecord[] }
    expect(written.plans.map((plan) => plan.updatedAt)).toEqual(['2027-03-01T09:01:00.000Z', '2027-03-01T09:02:00.000Z', '2027-03-01T09:03:00.000Z'])
  })
})
