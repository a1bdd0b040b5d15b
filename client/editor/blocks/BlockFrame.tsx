/**
 * The frame every plan block shares: a header naming the block (with its status badges and the move and
 * delete buttons), its controls and its text fields. The whole block is a group named after its kind and
 * title ("Target: Persistent absence in Year 9"), so people and tests can find it by name.
 */
import type { KeyboardEvent, ReactNode } from 'react'
import { NodeViewContent, NodeViewWrapper, type NodeViewProps } from '@tiptap/react'
import { TextSelection } from '@tiptap/pm/state'
import { BLOCK_TYPE_LABELS, type BlockType } from '../../../shared/schema/blockFields.ts'
import { deleteBlock, moveBlock, moveTargets } from './commands.ts'
import { usePlan } from './planContext.tsx'
import { tabFrom } from './tabOrder.ts'

interface BlockFrameProps {
  view: NodeViewProps
  type: BlockType
  /** The block's own words (a target's measure), for its name; '' while empty. */
  title: string
  badges?: ReactNode
  /** Controls shown above the text fields, and below them. */
  before?: ReactNode
  after?: ReactNode
  /** Warnings and back-links, at the foot of the block. */
  footer?: ReactNode
  nested?: boolean
  /** Data attributes on the block, for styles that follow its state (`data-in-plan`). */
  data?: Record<`data-${string}`, string>
}

export function blockName(type: BlockType, title: string): string {
  return `${BLOCK_TYPE_LABELS[type]}: ${title.trim() || 'untitled'}`
}

export function BlockFrame({ view, type, title, badges, before, after, footer, nested = false, data }: BlockFrameProps) {
  const plan = usePlan()
  const { editor, node, getPos } = view
  const name = blockName(type, title)
  const kind = BLOCK_TYPE_LABELS[type]
  const id = String(node.attrs.id ?? '')

  const position = () => {
    const pos = getPos()
    return typeof pos === 'number' ? pos : null
  }

  const move = (direction: 'up' | 'down') => {
    const pos = position()
    if (pos === null) return
    if (!moveTargets(editor.state.doc, pos)[direction]) {
      plan.announce(`${name} is already ${direction === 'up' ? 'first' : 'last'}${nested ? ` in its ${type === 'action' ? 'priority' : 'finding'}` : ''}.`)
      return
    }
    moveBlock(editor, pos, direction)
    plan.announce(`${name} moved ${direction}.`)
    // The moved block's button keeps focus, so it can be pressed again.
    requestAnimationFrame(() => {
      editor.view.dom.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(id)}"] > .plan-block__header [data-tool="${direction}"]`)?.focus()
    })
  }

  const remove = () => {
    const pos = position()
    if (pos === null) return
    deleteBlock(editor, pos)
    const near = Math.min(pos, editor.state.doc.content.size)
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.near(editor.state.doc.resolve(near), -1)))
    editor.view.focus()
    plan.announce(`${name} deleted. To bring it back, press Ctrl+Z (Cmd+Z on a Mac) or Undo.`)
  }

  // Keys in the block's own controls (a nested block's are its own). Tab and Shift+Tab go on in page order,
  // text fields included, which the browser's order passes over (tabOrder.ts). Escape goes back to the
  // block's first text field.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.defaultPrevented) return
    const target = event.target as HTMLElement
    if (target.closest('[data-block-id]')?.getAttribute('data-block-id') !== id) return
    if (event.key === 'Tab' && !event.ctrlKey && !event.metaKey && !event.altKey && target.closest('[data-block-controls]')) {
      if (editor.isEditable && tabFrom(editor.view, target, event.shiftKey ? -1 : 1)) event.preventDefault()
      return
    }
    if (event.key !== 'Escape' || !target.matches('input, select, button')) return
    const pos = position()
    if (pos === null) return
    event.preventDefault()
    let text: number | null = null
    node.forEach((child, offset) => { if (text === null && child.type.name === 'field') text = pos + 2 + offset })
    if (text !== null) editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, text)))
    editor.view.focus()
  }

  return (
    <NodeViewWrapper
      as={nested ? 'div' : 'section'}
      role="group"
      aria-label={name}
      className={`plan-block plan-block--${type}${nested ? ' plan-block--nested' : ''}`}
      data-block-id={id}
      {...data}
      onKeyDown={onKeyDown}
    >
      <div className="plan-block__header" contentEditable={false} data-block-controls>
        <span className="plan-block__kind">{kind}</span>
        {badges && <span className="plan-block__badges">{badges}</span>}
        {plan.editable && (
          <span className="plan-block__tools">
            <button type="button" className="block-tool" data-tool="up" aria-label={`Move up: ${name}`} data-tooltip="Move up" onClick={() => move('up')}>
              <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false"><path d="M10 15V5M5 10l5-5 5 5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" /></svg>
            </button>
            <button type="button" className="block-tool" data-tool="down" aria-label={`Move down: ${name}`} data-tooltip="Move down" onClick={() => move('down')}>
              <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false"><path d="M10 5v10M5 10l5 5 5-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" /></svg>
            </button>
            <button type="button" className="block-tool block-tool--danger" data-tool="delete" aria-label={`Delete: ${name}`} data-tooltip="Delete" onClick={remove}>
              <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false"><path d="M4 6h12M8 6V4h4v2M6 6l1 10h6l1-10" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" /></svg>
            </button>
          </span>
        )}
      </div>
      {before && <div className="plan-block__controls plan-block__controls--before" contentEditable={false} data-block-controls>{before}</div>}
      <NodeViewContent className="plan-block__fields" />
      {after && <div className="plan-block__controls" contentEditable={false} data-block-controls>{after}</div>}
      {footer && <div className="plan-block__footer" contentEditable={false} data-block-controls>{footer}</div>}
    </NodeViewWrapper>
  )
}

/** A warning on a block, in words (with an icon that is decoration only). */
export function BlockWarning({ children }: { children: ReactNode }) {
  return (
    <p className="block-warning">
      <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false"><path d="M10 3 2 17h16L10 3zM10 8v4M10 14.5v.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" /></svg>
      <span><span className="visually-hidden">Warning: </span>{children}</span>
    </p>
  )
}
