/**
 * A client worker process: holds many simulated editors (real Y.Docs and providers) and does what the
 * coordinator asks over IPC. Clients live here, never in a server's process, so a server's CPU time is
 * its own.
 */
import { createHash } from 'node:crypto'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import { now, sleep } from '../clock.ts'
import type { ClientTarget } from '../servers/types.ts'
import { generateHistory, readHistory } from './history.ts'
import { openClient, type BenchClient } from './providers.ts'
import type { ClientSpec, ClientState, Collected, Command, ConnectResult, EditResult, LoadResult, ProbeResult, Reply, Request, SendRecord } from './protocol.ts'

// Each y-websocket provider adds a process 'exit' listener; a worker holds over a thousand.
process.setMaxListeners(0)
// The coordinator going away (even killed) ends the worker.
process.on('disconnect', () => process.exit(0))

const BODY = 'content'

interface Editor {
  spec: ClientSpec
  client: BenchClient
  text: Y.XmlText | null
  typed: number
  lastClocks: number[]
  times: number[]
}

let editors: Editor[] = []
let arrivals: number[] = []
let loader: BenchClient | null = null

function svKey(doc: Y.Doc): string {
  return [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([client, clock]) => `${client}:${clock}`)
    .join(',')
}

function trackArrivals(doc: Y.Doc): void {
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.local) return
    const at = now()
    for (const [client, after] of transaction.afterState) {
      const before = transaction.beforeState.get(client) ?? 0
      if (after > before && client !== doc.clientID) arrivals.push(client, before, after, at)
    }
  })
}

async function connect(clients: ClientSpec[], syncTimeoutMs: number, track: boolean): Promise<ConnectResult> {
  const startedAt = now()
  const syncedAt = new Float64Array(clients.length).fill(Number.NaN)
  let closes = 0
  let pending = clients.length
  let done!: () => void
  const allSynced = new Promise<void>((resolve) => { done = resolve })
  if (pending === 0) done()
  clients.forEach((spec, index) => {
    const doc = new Y.Doc()
    if (track) trackArrivals(doc)
    const client = openClient(spec.target, doc, `Editor ${spec.key}`)
    client.onSynced(() => {
      if (!Number.isNaN(syncedAt[index])) return
      syncedAt[index] = now()
      if (--pending === 0) done()
    })
    client.onClose(() => { closes++ })
    editors.push({ spec, client, text: null, typed: 0, lastClocks: [], times: [] })
  })
  await Promise.race([allSynced, sleep(syncTimeoutMs)])
  return { startedAt, syncedAt, closes }
}

/** Each editor not yet prepared starts its own paragraph (not measured). */
function prepare(): void {
  for (const editor of editors) {
    if (editor.text) continue
    const paragraph = new Y.XmlElement('paragraph')
    editor.text = new Y.XmlText('')
    paragraph.insert(0, [editor.text])
    editor.client.doc.getXmlFragment(BODY).push([paragraph])
  }
}

/** One keystroke: a character at the end of the editor's paragraph; now and then Enter (a new paragraph). */
function keystroke(editor: Editor): void {
  const doc = editor.client.doc
  editor.typed++
  const at = now()
  if (editor.typed % 60 === 0) {
    const paragraph = new Y.XmlElement('paragraph')
    editor.text = new Y.XmlText('')
    paragraph.insert(0, [editor.text])
    doc.getXmlFragment(BODY).push([paragraph])
  } else {
    const text = editor.text!
    text.insert(text.length, editor.typed % 6 === 0 ? ' ' : 'abcdefghijklmnopqrstuvwxyz'[editor.typed % 26])
  }
  editor.lastClocks.push(Y.getState(doc.store, doc.clientID) - 1)
  editor.times.push(at)
}

/** Every editor types at `perSecond` from `startAt` for `durationMs`, each with its own phase. */
async function edit(startAt: number, durationMs: number, perSecond: number): Promise<EditResult> {
  const period = 1000 / perSecond
  const maxEdits = Math.ceil((durationMs / 1000) * perSecond)
  const endAt = startAt + durationMs
  const next = editors.map(() => startAt + Math.random() * period)
  const counts = editors.map(() => 0)
  let total = 0
  await sleep(Math.max(0, startAt - now()))
  // How late this worker's event loop ran: a busy client inflates the latencies it measures.
  const lag = monitorEventLoopDelay({ resolution: 5 })
  lag.enable()
  const cpuBefore = process.cpuUsage()
  for (;;) {
    const t = now()
    if (t >= endAt) break
    for (let i = 0; i < editors.length; i++) {
      while (next[i] <= t && counts[i] < maxEdits && editors[i].text) {
        keystroke(editors[i])
        counts[i]++
        total++
        next[i] += period
      }
    }
    await sleep(2)
  }
  lag.disable()
  const cpu = process.cpuUsage(cpuBefore)
  return { edits: total, lagP99Ms: lag.percentile(99) / 1e6, lagMaxMs: lag.max / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 }
}

function states(content: boolean): ClientState[] {
  return editors.map(({ spec, client }) => ({
    key: spec.key,
    room: spec.target.room,
    sv: svKey(client.doc),
    synced: client.synced,
    ...(content ? { content: createHash('sha1').update(client.doc.getXmlFragment(BODY).toString()).digest('hex') } : {}),
  }))
}

