/** A plan's headline figures in the plan list: actions done and overdue, targets by RAG, findings not addressed. */
import type { PlanHeadline as Headline } from '../../shared/api.ts'
import './headline.css'

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

export function PlanHeadline({ headline }: { headline: Headline }) {
  const { targets } = headline
  const targetTotal = targets.red + targets.amber + targets.green + targets.none
  return (
    <ul className="plan-headline" aria-label="Progress">
      {headline.actions === 0 ? (
        // "0 of 0 actions done, 0 overdue" says nothing a new plan needs to hear.
        <li className="plan-headline__item">No actions yet</li>
      ) : (
        <>
          <li className="plan-headline__item">
            <strong>{headline.done}</strong> of {plural(headline.actions, 'action')} done
          </li>
          <li className={`plan-headline__item${headline.overdue > 0 ? ' plan-headline__item--overdue' : ''}`}>
            <strong>{headline.overdue}</strong> overdue
          </li>
        </>
      )}
      {targetTotal > 0 && (
        <li className="plan-headline__item plan-headline__targets">
          <span>Targets:</span>
          <span className="plan-headline__rag"><span className="plan-headline__dot plan-headline__dot--green" aria-hidden="true" /><strong>{targets.green}</strong> green</span>
          <span className="plan-headline__rag"><span className="plan-headline__dot plan-headline__dot--amber" aria-hidden="true" /><strong>{targets.amber}</strong> amber</span>
          <span className="plan-headline__rag"><span className="plan-headline__dot plan-headline__dot--red" aria-hidden="true" /><strong>{targets.red}</strong> red</span>
          {targets.none > 0 && <span className="plan-headline__rag"><span className="plan-headline__dot" aria-hidden="true" /><strong>{targets.none}</strong> without status</span>}
        </li>
      )}
      {headline.unaddressedFindings > 0 && (
        <li className="plan-headline__item">
          <strong>{headline.unaddressedFindings}</strong> {headline.unaddressedFindings === 1 ? 'finding' : 'findings'} not addressed
        </li>
      )}
    </ul>
  )
}
