// PDF export of the live plan: every template, text that must survive, who may export, and failures.
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { JSONContent } from '@tiptap/core'
import { createPlan, register, share, type Person } from '../helpers/api.ts'
import { connect, type TestClient } from '../helpers/collab.ts'
import { pdfPages, pdfText, renderPages, savePdf } from '../helpers/pdf.ts'
import { eventually, startTestServer, type TestServer } from '../helpers/server.ts'
import { findTemplate } from '../../shared/templates/index.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'

const SURVIVES = 'Café naïve — “quoted” £1,200 – ’s'
const SCHOOL = 'Seaview Primary'

let srv: TestServer
let owner: Person

beforeAll(async () => {
  srv = await startTestServer()
  owner = await register(srv.url, 'Ada Lovelace')
})
afterAll(async () => {
  await srv?.dispose()
})

/** Appends ProseMirror JSON blocks to the plan through a real client, as the editor would. */
function append(client: TestClient, nodes: JSONContent[]): void {
  client.doc.transact(() => client.doc.getXmlFragment(PLAN_FRAGMENT).push(nodes.map(toY)))
}

function toY(node: JSONContent): Y.XmlElement {
  const element = new Y.XmlElement(node.type!)
  for (const [key, value] of Object.entries(node.attrs ?? {})) if (value != null) element.setAttribute(key, value as string)
  const children: (Y.XmlElement | Y.XmlText)[] = []
  let text: Y.XmlText | null = null
  let length = 0
  for (const child of node.content ?? []) {
    if (child.type === 'text') {
      if (!text) {
        text = new Y.XmlText()
        length = 0
      }
      const format = Object.fromEntries((child.marks ?? []).map((mark) => [mark.type, mark.attrs ?? {}]))
      // A type not yet in a document cannot be read, so count its length here.
      text.insert(length, child.text!, format)
      length += child.text!.length
    } else {
      if (text) children.push(text)
      text = null
      children.push(toY(child))
    }
  }
  if (text) children.push(text)
  element.insert(0, children)
  return element
}

const t = (text: string, marks?: JSONContent['marks']): JSONContent => ({ type: 'text', text, ...(marks ? { marks } : {}) })
const p = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })
const cell = (type: 'tableHeader' | 'tableCell', text: string): JSONContent => ({ type, content: [p(t(text))] })

/** Headings, marks, lists, a quote and a long table whose header row must repeat. */
const RICH: JSONContent[] = [
  { type: 'heading', attrs: { level: 2 }, content: [t('Evidence from the visit')] },
  p(t(SURVIVES)),
  p(t('Reading is '), t('strong', [{ type: 'bold' }]), t(' but '), t('writing lags', [{ type: 'italic' }]), t('; see '), t('the DfE guidance', [{ type: 'link', attrs: { href: 'https://www.gov.uk/' } }]), t('.')),
  { type: 'bulletList', content: [
    { type: 'listItem', content: [p(t('Phonics screening: 71% met the standard'))] },
    { type: 'listItem', content: [p(t('Attendance of disadvantaged pupils below national'))] },
  ] },
  { type: 'orderedList', attrs: { start: 1 }, content: [
    { type: 'listItem', content: [p(t('Agree the diagnosis with governors'))] },
    { type: 'listItem', content: [p(t('Set measurable targets'))] },
  ] },
  { type: 'blockquote', content: [p(t('“We want every child reading fluently by Year 2.” — headteacher'))] },
  { type: 'heading', attrs: { level: 2 }, content: [t('Pupil outcomes by year group')] },
  { type: 'table', content: [
    { type: 'tableRow', content: [cell('tableHeader', 'Year group'), cell('tableHeader', 'Baseline'), cell('tableHeader', 'Target (July)')] },
    ...Array.from({ length: 70 }, (_, i) => ({ type: 'tableRow', content: [cell('tableCell', `Cohort ${i + 1}`), cell('tableCell', `${40 + (i % 50)}%`), cell('tableCell', `${55 + (i % 40)}%`)] })),
  ] },
]

