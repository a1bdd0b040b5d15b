import { useRef, useState } from 'react'
import type { Member } from '../../shared/api.ts'
import { ROLE_LABELS, ROLES, type Role } from '../../shared/roles.ts'
import { api, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { formatDate, parseUkDate, toUkDateText } from '../format.ts'

interface MemberRowProps {
  planId: string
  member: Member
  isYou: boolean
  onSaved(member: Member): void
  onRemove(member: Member): void
  announce(message: string): void
}

/** One person on the plan, with their role and editing end date editable by the owner. */
export function MemberRow({ planId, member, isYou, onSaved, onRemove, announce }: MemberRowProps) {
  const [role, setRole] = useState<Role>(member.grantedRole)
  const [until, setUntil] = useState(toUkDateText(member.editorUntil))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const roleRef = useRef<HTMLSelectElement>(null)
  const initialUntil = toUkDateText(member.editorUntil)
  const dirty = role !== member.grantedRole || (role === 'editor' && until !== initialUntil)
  const base = `member-${member.userId}`

  // An unchanged date is sent back as it was, even if it has passed (editing already ended).
  const untilUnchanged = until === initialUntil
  const parsedUntil = untilUnchanged ? ({ ok: true, iso: member.editorUntil } as const) : parseUkDate(until)

  const save = async () => {
    setError(null)
    if (role === 'editor' && !parsedUntil.ok) {
      setError(parsedUntil.error)
      return
    }
    setBusy(true)
    try {
      const { member: saved } = await api.updateMember(planId, member.userId, {
        role,
        editorUntil: role === 'editor' && parsedUntil.ok ? parsedUntil.iso : null,
      })
      onSaved(saved)
      setRole(saved.grantedRole)
      setUntil(toUkDateText(saved.editorUntil))
      announce(`Saved changes for ${member.name}.`)
      // Save is disabled once nothing is left to save; focus must not fall out of the dialog.
      requestAnimationFrame(() => roleRef.current?.focus())
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <tr>
      <th scope="row" className="member__person">
        <span className="member__name">{member.name}{isYou && ' (You)'}</span>
        <span className="member__email">{member.email}</span>
        {member.role !== member.grantedRole && (
          <span className="member__note">Editing ended: now a {ROLE_LABELS[member.role].toLowerCase()}</span>
        )}
        {error && <span className="field__error" role="alert">{error}</span>}
      </th>
      <td>
        <label htmlFor={`${base}-role`} className="visually-hidden">Role for {member.name}</label>
        <select ref={roleRef} id={`${base}-role`} className="select select--compact" value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {ROLES.map((option) => (
            <option key={option} value={option}>{ROLE_LABELS[option]}</option>
          ))}
        </select>
      </td>
      <td>
        {role === 'editor' ? (
          <>
            <label htmlFor={`${base}-until`} className="visually-hidden">Editing ends for {member.name} (optional)</label>
            <input
              id={`${base}-until`}
              className="input input--compact"
              inputMode="numeric"
              autoComplete="off"
              placeholder="dd/mm/yyyy"
              value={until}
              onChange={(event) => setUntil(event.target.value)}
              aria-invalid={parsedUntil.ok ? undefined : true}
              aria-describedby={`${base}-until-text`}
            />
            <span id={`${base}-until-text`} className="member__until">
              {untilDescription(parsedUntil)}
            </span>
          </>
        ) : (
          <span className="muted">Not applicable</span>
        )}
      </td>
      <td className="member__actions">
        <Button variant="primary" disabled={!dirty} busy={busy} busyLabel="Saving…" onClick={save} aria-label={`Save changes for ${member.name}`}>
          Save
        </Button>
        <Button variant="quiet" className="button--danger-text" onClick={() => onRemove(member)} aria-label={`Remove ${member.name}`}>
          Remove
        </Button>
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
