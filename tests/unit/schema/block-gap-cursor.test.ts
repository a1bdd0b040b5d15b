// No gap cursor inside a plan block: a letter typed at one (between two fields, or before a finding's
// evidence) would be a field the block cannot hold, and ProseMirror would split the block around it.
// Between the blocks of the plan's top level a gap cursor is still fine: what is typed there is a paragraph.
import { describe, expect, it } from 'vitest'
import { gapCursor } from '@tiptap/pm/gapcursor'
import type { ResolvedPos } from '@tiptap/pm/model'
import { BLOCK_TYPES, isBlockType } from '../../../shared/schema/blockFields.ts'
import { newEvidence, newPlanDetails } from '../../../shared/plan/blocks.ts'
import { action, finding, planNode, priority, reviewPoint, schema, target } from '../plan/planFixtures.ts'

// Whether the gap cursor plugin makes a gap cursor of a caret at `$pos`, as it does when ProseMirror reads
// one that the browser put there (a click beside a block's controls put it between the block's fields).
const plugin = gapCursor()
const gapCursorAt = ($pos: ResolvedPos): boolean => plugin.props.createSelectionBetween!.call(plugin, null as never, $pos, $pos) !== null

describe('gap cursors in a plan', () => {
  const withEvidence = finding({}, { statement: 'Reading' })
  withEvidence.content = [...(withEvidence.content ?? []), newEvidence()]
  const doc = planNode(newPlanDetails(), withEvidence, target({}), priority({ title: 'Writing' }, action({})), reviewPoint({}))

  it('are never allowed inside a block of any kind', () => {
    const inside = new Set<string>()
    const allowed: string[] = []
    for (let pos = 0; pos <= doc.content.size; pos++) {
      const $pos = doc.resolve(pos)
      if (!isBlockType($pos.parent.type.name)) continue
      inside.add($pos.parent.type.name)
      if (gapCursorAt($pos)) allowed.push(`${pos} in ${$pos.parent.type.name}`)
    }
    expect([...inside].sort()).toEqual([...BLOCK_TYPES].sort())
    expect(allowed).toEqual([])
  })

  it('are still allowed between the blocks of the top level', () => {
    // After the first block, whose neighbours on both sides are blocks.
    const between = doc.child(0).nodeSize + doc.child(1).nodeSize
    expect(gapCursorAt(doc.resolve(between))).toBe(true)
    expect(schema.nodes.finding.spec.allowGapCursor).toBe(false)
  })
})
