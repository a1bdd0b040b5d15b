/** A review point: when, who, a RAG rating for each of the plan's priorities, impact and next steps. */
import type { NodeViewProps } from '@tiptap/react'
import { formatLongDate, termLabel } from '../../../shared/plan/dates.ts'
import { readReviewPoint } from '../../../shared/plan/model.ts'
import { RAGS, RAG_LABELS, type Rag } from '../../../shared/plan/vocabulary.ts'
import { BlockFrame } from './BlockFrame.tsx'
import { RagBadge } from './badges.tsx'
import { ControlGrid, DateControl, SelectControl } from './inputs.tsx'
import { usePlan } from './planContext.tsx'
import { useSetAttributes } from './useSetAttributes.ts'

export function ReviewPointView(props: NodeViewProps) {
  const plan = usePlan()
  const set = useSetAttributes(props)
  const review = readReviewPoint(props.node)

  const rate = (priorityId: string, rag: Rag | null) => {
    const next: Record<string, Rag> = { ...review.priorityRag }
    if (rag) next[priorityId] = rag
    else delete next[priorityId]
    set({ priorityRag: next })
  }

  return (
    <BlockFrame
      view={props}
      type="reviewPoint"
      title={review.date ? formatLongDate(review.date) : ''}
      badges={review.date ? <span className="pill pill--muted">{termLabel(review.date)}</span> : null}
      before={(
        <>
          <ControlGrid>
            <DateControl label="Date of review" value={review.date} onChange={(date) => set({ date })} />
          </ControlGrid>
          <fieldset className="block-fieldset">
            <legend>Rating of each priority</legend>
            {plan.model.priorities.length === 0 && <p className="link-picker__none">The plan has no priorities yet.</p>}
            <ControlGrid>
              {plan.model.priorities.map((priority, index) => (
                <SelectControl key={priority.id} label={priority.title || `Priority ${index + 1}`} value={review.priorityRag[priority.id] ?? null}
                  options={RAGS} labels={RAG_LABELS} emptyLabel="Not rated" readValue={(rag) => <RagBadge rag={rag} manual={false} />} className={`rag-select rag-select--${review.priorityRag[priority.id] ?? 'none'}`}
                  onChange={(rag) => rate(priority.id, rag)} />
              ))}
            </ControlGrid>
          </fieldset>
        </>
      )}
    />
  )
}
