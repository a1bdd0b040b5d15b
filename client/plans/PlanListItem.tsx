import { useRef, useState, type ReactNode } from 'react'
import type { PlanSummary } from '../../shared/api.ts'
import { can } from '../../shared/roles.ts'
import { Button } from '../components/Button.tsx'
import { RoleBadge } from '../components/RoleBadge.tsx'
import { formatDateTime } from '../format.ts'
import { Link } from '../router.tsx'
import { PlanHeadline } from './PlanHeadline.tsx'
import { RenamePlanForm } from './RenamePlanForm.tsx'

interface PlanListItemProps {
  plan: PlanSummary
  onRenamed(plan: PlanSummary): void
  onDelete(plan: PlanSummary): void
  /** Offline mode's control for this plan ("Make available offline"), shown with the actions. */
  offline?: ReactNode
}

export function PlanListItem({ plan, onRenamed, onDelete, offline }: PlanListItemProps) {
  const [renaming, setRenaming] = useState(false)
  const renameButton = useRef<HTMLButtonElement>(null)

  const stopRenaming = () => {
    setRenaming(false)
    // Back to the button that opened the form, once it is rendered again.
    requestAnimationFrame(() => renameButton.current?.focus())
  }

  return (
    <li className="plan-card">
      {renaming ? (
        <RenamePlanForm
          plan={plan}
          onCancel={stopRenaming}
          onSaved={(saved) => {
            onRenamed(saved)
            stopRenaming()
          }}
        />
      ) : (
        <>
          <div className="plan-card__main">
            <h3 className="plan-card__title">
              <Link href={`/plans/${encodeURIComponent(plan.id)}`}>{plan.title}</Link>
            </h3>
            <p className="plan-card__school">{plan.schoolName}</p>
            <p className="plan-card__meta">
              <RoleBadge role={plan.role} />
              <span>
                Last updated <time dateTime={plan.updatedAt}>{formatDateTime(plan.updatedAt)}</time>
              </span>
              {plan.role !== 'owner' && <span>Owner: {plan.ownerName}</span>}
            </p>
            {plan.headline && <PlanHeadline headline={plan.headline} />}
          </div>
          <div className="plan-card__actions">
            {offline}
            {can(plan.role, 'renamePlan') && (
              <Button ref={renameButton} variant="quiet" onClick={() => setRenaming(true)} aria-label={`Rename ${plan.title}`}>
                Rename
              </Button>
            )}
            {can(plan.role, 'deletePlan') && (
              <Button variant="quiet" className="button--danger-text" onClick={() => onDelete(plan)} aria-label={`Delete ${plan.title}`}>
                Delete
              </Button>
            )}
          </div>
        </>
      )}
    </li>
  )
}
