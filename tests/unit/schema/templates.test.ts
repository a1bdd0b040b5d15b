// Every template is valid plan content, survives the trip through Yjs unchanged, and has the structure it promises.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { isBlockId } from '../../../shared/schema/attributes.ts'
import { forEachBlock } from '../../../shared/schema/blockIntegrity.ts'
import { planSchema } from '../../../shared/schema/extensions.ts'
import { readPlan } from '../../../shared/plan/model.ts'
import { DEFAULT_TEMPLATE_ID, findTemplate, TEMPLATES } from '../../../shared/templates/index.ts'
import { PLAN_FRAGMENT } from '../../../shared/ydoc.ts'

const schema = planSchema()
const input = { title: 'Improving attendance', schoolName: 'Seaview Academy' }

describe.each(TEMPLATES.map((template) => [template.id, template] as const))('template %s', (_id, template) => {
  it('passes the schema check', () => {
    const node = schema.nodeFromJSON(template.content(input))
    expect(() => node.check()).not.toThrow()
    expect(node.firstChild?.type.name).toBe('heading')
    expect(node.firstChild?.textContent).toBe('Improving attendance')
  })

  it('converts through Yjs and back unchanged', () => {
    const json = schema.nodeFromJSON(template.content(input)).toJSON()
    const doc = new Y.Doc()
    prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(PLAN_FRAGMENT))
    // Through the wire too: a fresh document from the encoded update.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    expect(yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(PLAN_FRAGMENT), schema).toJSON()).toEqual(json)
  })

  it('gives every block a fresh, unique id each time it is used', () => {
    const ids = (json: ReturnType<typeof template.content>) => {
      const found: string[] = []
      forEachBlock(schema.nodeFromJSON(json), (node) => found.push(node.attrs.id))
      return found
    }
    const first = ids(template.content(input))
    const second = ids(template.content(input))
    expect(first.every(isBlockId)).toBe(true)
    expect(new Set(first).size).toBe(first.length)
    expect(first.filter((id) => second.includes(id))).toEqual([])
  })
})

describe('structured templates', () => {
  const structured = ['middle-leader-secondment', 'nle-support', 'post-inspection-ri']

  it.each(structured)('%s has details, a finding, a target, a priority with an action and a review point, all empty', (id) => {
    const template = findTemplate(id)!
    expect(template).toBeDefined()
    const model = readPlan(schema.nodeFromJSON(template.content(input)))
    expect(model.details?.schoolName).toBe('Seaview Academy')
    expect(model.findings).toHaveLength(1)
    expect(model.targets).toHaveLength(1)
    expect(model.priorities).toHaveLength(1)
    expect(model.priorities[0].actions).toHaveLength(1)
    expect(model.reviewPoints).toHaveLength(1)
    // Example-free: nothing typed in for the authors.
    expect(model.findings[0].statement).toBe('')
    expect(model.targets[0].measure).toBe('')
    expect(model.targets[0].baselineValue).toBeNull()
    expect(model.priorities[0].actions[0].description).toBe('')
  })

  it.each(structured)('%s has section headings and italic guidance', (id) => {
    const json = findTemplate(id)!.content(input)
    const headings = json.content!.filter((node) => node.type === 'heading' && node.attrs?.level === 2).map((node) => node.content?.[0]?.text)
    expect(headings).toEqual(expect.arrayContaining(['Plan details', 'Diagnosis', 'Measurable targets', 'Priorities and actions', 'Monitoring and review']))
    const guidance = json.content!.filter((node) => node.type === 'paragraph' && node.content?.[0]?.marks?.some((mark) => mark.type === 'italic'))
    expect(guidance.length).toBeGreaterThanOrEqual(5)
  })

  it('sets the visiting leader’s role where the template implies it', () => {
    const role = (id: string) => readPlan(schema.nodeFromJSON(findTemplate(id)!.content(input))).details?.visitingLeaderRole
    expect(role('middle-leader-secondment')).toBe('middle-leader')
    expect(role('nle-support')).toBe('nle')
    expect(role('post-inspection-ri')).toBeNull()
  })

  it('keeps the blank plan and a default for requests that name no template', () => {
    expect(findTemplate('blank')).toBeDefined()
    expect(findTemplate(undefined)?.id).toBe(DEFAULT_TEMPLATE_ID)
  })
})
