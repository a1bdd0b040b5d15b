import { useRef, useState } from 'react'
import type { Member, UpdateMemberBody } from '../../shared/api.ts'
import { ROLE_LABELS, ROLES, type Role } from '../../shared/roles.ts'
import { api, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { formatDate, parseUkDate, toUkDateText } from '../format.ts'
import { serverFields } from '../forms.ts'

interface MemberRowProps {
  planId: string
  member: Member
  isYou: boolean
  onSaved(member: Member): void
  onRemove(member: Member): void
  announce(message: string): void
}

/** The id of a person's Remove button, where focus goes back to (or on to, after a removal). */
export const removeButtonId = (userId: string) => `member-${userId}-remove`

/** One person on the plan, with their role and editing end date editable by the owner. */
export function MemberRow({ planId, member, isYou, onSaved, onRemove, announce }: MemberRowProps) {
  const [role, setRole] = useState<Role>(member.grantedRole)
  const [until, setUntil] = useState(toUkDateText(member.editorUntil))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  /** The end date's problem, shown under the date and tied to it (set on Save, cleared by typing). */
  const [untilError, setUntilError] = useState<string | null>(null)
  const [confirmingOwner, setConfirmingOwner] = useState(false)
  const roleRef = useRef<HTMLSelectElement>(null)
  const untilRef = useRef<HTMLInputElement>(null)
  const saveRef = useRef<HTMLButtonElement>(null)
  const initialUntil = toUkDateText(member.editorUntil)
  const dirty = role !== member.grantedRole || (role === 'editor' && until !== initialUntil)
  const base = `member-${member.userId}`

  // An unchanged date is sent back as it was, even if it has passed (editing already ended).
  const untilUnchanged = until === initialUntil
  const parsedUntil = untilUnchanged ? ({ ok: true, iso: member.editorUntil } as const) : parseUkDate(until)

  /** Saves the row; throws the server's refusal for the caller to show. */
  const persist = async (body: UpdateMemberBody) => {
    const { member: saved } = await api.updateMember(planId, member.userId, body)
    onSaved(saved)
    setRole(saved.grantedRole)
    setUntil(toUkDateText(saved.editorUntil))
    announce(`Saved changes for ${member.name}.`)
  }

  const showFailure = (failure: unknown) => {
    const fields = serverFields(failure)
    if (fields.editorUntil) {
      setUntilError(fields.editorUntil)
      untilRef.current?.focus()
    } else {
      setError(errorMessage(failure))
    }
  }

  const save = async () => {
    setError(null)
    setUntilError(null)
    if (role === 'editor' && !parsedUntil.ok) {
      setUntilError(parsedUntil.error)
      untilRef.current?.focus()
      return
    }
    // Owners can share, change everyone's access and delete the plan: that is asked about first.
    if (role === 'owner' && member.grantedRole !== 'owner') {
      setConfirmingOwner(true)
      return
    }
    setBusy(true)
    try {
      await persist({ role, editorUntil: role === 'editor' && parsedUntil.ok ? parsedUntil.iso : null })
      // Save is disabled once nothing is left to save; focus must not fall out of the dialog.
      requestAnimationFrame(() => roleRef.current?.focus())
    } catch (failure) {
      showFailure(failure)
    } finally {
      setBusy(false)
    }
  }

  const untilHintId = `${base}-until-text`
  const untilErrorId = `${base}-until-error`

  return (
    <tr role="row">
      <th scope="row" role="rowheader" className="member__person">
        <span className="member__name">{member.name}{isYou && ' (You)'}</span>
        {member.email && <span className="member__email">{member.email}</span>}
        {member.role !== member.grantedRole && (
          <span className="member__note">Editing ended: now a {ROLE_LABELS[member.role].toLowerCase()}</span>
        )}
        {error && <span className="field__error" role="alert">{error}</span>}
      </th>
      <td role="cell" className="member__role">
        <span className="member__cell-label" aria-hidden="true">Role</span>
        <label htmlFor={`${base}-role`} className="visually-hidden">Role for {member.name}</label>
        <select ref={roleRef} id={`${base}-role`} className="select select--compact" value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {ROLES.map((option) => (
            <option key={option} value={option}>{ROLE_LABELS[option]}</option>
          ))}
        </select>
      </td>
      <td role="cell" className="member__until-cell">
        <span className="member__cell-label" aria-hidden="true">Editing ends</span>
        {role === 'editor' ? (
          <>
            <label htmlFor={`${base}-until`} className="visually-hidden">Editing ends for {member.name} (optional)</label>
            <input
              ref={untilRef}
              id={`${base}-until`}
              className="input input--compact"
              inputMode="numeric"
              autoComplete="off"
              placeholder="dd/mm/yyyy"
              value={until}
              onChange={(event) => {
                setUntil(event.target.value)
                setUntilError(null)
              }}
              aria-invalid={untilError ? true : undefined}
              aria-describedby={untilError ? `${untilErrorId} ${untilHintId}` : untilHintId}
            />
            {untilError && (
              <span id={untilErrorId} className="field__error member__until-error" role="alert">
                <span className="visually-hidden">Error: </span>
                {untilError}
              </span>
            )}
            <span id={untilHintId} className="member__until">
              {untilDescription(parsedUntil)}
            </span>
          </>
        ) : (
          <span className="muted">Not applicable</span>
        )}
      </td>
      <td role="cell" className="member__actions">
        <Button ref={saveRef} variant="primary" disabled={!dirty} busy={busy} busyLabel="Saving…" onClick={save} aria-label={`Save changes for ${member.name}`}>
          Save
        </Button>
        <Button id={removeButtonId(member.userId)} variant="quiet" className="button--danger-text" onClick={() => onRemove(member)} aria-label={`Remove ${member.name}`}>
          Remove
        </Button>
        {confirmingOwner && (
          <ConfirmDialog
            title={`Make ${member.name} an owner?`}
            confirmLabel="Make an owner"
            busyLabel="Saving…"
            onConfirm={async () => {
              await persist({ role: 'owner', editorUntil: null })
              setConfirmingOwner(false)
            }}
            onClose={() => setConfirmingOwner(false)}
            // Saved: Save is disabled, so focus goes to the role. Cancelled: back to Save, to think again.
            onAfterClose={() => (saveRef.current && !saveRef.current.disabled ? saveRef.current : roleRef.current)?.focus()}
          >
            <p>Owners can share the plan, change everyone’s access and delete it.</p>
          </ConfirmDialog>
        )}
      </td>
    </tr>
  )
}

function untilDescription(parsed: ReturnType<typeof parseUkDate>): string {
  if (!parsed.ok) return 'Day/month/year, for example 31/07/2027'
  if (!parsed.iso) return 'No end date'
  const ended = Date.parse(parsed.iso) <= Date.now()
  return `${ended ? 'Ended' : 'Until'} the end of ${formatDate(parsed.iso)}`
}
