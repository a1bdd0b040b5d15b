/** A priority and its actions, with the latest review's rating of it. */
import type { NodeViewProps } from '@tiptap/react'
import { formatUkDate } from '../../../shared/plan/dates.ts'
import { readPriority } from '../../../shared/plan/model.ts'
import { isOverdue } from '../../../shared/plan/overview.ts'
import { BlockFrame } from './BlockFrame.tsx'
import { RagBadge } from './badges.tsx'
import { appendChild } from './commands.ts'
import { usePlan } from './planContext.tsx'

export function PriorityView(props: NodeViewProps) {
  const plan = usePlan()
  const priority = readPriority(props.node)
  const done = priority.actions.filter((action) => action.status === 'done').length
  const overdue = priority.actions.filter((action) => isOverdue(action, plan.today)).length
  // The most recent review that rated this priority.
  const review = [...plan.model.reviewPoints]
    .filter((point) => point.priorityRag[priority.id])
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))[0]

  const addAction = () => {
    const pos = props.getPos()
    if (typeof pos === 'number') appendChild(props.editor, pos, 'action')
  }

  return (
    <BlockFrame
      view={props}
      type="priority"
      title={priority.title}
      badges={(
        <>
          <span className="pill pill--count">{done} of {priority.actions.length} action{priority.actions.length === 1 ? '' : 's'} done</span>
          {overdue > 0 && <span className="pill pill--overdue">{overdue} overdue</span>}
          {review && (
            <span className="pill-group">
              <span className="pill-group__label">Review{review.date ? ` ${formatUkDate(review.date)}` : ''}:</span>
              <RagBadge rag={review.priorityRag[priority.id]} manual={false} />
            </span>
          )}
        </>
      )}
      after={plan.editable ? (
        <button type="button" className="block-button block-button--add" onClick={addAction}>
          <span aria-hidden="true">+</span> Add an action<span className="visually-hidden"> to {priority.title || 'this priority'}</span>
        </button>
      ) : null}
    />
  )
}
