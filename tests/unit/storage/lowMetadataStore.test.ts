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

describe('lookups by key', () => {
  it('follow every change: added, replaced and removed records, and records read back from the file', async () => {
    const { meta, file } = await storeWithPlan()
    const membership = { planId: 'plan-a', userId: 'user-b', role: 'editor' as const, editorUntil: null, addedAt: '2027-03-01T09:00:00.000Z' }
    expect(await meta.getMembership('plan-a', 'user-b')).toBeUndefined()
    await meta.putMembership(membership)
    expect((await meta.getMembership('plan-a', 'user-b'))?.role).toBe('editor')
    await meta.putMembership({ ...membership, role: 'viewer' })
    expect((await meta.getMembership('plan-a', 'user-b'))?.role).toBe('viewer')
    expect((await meta.listMembers('plan-a')).map((member) => member.userId)).toEqual(['user-a', 'user-b'])
    expect((await meta.listMembershipsOfUser('user-b')).map((member) => member.planId)).toEqual(['plan-a'])
    // The lists handed out are the caller's own.
    ;(await meta.listMembers('plan-a')).pop()
    expect(await meta.listMembers('plan-a')).toHaveLength(2)
    expect(await meta.deleteMembership('plan-a', 'user-b')).toBe(true)
    expect(await meta.getMembership('plan-a', 'user-b')).toBeUndefined()
    expect(await meta.listMembershipsOfUser('user-b')).toEqual([])

    await meta.createSession({ id: 'session-1', tokenHash: 'hash-1', userId: 'user-a', createdAt: '2027-03-01T09:00:00.000Z', expiresAt: '2027-03-02T09:00:00.000Z' })
    expect((await meta.findSessionByHash('hash-1'))?.id).toBe('session-1')
    expect(await meta.deleteExpiredSessions(new Date('2027-03-03T00:00:00.000Z'))).toEqual(['session-1'])
    expect(await meta.findSessionByHash('hash-1')).toBeUndefined()

    await meta.createToken({ id: 'token-1', userId: 'user-a', name: 'bench', tokenHash: 'hash-2', createdAt: '2027-03-01T09:00:00.000Z', lastUsedAt: null })
    expect((await meta.findTokenByHash('hash-2'))?.id).toBe('token-1')
    expect(await meta.deleteToken('user-a', 'token-1')).toBe(true)
    expect(await meta.findTokenByHash('hash-2')).toBeUndefined()

    await meta.createUser({ id: 'user-a', email: 'a@example.org', name: 'A', passwordHash: 'x', isAdmin: false, createdAt: '2027-03-01T09:00:00.000Z', passwordChangedAt: '2027-03-01T09:00:00.000Z' })
    await meta.updateUser('user-a', { name: 'Ada' })
    expect((await meta.getUser('user-a'))?.name).toBe('Ada')

    await meta.deletePlan('plan-a')
    expect(await meta.getPlan('plan-a')).toBeUndefined()
    expect(await meta.getMembership('plan-a', 'user-a')).toBeUndefined()

    const reopened = await LowMetadataStore.open(file)
    expect((await reopened.getUser('user-a'))?.name).toBe('Ada')
    expect(await reopened.getPlan('plan-a')).toBeUndefined()
  })
})

describe('records in and out', () => {
  it('hands out copies: changing one changes nothing stored, and it does not follow later changes', async () => {
    const { meta } = await storeWithPlan()
    const held = (await meta.getPlan('plan-a'))!
    held.title = 'Scribbled on'
    expect((await meta.getPlan('plan-a'))?.title).toBe('Reading')
    await meta.updatePlan('plan-a', { title: 'Writing' })
    expect(held.title).toBe('Scribbled on')
    const members = await meta.listMembers('plan-a')
    members[0].role = 'viewer'
    expect((await meta.getMembership('plan-a', 'user-a'))?.role).toBe('owner')
    const membership = (await meta.getMembership('plan-a', 'user-a'))!
    membership.role = 'viewer'
    expect((await meta.listMembershipsOfUser('user-a'))[0].role).toBe('owner')
  })

  it('keeps a copy of what it is given: the caller changing its own record afterwards changes nothing stored', async () => {
    const { meta } = await storeWithPlan()
    const membership = { planId: 'plan-a', userId: 'user-b', role: 'editor' as const, editorUntil: null, addedAt: '2027-03-01T09:00:00.000Z' }
    await meta.putMembership(membership)
    membership.role = 'owner' as 'editor'
    expect((await meta.getMembership('plan-a', 'user-b'))?.role).toBe('editor')
    const version = { id: 'v1', planId: 'plan-a', createdAt: '2027-03-01T09:00:00.000Z', reason: 'activity' as const, editorIds: ['user-a'] }
    await meta.createVersion(version)
    version.editorIds.push('user-z')
    expect((await meta.getVersion('plan-a', 'v1'))?.editorIds).toEqual(['user-a'])
  })
})