const field = (name: string, text: string): JSONContent => ({ type: 'field', attrs: { name }, content: [t(text)] })

/** One of each structured block, filled in and linked: finding ← target ← action; a review rates the priority. */
const BLOCKS: JSONContent[] = [
  { type: 'heading', attrs: { level: 2 }, content: [t('Blocks written during the visit')] },
  { type: 'finding', attrs: { id: 'testFinding01', area: 'achievement', kind: 'development', confidence: 'high', inPlan: true }, content: [
    field('statement', 'Only 48% of Year 4 pupils met the multiplication check standard.'),
    field('rootCause', 'Little daily retrieval practice.'),
    { type: 'field', attrs: { name: 'notInPlanReason' } },
    { type: 'evidence', attrs: { id: 'testEvidence1', kind: 'lesson-visit', date: '2026-10-04' }, content: [field('source', 'Year 4 maths'), field('note', 'Pupils counted on fingers.')] },
  ] },
  { type: 'target', attrs: { id: 'testTarget001', unit: '%', baselineValue: 48, baselineDate: '2026-07-01', milestoneAutumn: 55, milestoneSpring: 62, milestoneSummer: 70, targetValue: 75, targetDate: '2027-07-31', currentValue: 40, linkedFindings: ['testFinding01'], direction: 'higher' }, content: [
    field('measure', 'Year 4 pupils meeting the multiplication check standard'), field('dataSource', 'MTC results'), field('owner', 'Maths lead'),
  ] },
  { type: 'priority', attrs: { id: 'testPriority1' }, content: [
    field('title', 'Fluent recall of number facts'), field('rationale', 'The diagnosis found weak recall.'), field('lead', 'Deputy headteacher'),
    { type: 'action', attrs: { id: 'testAction001', start: '2025-09-01', due: '2026-01-31', status: 'in-progress', linkedTargets: ['testTarget001'] }, content: [
      field('description', 'Daily ten-minute fluency sessions in Years 3 to 6'), field('owner', 'Class teachers'), field('resources', '£1,200 for resources'), field('successCriteria', '80% recall within 6 seconds'),
    ] },
  ] },
  { type: 'reviewPoint', attrs: { id: 'testReview001', date: '2026-12-12', priorityRag: { testPriority1: 'amber' } }, content: [
    field('reviewer', 'Siân O’Connor'), field('impact', 'Fluency improved in Year 4.'), field('nextSteps', 'Extend to Year 3.'),
  ] },
]

function texts(node: JSONContent): string[] {
  if (node.type === 'text') return node.text?.trim() ? [node.text] : []
  return (node.content ?? []).flatMap(texts)
}

/** Waits until the server's copy holds `needle`, then exports. */
async function exportWhenStored(person: Person, planId: string, needle: string): Promise<{ response: Response; bytes: Buffer }> {
  return eventually(async () => {
    const response = await person.call('GET', `/api/plans/${planId}/export.pdf`)
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(response.status).toBe(200)
    const file = savePdf(`probe-${planId}`, bytes)
    try {
      expect(pdfText(file)).toContain(needle)
    } finally {
      rmSync(file)
    }
    return { response, bytes }
  }, 15_000, 100)
}

