/** An action of a priority: status, dates, linked targets; overdue said in words. */
import type { NodeViewProps } from '@tiptap/react'
import { formatUkDate } from '../../../shared/plan/dates.ts'
import { readAction } from '../../../shared/plan/model.ts'
import { isOverdue, liveLinks } from '../../../shared/plan/overview.ts'
import { ACTION_STATUSES, ACTION_STATUS_LABELS } from '../../../shared/plan/vocabulary.ts'
import { BlockFrame, BlockWarning } from './BlockFrame.tsx'
import { OverdueBadge, StatusBadge } from './badges.tsx'
import { ControlGrid, DateControl, SelectControl } from './inputs.tsx'
import { LinkPicker } from './LinkPicker.tsx'
import { usePlan } from './planContext.tsx'
import { useSetAttributes } from './useSetAttributes.ts'

export function ActionView(props: NodeViewProps) {
  const plan = usePlan()
  const set = useSetAttributes(props)
  const action = readAction(props.node, '')
  const overdue = isOverdue(action, plan.today)
  const linked = liveLinks(action.linkedTargets, new Set(plan.targets.map((target) => target.id)))
  // (ISO days compare as strings.)
  const startsAfterDue = action.start !== null && action.due !== null && action.start > action.due

  return (
    <BlockFrame
      view={props}
      type="action"
      nested
      title={action.description}
      badges={<><StatusBadge status={action.status} />{overdue && <OverdueBadge />}</>}
      after={(
        <>
          <ControlGrid>
            <SelectControl label="Status" value={action.status} options={ACTION_STATUSES} labels={ACTION_STATUS_LABELS} emptyLabel={null}
              onChange={(status) => set({ status })} />
            <DateControl label="Start" value={action.start} onChange={(start) => set({ start })} />
            <DateControl label="Due" value={action.due} onChange={(due) => set({ due })}
              hint={overdue ? 'Overdue: not done by this date' : undefined} />
          </ControlGrid>
          <LinkPicker
            label="Targets it moves" noun="target" question="Which targets does this action move?"
            choices={plan.targets} selected={action.linkedTargets} editable={plan.editable}
            onChange={(ids) => set({ linkedTargets: ids })} onJump={plan.jumpTo}
          />
        </>
      )}
      footer={(linked.length === 0 || startsAfterDue) ? (
        <>
          {startsAfterDue && <BlockWarning>It starts after it is due ({formatUkDate(action.start)}, due {formatUkDate(action.due)}).{plan.editable && ' Check the dates.'}</BlockWarning>}
          {linked.length === 0 && <BlockWarning>Not linked to any target.{plan.editable && ' Link it to the targets it moves, or ask whether it is needed.'}</BlockWarning>}
        </>
      ) : null}
    />
  )
}
