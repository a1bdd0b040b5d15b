// Snapshots, automatic versions, comparison and restore, through the HTTP API with real connected clients.
import { describe, expect, it } from 'vitest'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import type { PlanComparison, SnapshotDocument, SnapshotSummary, VersionSummary } from '../../shared/api.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import { schemaForServer } from '../../server/plans/content.ts'
import type { Person } from '../helpers/api.ts'
import { type, type TestClient } from '../helpers/collab.ts'
import { synced, testScope } from '../helpers/scope.ts'
import { eventually } from '../helpers/server.ts'

const { server, client, cast } = testScope()


const json = (c: TestClient) => yXmlFragmentToProseMirrorRootNode(c.doc.getXmlFragment(PLAN_FRAGMENT), schemaForServer()).toJSON()

async function publish(person: Person, planId: string, name: string, forTrustees = false): Promise<SnapshotSummary> {
  const { snapshot } = await person.json<{ snapshot: SnapshotSummary }>('POST', `/api/plans/${planId}/snapshots`, { name, forTrustees })
  return snapshot
}

describe('snapshots', () => {
  it('publish, edit, compare, restore: both connected clients see the snapshot again and the pre-restore version is kept', async () => {
    const c = await cast()
    const a = client(c.srv.url, c.planId, c.owner)
    const b = client(c.srv.url, c.planId, c.editor)
    await Promise.all([synced(a), synced(b)])
    type(a, 'Reading fluency is the first priority.')
    await eventually(() => expect(b.text()).toContain('Reading fluency'))

    const snapshot = await publish(c.owner, c.planId, 'Autumn term review', true)
    expect(snapshot).toMatchObject({ name: 'Autumn term review', forTrustees: true, publishedBy: 'Olivia Owner', signoff: null })
    const stored = await c.owner.json<SnapshotDocument>('GET', `/api/plans/${c.planId}/snapshots/${snapshot.id}`)
    expect(JSON.stringify(stored.content)).toContain('Reading fluency is the first priority.')

    // Edits after the snapshot: a change of wording and a new paragraph.
    type(b, 'Attendance has become a second priority.')
    await eventually(() => expect(a.text()).toContain('Attendance has become'))
    const after = await c.owner.json<SnapshotDocument>('GET', `/api/plans/${c.planId}/snapshots/${snapshot.id}`)
    expect(JSON.stringify(after.content)).not.toContain('Attendance')

    const { comparison } = await c.editor.json<{ comparison: PlanComparison }>('GET', `/api/plans/${c.planId}/compare?from=snapshot:${snapshot.id}&to=live`)
    expect(comparison.from).toMatchObject({ label: 'Autumn term review' })
    expect(comparison.to).toMatchObject({ label: 'Live plan', ref: 'live' })
    const added = comparison.blocks.filter((block) => block.kind === 'added')
    expect(added).toEqual([expect.objectContaining({ type: 'paragraph', segments: [{ op: 'insert', text: 'Attendance has become a second priority.' }] })])
    expect(comparison.blocks.filter((block) => block.kind === 'unchanged').length).toBeGreaterThan(3)

    const restored = await c.editor.json<{ before: VersionSummary }>('POST', `/api/plans/${c.planId}/restore`, { source: `snapshot:${snapshot.id}` })
    expect(restored.before).toMatchObject({ reason: 'before-restore', restoredFrom: 'the snapshot “Autumn term review”' })
    await eventually(() => {
      expect(json(a)).toEqual(stored.content)
      expect(json(b)).toEqual(stored.content)
    })
    // Everyone else in the plan is told who restored what, and that what was there is kept; the person who
    // restored (told by the answer) is not.
    await eventually(() => {
      expect(a.notices.filter((notice) => notice.kind === 'restored').map((notice) => notice.message)).toEqual([
        expect.stringMatching(/^Eddie Editor restored the snapshot “Autumn term review”, replacing what was in the plan, including any changes you had just made\. What was there just before is kept at the top of History, so nothing is lost\.$/),
      ])
    })
    expect(b.notices.some((notice) => notice.kind === 'restored')).toBe(false)
    // The state just before the restore is a version, and it still has the later edit.
    const { versions } = await c.editor.json<{ versions: VersionSummary[] }>('GET', `/api/plans/${c.planId}/versions`)
    expect(versions.map((version) => version.id)).toContain(restored.before.id)
    const kept = await c.editor.json<{ content: unknown }>('GET', `/api/plans/${c.planId}/versions/${restored.before.id}`)
    expect(JSON.stringify(kept.content)).toContain('Attendance has become a second priority.')

    // The clients keep editing after the restore, and converge.
    type(b, 'Written after the restore.')
    await eventually(() => expect(a.text()).toContain('Written after the restore.'))

    // Restoring the version brings the later edit back.
    await c.owner.json('POST', `/api/plans/${c.planId}/restore`, { source: `version:${restored.before.id}` })
    await eventually(() => {
      expect(a.text()).toContain('Attendance has become')
      expect(b.text()).toContain('Attendance has become')
      expect(json(a)).toEqual(kept.content)
    })
  })

  it('shows trustees only the snapshots published to them, never the live plan or its versions', async () => {
    const c = await cast()
    const internal = await publish(c.editor, c.planId, 'Working draft')
    const first = await publish(c.owner, c.planId, 'Autumn term review', true)
    const second = await publish(c.owner, c.planId, 'Spring term review', true)

    const { snapshots } = await c.trustee.json<{ snapshots: SnapshotSummary[] }>('GET', `/api/plans/${c.planId}/snapshots`)
    expect(snapshots.map((snapshot) => snapshot.name)).toEqual(['Spring term review', 'Autumn term review'])
    const all = await c.viewer.json<{ snapshots: SnapshotSummary[] }>('GET', `/api/plans/${c.planId}/snapshots`)
    expect(all.snapshots).toHaveLength(3)

    expect((await c.trustee.call('GET', `/api/plans/${c.planId}/snapshots/${first.id}`)).status).toBe(200)
    const trusteeCompare = await c.trustee.json<{ comparison: PlanComparison }>('GET', `/api/plans/${c.planId}/compare?from=snapshot:${first.id}&to=snapshot:${second.id}`)
    expect(trusteeCompare.comparison.to.label).toBe('Spring term review')

    for (const path of [
      `/api/plans/${c.planId}/snapshots/${internal.id}`,
      `/api/plans/${c.planId}/compare?from=snapshot:${first.id}&to=live`,
      `/api/plans/${c.planId}/compare?from=snapshot:${internal.id}&to=snapshot:${second.id}`,
      `/api/plans/${c.planId}/versions`,
      `/api/plans/${c.planId}/export.pdf`,
    ]) {
      expect((await c.trustee.call('GET', path)).status, path).toBe(404)
    }
    expect((await c.trustee.call('POST', `/api/plans/${c.planId}/restore`, { source: `snapshot:${first.id}` })).status).toBe(404)
    expect((await c.trustee.call('POST', `/api/plans/${c.planId}/snapshots`, { name: 'Mine' })).status).toBe(403)
    expect((await c.viewer.call('POST', `/api/plans/${c.planId}/snapshots`, { name: 'Mine' })).status).toBe(403)
    expect((await c.viewer.call('POST', `/api/plans/${c.planId}/restore`, { source: `snapshot:${first.id}` })).status).toBe(403)
    // Not allowed at all: said so, whatever the body (not that the body is malformed).
    expect((await c.viewer.call('POST', `/api/plans/${c.planId}/restore`, { nonsense: true })).status).toBe(403)
    expect((await c.viewer.call('POST', `/api/plans/${c.planId}/snapshots`, { name: '' })).status).toBe(403)
    expect((await c.viewer.call('POST', `/api/plans/${c.planId}/snapshots/${first.id}/signoff`, {})).status).toBe(403)
    expect((await c.stranger.call('GET', `/api/plans/${c.planId}/snapshots`)).status).toBe(404)
    expect((await c.stranger.call('GET', `/api/plans/${c.planId}/snapshots/${first.id}`)).status).toBe(404)

    // A trustee snapshot as a PDF, with its name; never one not published to trustees.
    const pdf = await c.trustee.call('GET', `/api/plans/${c.planId}/snapshots/${first.id}/export.pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(pdf.headers.get('content-disposition')).toContain('Autumn term review')
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
    expect((await c.trustee.call('GET', `/api/plans/${c.planId}/snapshots/${internal.id}/export.pdf`)).status).toBe(404)

    // Bodies and queries are checked.
    expect((await c.owner.call('POST', `/api/plans/${c.planId}/snapshots`, { name: '' })).status).toBe(400)
    expect((await c.owner.call('POST', `/api/plans/${c.planId}/snapshots`, { name: 'x', extra: 1 })).status).toBe(400)
    expect((await c.owner.call('GET', `/api/plans/${c.planId}/compare?from=nonsense&to=live`)).status).toBe(400)
    expect((await c.owner.call('POST', `/api/plans/${c.planId}/restore`, { source: 'live' })).status).toBe(400)
    // A mistyped id in an address is the thing it names not found, said as such.
    const mistyped = await c.trustee.call('GET', `/api/plans/${c.planId}/snapshots/not%20an%20id`)
    expect(mistyped.status).toBe(404)
    expect((await mistyped.json()).error).toBe('That snapshot does not exist, or it has not been shared with you.')
    expect((await (await c.owner.call('GET', '/api/plans/bad.id/snapshots')).json()).error).toBe('That plan does not exist, or it has not been shared with you.')
    expect((await (await c.owner.call('GET', `/api/plans/${c.planId}/nonsense`)).json()).error).toBe('There is no such address in the Uplift API.')
  })

  it('asks the named approvers to sign off, and says when both have approved', async () => {
    const c = await cast()
    const snapshot = await publish(c.owner, c.planId, 'Autumn term review', true)
    const path = `/api/plans/${c.planId}/snapshots/${snapshot.id}`
    expect((await c.editor.call('POST', `${path}/signoff`, { approverIds: [c.owner.user.id, c.editor.user.id] })).status).toBe(403)
    expect((await c.owner.call('POST', `${path}/signoff`, { approverIds: [c.owner.user.id, c.trustee.user.id] })).status).toBe(400)
    const asked = await c.owner.json<{ snapshot: SnapshotSummary }>('POST', `${path}/signoff`, { approverIds: [c.owner.user.id, c.editor.user.id] })
    expect(asked.snapshot.signoff).toMatchObject({ approvedAt: null, approvers: [{ name: 'Olivia Owner', approvedAt: null }, { name: 'Eddie Editor', approvedAt: null }] })

    expect((await c.viewer.call('POST', `${path}/approve`)).status).toBe(403)
    await c.editor.json('POST', `${path}/approve`)
    expect((await c.editor.call('POST', `${path}/approve`)).status).toBe(409)
    const { snapshot: approved } = await c.owner.json<{ snapshot: SnapshotSummary }>('POST', `${path}/approve`)
    expect(approved.signoff?.approvedAt).toEqual(expect.any(String))
    expect(approved.signoff?.approvers.every((approver) => approver.approvedAt)).toBe(true)

    // Trustees see that it is approved, in the list and when reading it.
    const { snapshots } = await c.trustee.json<{ snapshots: SnapshotSummary[] }>('GET', `/api/plans/${c.planId}/snapshots`)
    expect(snapshots[0].signoff?.approvedAt).toBe(approved.signoff?.approvedAt)
    expect((await c.trustee.json<SnapshotDocument>('GET', path)).snapshot.signoff?.approvedAt).toBe(approved.signoff?.approvedAt)
    expect((await c.owner.call('POST', `${path}/signoff`, { approverIds: [c.owner.user.id] })).status).toBe(409)
  })

  it('keeps automatic versions while people edit, listing who edited, and keeps snapshots across a restart', async () => {
    const c = await cast({ env: { VERSION_INTERVAL_SECONDS: '1' }, keepData: true })
    const a = client(c.srv.url, c.planId, c.owner)
    const b = client(c.srv.url, c.planId, c.editor)
    await Promise.all([synced(a), synced(b)])
    type(a, 'The owner wrote this.')
    type(b, 'The editor wrote this.')
    const versions = await eventually(async () => {
      const { versions } = await c.editor.json<{ versions: VersionSummary[] }>('GET', `/api/plans/${c.planId}/versions`)
      expect(versions.length).toBeGreaterThan(0)
      expect(versions.flatMap((version) => version.editors).sort()).toEqual(['Eddie Editor', 'Olivia Owner'])
      return versions
    }, 10_000)
    expect(versions[0].reason).toBe('activity')
    const { content } = await c.owner.json<{ content: unknown }>('GET', `/api/plans/${c.planId}/versions/${versions[0].id}`)
    expect(JSON.stringify(content)).toContain('The editor wrote this.')
    expect((await c.viewer.call('GET', `/api/plans/${c.planId}/versions`)).status).toBe(403)

    const snapshot = await publish(c.owner, c.planId, 'Before the restart')
    a.destroy()
    b.destroy()
    await c.srv.close()
    const again = await server({ dataDir: c.srv.dataDir })
    // The session is in the metadata, so the owner's cookie still works; only the port changed.
    const owner = { ...c.owner, call: (method: string, path: string) => fetch(again.url + path, { method, headers: { cookie: c.owner.cookie } }) }
    const response = await owner.call('GET', `/api/plans/${c.planId}/snapshots/${snapshot.id}`)
    expect(response.status).toBe(200)
    const body = (await response.json()) as SnapshotDocument
    expect(JSON.stringify(body.content)).toContain('The owner wrote this.')
    const list = await owner.call('GET', `/api/plans/${c.planId}/versions`)
    expect(((await list.json()) as { versions: VersionSummary[] }).versions.length).toBeGreaterThan(0)
  })
})
