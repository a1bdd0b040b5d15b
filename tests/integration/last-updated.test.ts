// The plan list's "Last updated" follows edits to a plan's content (and restores), written at most once
// an interval per plan; the last change of a burst is written when the plan leaves memory or the server
// stops. Merely opening a plan changes nothing.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { PlanSummary, VersionSummary } from '../../shared/api.ts'
import { createPlan, register, request, type Person } from '../helpers/api.ts'
import { type, type TestClient } from '../helpers/collab.ts'
import { synced, testScope } from '../helpers/scope.ts'
import { eventually } from '../helpers/server.ts'

const { server, client } = testScope()

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function listed(person: Person, baseUrl?: string): Promise<PlanSummary[]> {
  const response = baseUrl
    ? await request(baseUrl, 'GET', '/api/plans', undefined, { cookie: person.cookie })
    : await person.call('GET', '/api/plans')
  expect(response.status).toBe(200)
  return ((await response.json()) as { plans: PlanSummary[] }).plans
}

async function updatedAt(person: Person, planId: string, baseUrl?: string): Promise<number> {
  const plan = (await listed(person, baseUrl)).find((candidate) => candidate.id === planId)
  expect(plan).toBeDefined()
  return Date.parse(plan!.updatedAt)
}

/** Waits until the server has confirmed storing everything the client wrote. */
async function stored(c: TestClient): Promise<void> {
  await eventually(() => expect(c.stored?.get(c.doc.clientID) ?? 0).toBe(Y.getState(c.doc.store, c.doc.clientID)))
}

describe('a plan\'s last-updated time', () => {
  it('moves on as people edit, so the plan rises to the top of the list; opening a plan does not move it', async () => {
    const srv = await server({ parts: { lastUpdatedIntervalMs: 300 } })
    const owner = await register(srv.url, 'Olivia Owner')
    const edited = await createPlan(owner, 'Raising attainment in maths')
    await pause(5)
    const opened = await createPlan(owner, 'Reading for pleasure')
    expect((await listed(owner)).map((plan) => plan.id)).toEqual([opened.id, edited.id])

    const reader = client(srv.url, opened.id, owner)
    const writer = client(srv.url, edited.id, owner)
    await Promise.all([synced(reader), synced(writer)])
    type(writer, 'Attendance is below the national average.')
    const first = await eventually(async () => {
      const time = await updatedAt(owner, edited.id)
      expect(time).toBeGreaterThan(Date.parse(edited.updatedAt))
      return time
    })
    expect((await listed(owner)).map((plan) => plan.id)).toEqual([edited.id, opened.id])

    // A burst of typing: the time of its last change is written once the interval is up, without a minute's wait.
    await pause(10)
    for (let i = 0; i < 5; i++) type(writer, `Line ${i}`)
    await pause(10)
    const beforeLast = Date.now()
    type(writer, 'The last line of the burst.')
    await stored(writer)
    await eventually(async () => expect(await updatedAt(owner, edited.id)).toBeGreaterThanOrEqual(beforeLast))
    expect(await updatedAt(owner, edited.id)).toBeGreaterThan(first)

    expect(await updatedAt(owner, opened.id)).toBe(Date.parse(opened.updatedAt))
  })

  it('writes at most once an interval while a plan is edited, and the last change when the server stops', async () => {
    const srv = await server({ keepData: true })
    const owner = await register(srv.url, 'Olivia Owner')
    const plan = await createPlan(owner)
    const writer = client(srv.url, plan.id, owner)
    await synced(writer)
    type(writer, 'Attendance is below the national average.')
    const first = await eventually(async () => {
      const time = await updatedAt(owner, plan.id)
      expect(time).toBeGreaterThan(Date.parse(plan.updatedAt))
      return time
    })

    await pause(10)
    const beforeLast = Date.now()
    type(writer, 'Reading is a strength in Key Stage 1.')
    await stored(writer)
    // Within the minute: the change waits.
    await pause(200)
    expect(await updatedAt(owner, plan.id)).toBe(first)

    writer.destroy()
    await srv.close()
    const again = await server({ dataDir: srv.dataDir })
    expect(await updatedAt(owner, plan.id, again.url)).toBeGreaterThanOrEqual(beforeLast)
  })

  it('writes the last change when the plan leaves memory', async () => {
    const srv = await server({ env: { IDLE_UNLOAD_MS: '100' } })
    const owner = await register(srv.url, 'Olivia Owner')
    const plan = await createPlan(owner)
    const writer = client(srv.url, plan.id, owner)
    await synced(writer)
    type(writer, 'Attendance is below the national average.')
    await eventually(async () => expect(await updatedAt(owner, plan.id)).toBeGreaterThan(Date.parse(plan.updatedAt)))

    await pause(10)
    const beforeLast = Date.now()
    type(writer, 'Reading is a strength in Key Stage 1.')
    await stored(writer)
    writer.destroy()
    await eventually(() => expect(srv.hub.loadedPlanCount()).toBe(0))
    expect(await updatedAt(owner, plan.id)).toBeGreaterThanOrEqual(beforeLast)
  })

  it('moves on when an earlier version is restored', async () => {
    const srv = await server({ parts: { lastUpdatedIntervalMs: 200 } })
    const owner = await register(srv.url, 'Olivia Owner')
    const plan = await createPlan(owner)
    const writer = client(srv.url, plan.id, owner)
    await synced(writer)
    const { snapshot } = await owner.json<{ snapshot: { id: string } }>('POST', `/api/plans/${plan.id}/snapshots`, { name: 'Autumn term review' })
    type(writer, 'Written after the snapshot.')
    await stored(writer)
    // Long enough for every write the typing caused.
    await pause(600)
    const beforeRestore = Date.now()
    expect(await updatedAt(owner, plan.id)).toBeLessThan(beforeRestore)

    await owner.json<{ before: VersionSummary }>('POST', `/api/plans/${plan.id}/restore`, { source: `snapshot:${snapshot.id}` })
    await eventually(() => expect(writer.text()).not.toContain('Written after the snapshot.'))
    await eventually(async () => expect(await updatedAt(owner, plan.id)).toBeGreaterThanOrEqual(beforeRestore))
  })
})
