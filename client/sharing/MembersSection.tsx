import { useCallback, useEffect, useRef, useState } from 'react'
import type { Member } from '../../shared/api.ts'
import { ROLE_LABELS } from '../../shared/roles.ts'
import { api, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { formatDate } from '../format.ts'
import { MemberRow, removeButtonId } from './MemberRow.tsx'

interface MembersSectionProps {
  planId: string
  canManage: boolean
  youId: string
  /** The list is read again when this changes (this person's own access changed: their row is out of date). */
  accessKey?: string
  announce(message: string): void
}

/**
 * Who has access. A table on wide screens; where the owner's would not fit (an iPad held upright) each
 * person's role, end date and buttons go under their name (styles.css, .members). The ARIA roles restate the
 * table's own: Safari drops a table's semantics once its rows are laid out as anything but table rows.
 */
export function MembersSection({ planId, canManage, youId, accessKey, announce }: MembersSectionProps) {
  const [members, setMembers] = useState<Member[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [removing, setRemoving] = useState<Member | null>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  /** After a removal: the element to focus once the confirmation has closed (its Remove button is gone). */
  const focusAfterRemoval = useRef<(() => HTMLElement | null) | null>(null)

  const load = useCallback(() => {
    setError(null)
    api.members(planId).then(({ members }) => setMembers(members), (failure) => setError(errorMessage(failure)))
  }, [planId])
  useEffect(load, [load, accessKey])

  const remove = async () => {
    if (!removing) return
    await api.removeMember(planId, removing.userId)
    // The next person's Remove button (or the one before, for the last), or the heading when none is left.
    const removable = (members ?? []).filter((member) => member.userId !== youId)
    const at = removable.findIndex((member) => member.userId === removing.userId)
    const next = removable[at + 1] ?? removable[at - 1]
    focusAfterRemoval.current = () => (next && document.getElementById(removeButtonId(next.userId))) || headingRef.current
    setMembers((current) => current?.filter((member) => member.userId !== removing.userId) ?? null)
    announce(`${removing.name} was removed from the plan.`)
    setRemoving(null)
  }

  const afterConfirmation = (member: Member) => {
    const target = focusAfterRemoval.current?.() ?? document.getElementById(removeButtonId(member.userId))
    focusAfterRemoval.current = null
    target?.focus()
  }

  return (
    <section aria-labelledby="members-heading" className="share-section">
      <h3 id="members-heading" ref={headingRef} tabIndex={-1}>People with access</h3>
      {error && (
        <div className="message message--error" role="alert">
          <p>{error}</p>
          <Button onClick={load}>Try again</Button>
        </div>
      )}
      {!members && !error && <p className="loading" role="status">Loading people…</p>}
      {members && (
        <div className="table-scroll members">
          <table className={`data-table members__table${canManage ? ' members__table--manage' : ''}`} role="table" aria-labelledby="members-heading">
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">Person</th>
                <th scope="col" role="columnheader">Role</th>
                <th scope="col" role="columnheader">Editing ends</th>
                {canManage && <th scope="col" role="columnheader"><span className="visually-hidden">Actions</span></th>}
              </tr>
            </thead>
            <tbody role="rowgroup">
              {members.map((member) =>
                // Your own row is not editable here: an owner could otherwise lock themselves out.
                canManage && member.userId !== youId ? (
                  <MemberRow
                    key={member.userId}
                    planId={planId}
                    member={member}
                    isYou={member.userId === youId}
                    announce={announce}
                    onRemove={setRemoving}
                    onSaved={(saved) => setMembers((current) => current?.map((item) => (item.userId === saved.userId ? saved : item)) ?? null)}
                  />
                ) : (
                  <tr key={member.userId} role="row">
                    <th scope="row" role="rowheader" className="member__person">
                      <span className="member__name">{member.name}{member.userId === youId && ' (You)'}</span>
                      {member.email && <span className="member__email">{member.email}</span>}
                    </th>
                    <td role="cell" className="member__role">
                      <span className="member__cell-label" aria-hidden="true">Role</span>
                      {ROLE_LABELS[member.role]}
                    </td>
                    <td role="cell" className="member__until-cell">
                      <span className="member__cell-label" aria-hidden="true">Editing ends</span>
                      {member.role === 'editor' && member.editorUntil ? formatDate(member.editorUntil) : '—'}
                    </td>
                    {canManage && <td role="cell" className="member__actions" />}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove from plan"
          busyLabel="Removing…"
          onConfirm={remove}
          onClose={() => setRemoving(null)}
          onAfterClose={() => afterConfirmation(removing)}
        >
          <p>{removing.name}{removing.email && ` (${removing.email})`} will lose access to this plan straight away, including any open copy of it.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
