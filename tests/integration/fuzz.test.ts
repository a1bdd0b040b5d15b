// Thousands of generated frames (random, mutated from real ones, truncated, oversized, invalid updates)
// from several connections while a well-behaved person types: the server never exits, and that person's
// plan stays correct.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import { createPlan, register, share } from '../helpers/api.ts'
import { connect } from '../helpers/collab.ts'
import { spawnServer } from '../helpers/process.ts'
import { awarenessFrame, concatFrames, openRaw, paragraphUpdate, syncFrame, syncStep1Frame, type RawClient } from '../helpers/rawClient.ts'
import { eventually } from '../helpers/server.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const FRAME_LIMIT = 64 * 1024

/** A small seeded generator, so a failure can be replayed. */
function prng(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state ^= state << 13; state >>>= 0
    state ^= state >>> 17
    state ^= state << 5; state >>>= 0
    return state / 2 ** 32
  }
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: T[]) => items[Math.floor(next() * items.length)] }
}

type Random = ReturnType<typeof prng>

function randomBytes(random: Random, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => random.int(256))
}

function mutate(random: Random, frame: Uint8Array): Uint8Array {
  const copy = frame.slice()
  switch (random.int(5)) {
    case 0: // flip some bits
      for (let i = 0; i < 1 + random.int(4); i++) copy[random.int(copy.length)] ^= 1 << random.int(8)
      return copy
    case 1: // cut it short
      return copy.slice(0, random.int(copy.length))
    case 2: // insert junk
      return concatFrames(copy.slice(0, random.int(copy.length)), randomBytes(random, 1 + random.int(8)), copy.slice(random.int(copy.length)))
    case 3: // a huge length prefix on the payload
      return concatFrames(copy.slice(0, 2), new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]), copy.slice(2))
    default: // duplicate a slice
      return concatFrames(copy, copy.slice(random.int(copy.length)))
  }
}

function nested(depth: number): unknown {
  let value: unknown = 'x'
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

/** One hostile frame, drawn from every kind the issue names. */
function hostileFrame(random: Random, base: Y.Doc, real: Uint8Array[]): Uint8Array {
  switch (random.int(9)) {
    case 0: return randomBytes(random, 1 + random.int(64))
    case 1: return mutate(random, random.pick(real))
    case 2: return random.pick(real).slice(0, 1 + random.int(Math.max(1, random.pick(real).length - 1)))
    case 3: return randomBytes(random, FRAME_LIMIT + 1 + random.int(1024)) // oversized
    case 4: return syncFrame(2, randomBytes(random, 1 + random.int(200))) // an update Yjs rejects
    case 5: return syncFrame(random.next() < 0.5 ? 1 : 2, mutate(random, paragraphUpdate(base, 'fuzz')))
    case 6: return new Uint8Array([random.int(256), random.int(256), ...randomBytes(random, random.int(8))]) // unknown types
    case 7: return awarenessFrame([{ clientId: random.int(2 ** 31), clock: random.int(100), state: random.next() < 0.5 ? nested(2000) : { user: { name: 'x'.repeat(random.int(20_000)) } } }])
    default: return concatFrames(syncStep1Frame(new Uint8Array([0])), randomBytes(random, 1 + random.int(16)))
  }
}

describe('the collaboration endpoint under fuzzing', () => {
  it('never exits, closes only offending connections, and keeps the good person\'s plan correct', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'uplift-fuzz-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const server = await spawnServer(dataDir, { MAX_FRAME_BYTES: String(FRAME_LIMIT), MESSAGES_PER_SECOND: '100000', MESSAGE_BURST: '100000', MAX_CONNECTIONS_PER_PERSON: '1000' })
    cleanups.push(() => server.kill())
    const good = await register(server.url, 'Grace Good')
    const plan = await createPlan(good)
    const attackers = await Promise.all([1, 2, 3, 4].map((n) => register(server.url, `Attacker ${n}`)))
    for (const [index, attacker] of attackers.entries()) await share(good, plan.id, attacker, index % 2 === 0 ? 'editor' : 'viewer')

    const person = connect(server.url, plan.id, good)
    cleanups.push(() => person.destroy())
    await eventually(() => expect(person.provider.synced).toBe(true))
    let typed = 0
    const typing = setInterval(() => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(`good${typed++}`)])
      person.doc.getXmlFragment(PLAN_FRAGMENT).push([paragraph])
    }, 20)

    const realFrames: Uint8Array[] = []
    const base = new Y.Doc()
    realFrames.push(syncStep1Frame(Y.encodeStateVector(base)), syncFrame(2, paragraphUpdate(base, 'real')), awarenessFrame([{ clientId: 1, clock: 1, state: { cursor: null } }]))

    const budget = { refusedUpgrades: [] as string[], frames: 0, closed: 0, maxFrames: 5000, until: Date.now() + 20_000 }
    await Promise.all(attackers.map(async (attacker, index) => {
      const random = prng(1000 + index)
      let raw: RawClient | null = null
      while (budget.frames < budget.maxFrames && Date.now() < budget.until) {
        if (!raw || raw.closeInfo) {
          if (raw?.closeInfo) budget.closed++
          try {
            raw = await openRaw(server.url, plan.id, { cookie: attacker.cookie })
          } catch (error) {
            // A refused or reset upgrade is the server defending itself; note it and try again.
            budget.refusedUpgrades.push((error as Error).message)
            raw = null
            continue
          }
        }
        if (raw.ws.readyState !== raw.ws.OPEN) {
          // The server is closing this one: wait for it rather than send into a closing socket.
          await Promise.race([raw.closed, new Promise((resolve) => setTimeout(resolve, 200))])
          if (!raw.closeInfo) raw.ws.terminate()
          await raw.closed
          continue
        }
        raw.send(hostileFrame(random, base, realFrames))
        budget.frames++
        // Give the server the chance to answer (or close) before the next frame.
        await new Promise((resolve) => setTimeout(resolve, budget.frames % 4 === 0 ? 2 : 0))
      }
      raw?.close()
    }))
    clearInterval(typing)

    if (server.child.exitCode !== null) console.log(server.output().slice(-3000))
    expect(server.child.exitCode).toBeNull()
    const health = await fetch(`${server.url}/api/health`)
    expect(health.status).toBe(200)
    // The good person's words are all there, and what they hold is what the server holds and stores.
    const fresh = connect(server.url, plan.id, good)
    cleanups.push(() => fresh.destroy())
    await eventually(() => expect(fresh.text()).toBe(person.text()), 15_000)
    for (let i = 0; i < typed; i++) expect(person.text()).toContain(`good${i}<`)
    console.log(`fuzz: frames tried ${budget.frames}, connections closed ${budget.closed}, upgrades refused ${budget.refusedUpgrades.length} (${[...new Set(budget.refusedUpgrades)].join('; ')}), server crashes ${server.child.exitCode === null ? 0 : 1}, good edits ${typed}`)
    expect(budget.frames).toBeGreaterThan(1000)
  })
})
