import { useCallback, useEffect, useState } from 'react'
import type { Member } from '../../shared/api.ts'
import { ROLE_LABELS } from '../../shared/roles.ts'
import { api, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { formatDate } from '../format.ts'
import { MemberRow } from './MemberRow.tsx'

interface MembersSectionProps {
  planId: string
  canManage: boolean
  youId: string
  announce(message: string): void
}

export function MembersSection({ planId, canManage, youId, announce }: MembersSectionProps) {
  const [members, setMembers] = useState<Member[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [removing, setRemoving] = useState<Member | null>(null)

  const load = useCallback(() => {
    setError(null)
    api.members(planId).then(({ members }) => setMembers(members), (failure) => setError(errorMessage(failure)))
  }, [planId])
  useEffect(load, [load])

  const remove = async () => {
    if (!removing) return
    await api.removeMember(planId, removing.userId)
    setMembers((current) => current?.filter((member) => member.userId !== removing.userId) ?? null)
    announce(`${removing.name} was removed from the plan.`)
    setRemoving(null)
  }

  return (
    <section aria-labelledby="members-heading" className="share-section">
      <h3 id="members-heading">People with access</h3>
      {error && (
        <div className="message message--error" role="alert">
          <p>{error}</p>
          <Button onClick={load}>Try again</Button>
        </div>
      )}
      {!members && !error && <p className="loading" role="status">Loading people…</p>}
      {members && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">Editing ends</th>
                {canManage && <th scope="col"><span className="visually-hidden">Actions</span></th>}
              </tr>
            </thead>
            <tbody>
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
                  <tr key={member.userId}>
                    <th scope="row" className="member__person">
                      <span className="member__name">{member.name}{member.userId === youId && ' (You)'}</span>
                      <span className="member__email">{member.email}</span>
                    </th>
                    <td>{ROLE_LABELS[member.role]}</td>
                    <td>{member.role === 'editor' && member.editorUntil ? formatDate(member.editorUntil) : '—'}</td>
                    {canManage && <td />}
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
        >
          <p>{removing.name} ({removing.email}) will lose access to this plan straight away, including any open copy of it.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