describe('PDF export of the live plan', () => {
  it('exports a plan made from each template, with cover, contents, every section and text intact', async () => {
    const { templates } = await owner.json<{ templates: { id: string; name: string }[] }>('GET', '/api/templates')
    expect(templates.length).toBeGreaterThan(0)
    for (const template of templates) {
      const title = `Improvement plan (${template.name})`
      const { plan } = await owner.json('POST', '/api/plans', { title, schoolName: SCHOOL, templateId: template.id })
      const client = connect(srv.url, plan.id, owner)
      await eventually(() => expect(client.provider.synced).toBe(true))
      append(client, [...RICH, ...BLOCKS])
      const { response, bytes } = await exportWhenStored(owner, plan.id, 'Extend to Year 3.')
      client.destroy()

      expect(response.headers.get('content-type')).toBe('application/pdf')
      const disposition = response.headers.get('content-disposition') ?? ''
      expect(disposition).toMatch(/^attachment; filename="Seaview Primary - Improvement plan \(.*\) - live draft \d{1,2} [A-Z][a-z]{2} \d{4}\.pdf"; filename\*=UTF-8''/)
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')

      const file = savePdf(`template-${template.id}`, bytes)
      const cover = pdfText(file, 1, 1)
      expect(cover).toContain(SCHOOL)
      expect(cover).toContain(title)
      expect(cover).toContain('Ada Lovelace')
      expect(cover).toMatch(/Live draft exported \d{1,2} [A-Z][a-z]+ \d{4}/)

      const contents = pdfText(file, 2, 2)
      expect(contents).toContain('Contents')
      expect(contents).toMatch(/Evidence from the visit \d+/)
      expect(contents).toMatch(/Pupil outcomes by year group \d+/)

      const all = pdfText(file)
      // Every word of the template and of what was typed, in order where it matters.
      const content = findTemplate(template.id)!.content({ title, schoolName: SCHOOL })
      for (const text of [...texts(content), ...RICH.flatMap(texts), ...BLOCKS.flatMap(texts)]) expect(all).toContain(text.replace(/\s+/g, ' ').trim())
      expect(all).toContain(SURVIVES)
      // Blocks laid out for paper: findings under their area, statuses in words, overdue marked, links as references.
      expect(all).toMatch(/Achievement F\d+ Area for development · confidence high Only 48% of Year 4 pupils/)
      expect(all).toContain('Overdue')
      expect(all).toMatch(/Addresses F\d+/)
      expect(all).toMatch(/Red|Amber|Green/)
      expect(all).toMatch(/Priority P\d+: Fluent recall of number facts/)
      expect(contents).toMatch(/Priority P\d+: Fluent recall of number facts/)
      expect(all).toMatch(/Review of 12 December 2026/)
      expect(all.indexOf('Evidence from the visit', all.indexOf('Contents') + 200)).toBeLessThan(all.lastIndexOf('Pupil outcomes by year group'))

      // Footer on every page after the cover; page numbers of the whole.
      const pages = pdfPages(file)
      expect(pages).toBeGreaterThanOrEqual(4)
      const last = pdfText(file, pages, pages)
      expect(last).toContain(`Page ${pages} of ${pages}`)
      expect(last).toContain(title)
      // The long table's header row repeats on the page it runs onto.
      const tablePages = Array.from({ length: pages }, (_, i) => pdfText(file, i + 1, i + 1)).filter((page) => page.includes('Cohort'))
      expect(tablePages.length).toBeGreaterThan(1)
      for (const page of tablePages) expect(page).toContain('Year group Baseline Target (July)')

      renderPages(file, 1, Math.min(pages, 4))
    }
  })

  it('lets owners, editors and viewers export; trustees and strangers get 404; nobody signed out gets 401', async () => {
    const plan = await createPlan(owner)
    const people: Record<string, Person> = {}
    for (const role of ['editor', 'viewer', 'trustee'] as const) {
      people[role] = await register(srv.url, `The ${role}`)
      await share(owner, plan.id, people[role], role)
    }
    people.stranger = await register(srv.url, 'A stranger')
    const statuses: Record<string, number> = {}
    for (const [name, person] of Object.entries({ owner, ...people })) {
      const response = await person.call('GET', `/api/plans/${plan.id}/export.pdf`)
      await response.arrayBuffer()
      statuses[name] = response.status
    }
    expect(statuses).toEqual({ owner: 200, editor: 200, viewer: 200, trustee: 404, stranger: 404 })
    const anonymous = await fetch(`${srv.url}/api/plans/${plan.id}/export.pdf`)
    expect(anonymous.status).toBe(401)
    const missing = await owner.call('GET', '/api/plans/nosuchplan00000000000/export.pdf')
    expect(missing.status).toBe(404)
  })
})