function collect(reset: boolean): Collected {
  const sends: SendRecord[] = editors.filter((e) => e.times.length > 0).map((e) => ({
    clientID: e.client.doc.clientID,
    room: e.spec.target.room,
    lastClocks: Float64Array.from(e.lastClocks),
    times: Float64Array.from(e.times),
  }))
  const collected = { sends, arrivals: Float64Array.from(arrivals) }
  if (reset) {
    arrivals = []
    for (const editor of editors) {
      editor.lastClocks = []
      editor.times = []
    }
  }
  return collected
}

function destroy(editor: Editor): void {
  editor.client.destroy()
  editor.client.doc.destroy()
}

function disconnect(keys: number[]): number {
  const leaving = new Set(keys)
  const staying = editors.filter((editor) => !leaving.has(editor.spec.key))
  for (const editor of editors) if (leaving.has(editor.spec.key)) destroy(editor)
  const closed = editors.length - staying.length
  editors = staying
  return closed
}

function close(): void {
  for (const editor of editors) destroy(editor)
  editors = []
  arrivals = []
  loader?.destroy()
  loader = null
}

/** Feeds a history to a server through one client, as the editing sessions would have, and keeps it open. */
async function load(target: ClientTarget, updates: Uint8Array[], syncTimeoutMs: number): Promise<LoadResult> {
  const doc = new Y.Doc()
  const client = openClient(target, doc, 'History')
  loader = client
  let stored = new Map<number, number>()
  // Each message covers some client ids (the writer's own, or all on joining): merged, as the app does.
  client.onStored((vector) => { for (const [id, clock] of vector) stored.set(id, Math.max(clock, stored.get(id) ?? 0)) })
  const synced = await new Promise<boolean>((resolve) => {
    if (client.synced) return resolve(true)
    client.onSynced(() => resolve(true))
    setTimeout(() => resolve(client.synced), syncTimeoutMs)
  })
  for (let i = 0; i < updates.length; i++) {
    Y.applyUpdate(doc, updates[i], 'history')
    // Let the socket drain now and then, as a real session would not send thousands of updates at once.
    if (i % 200 === 199) {
      while (client.bufferedAmount() > 1024 * 1024) await sleep(5)
      await sleep(0)
    }
  }
  while (client.bufferedAmount() > 0) await sleep(5)
  const sentAt = now()
  // Uplift says what it has stored (message 100): wait until that covers everything sent.
  let storedAt: number | null = null
  if (target.upliftMessages) {
    const wanted = Y.decodeStateVector(Y.encodeStateVector(doc))
    const covered = () => [...wanted].every(([clientId, clock]) => (stored.get(clientId) ?? 0) >= clock)
    const deadline = now() + syncTimeoutMs * 4
    while (!covered() && now() < deadline) await sleep(10)
    if (covered()) storedAt = now()
  }
  return { updates: updates.length, sv: svKey(doc), synced, sentAt, storedAt }
}

/** A fresh client: how long until it has synced (and holds at least `expectedSv`, when given). */
async function probe(target: ClientTarget, expectedSv: string | null, timeoutMs: number): Promise<ProbeResult> {
  const doc = new Y.Doc()
  const started = now()
  const client = openClient(target, doc, 'Probe')
  const expected = (expectedSv ?? '').split(',').filter(Boolean).map((entry) => entry.split(':').map(Number))
  const complete = () => client.synced && expected.every(([clientId, clock]) => Y.getState(doc.store, clientId) >= clock)
  let answerMs = Number.NaN
  doc.once('beforeTransaction', () => { answerMs = now() - started })
  const finished = await new Promise<boolean>((resolve) => {
    const check = () => { if (complete()) resolve(true) }
    client.onSynced(check)
    doc.on('update', check)
    setTimeout(() => resolve(complete()), timeoutMs)
  })
  const ms = finished ? now() - started : Number.NaN
  const result = { ms, answerMs, synced: client.synced, sv: svKey(doc) }
  client.destroy()
  doc.destroy()
  return result
}

async function handle(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'connect': return connect(command.clients, command.syncTimeoutMs, command.track)
    case 'prepare': return prepare()
    case 'edit': return edit(command.startAt, command.durationMs, command.perSecond)
    case 'states': return states(command.content)
    case 'collect': return collect(command.reset ?? false)
    case 'disconnect': return disconnect(command.keys)
    case 'close': return close()
    case 'generateHistory': return generateHistory(command.file, command.sessions, command.opsPerSession, command.seed)
    case 'load': return load(command.target, command.updates ?? readHistory(command.file!), command.syncTimeoutMs)
    case 'probe': return probe(command.target, command.expectedSv, command.timeoutMs)
  }
}

process.on('message', (request: Request) => {
  handle(request).then(
    (result) => process.send!({ id: request.id, ok: true, result } satisfies Reply),
    (error: Error) => process.send!({ id: request.id, ok: false, error: error.stack ?? error.message } satisfies Reply),
  )
})
process.send!({ id: 0, ok: true, result: 'ready' } satisfies Reply)