describe('a PDF thread warmed ahead of the export', () => {
  it('is started while a long plan is edited (not a short one), and renders the export', async () => {
    const server = await startTestServer({ parts: { pdfWarmPolicy: { longPlanCharacters: 3_000, remeasureMs: 0 } } })
    try {
      const person = await register(server.url, 'Ada Lovelace')
      const plan = await createPlan(person)
      const writer = connect(server.url, plan.id, person)
      await eventually(() => expect(writer.provider.synced).toBe(true))
      append(writer, [p(t('A short paragraph.'))])
      // Everything the writer has is stored (and the policy has heard of it): still no thread for a short plan.
      const held = Y.decodeStateVector(Y.encodeStateVector(writer.doc))
      await eventually(() => expect([...held].every(([client, clock]) => (writer.stored?.get(client) ?? 0) >= clock)).toBe(true), 10_000)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(server.pdfWorkers.state.started).toBe(0)

      append(writer, [p(t('Pupils read widely and often. '.repeat(120)))])
      await eventually(() => expect(server.pdfWorkers.state).toEqual({ idle: 1, busy: 0, warming: false, started: 1 }), 30_000, 50)
      writer.destroy()
      const { bytes } = await exportWhenStored(person, plan.id, 'Pupils read widely and often.')
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
      expect(server.pdfWorkers.state.started).toBe(1)
    } finally {
      await server.dispose()
    }
  })
})

describe('a failing export', () => {
  it('answers with a clear 500 and leaves the plan as it was', async () => {
    const failing = await startTestServer({ parts: { renderPdf: async () => { throw new Error('renderer exploded') } } })
    try {
      const person = await register(failing.url, 'Ada Lovelace')
      const plan = await createPlan(person)
      const writer = connect(failing.url, plan.id, person)
      await eventually(() => expect(writer.provider.synced).toBe(true))
      append(writer, [p(t(SURVIVES))])
      await eventually(() => expect(writer.stored).not.toBeNull())
      const before = writer.text()
      writer.destroy()

      const response = await person.call('GET', `/api/plans/${plan.id}/export.pdf`)
      expect(response.status).toBe(500)
      expect(response.headers.get('content-type')).toContain('application/json')
      const body = await response.json()
      expect(body.error).toMatch(/could not be made.*plan itself is unchanged/)
      expect(body.error).not.toContain('exploded')

      const reader = connect(failing.url, plan.id, person)
      await eventually(() => expect(reader.provider.synced).toBe(true))
      expect(reader.text()).toBe(before)
      expect(reader.text()).toContain(SURVIVES)
      reader.destroy()
      expect((await person.call('GET', `/api/plans/${plan.id}`)).status).toBe(200)
    } finally {
      await failing.dispose()
    }
  })

  it('stops an export that runs out of time, and refuses exports beyond the queue with 503', async () => {
    // The renderer never finishes, so the first export holds the one slot from the moment it reaches the
    // renderer (the queue frees a slot only when the job itself settles, not when its time runs out).
    let rendering!: () => void
    const started = new Promise<void>((resolve) => { rendering = resolve })
    const stuck = await startTestServer({
      parts: {
        renderPdf: () => {
          rendering()
          return new Promise(() => undefined)
        },
        exportLimits: { concurrency: 1, maxWaiting: 0, timeoutMs: 800 },
      },
    })
    try {
      const person = await register(stuck.url)
      const plan = await createPlan(person)
      const first = person.call('GET', `/api/plans/${plan.id}/export.pdf`)
      await started
      const second = await person.call('GET', `/api/plans/${plan.id}/export.pdf`)
      expect(second.status).toBe(503)
      expect((await second.json()).error).toMatch(/busy.*Try again shortly/)
      const timedOut = await first
      expect(timedOut.status).toBe(500)
      expect((await timedOut.json()).error).toMatch(/took too long/)
    } finally {
      await stuck.dispose()
    }
  })
})
