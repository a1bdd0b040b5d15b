import { useState, type FormEvent } from 'react'
import { CreateInvitationBody, type Invitation } from '../../shared/api.ts'
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../shared/roles.ts'
import { api } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { CopyField } from '../components/CopyField.tsx'
import { ErrorSummary } from '../components/ErrorSummary.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { DateField } from '../components/DateField.tsx'
import { formatDate, parseUkDate } from '../format.ts'
import { validate } from '../forms.ts'
import { useFormSubmit } from '../useFormSubmit.ts'

type InvitedRole = Invitation['role']
const INVITED_ROLES: InvitedRole[] = ['editor', 'viewer', 'trustee']
const IDS = { role: 'invite-role', expiresAt: 'invite-expires', editorUntil: 'invite-editor-until' }

export function inviteLink(token: string): string {
  return `${window.location.origin}/invite/${encodeURIComponent(token)}`
}

export function NewInvitationForm({ planId, onCreated }: { planId: string; onCreated(invitation: Invitation): void }) {
  const form = useFormSubmit()
  const [role, setRole] = useState<InvitedRole>('editor')
  const [expires, setExpires] = useState('')
  const [editorUntil, setEditorUntil] = useState('')
  // Every link made while the dialog is open, newest first: making a second must not hide the first.
  const [links, setLinks] = useState<MadeLink[]>([])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (form.busy) return
    const expiresAt = parseUkDate(expires)
    const until = role === 'editor' ? parseUkDate(editorUntil) : ({ ok: true, iso: null } as const)
    if (!expiresAt.ok || !until.ok) {
      form.fail({
        ...(expiresAt.ok ? {} : { expiresAt: expiresAt.error }),
        ...(until.ok ? {} : { editorUntil: until.error }),
      })
      return
    }
    const checked = validate(CreateInvitationBody, { role, expiresAt: expiresAt.iso, editorUntil: until.iso })
    if (!checked.ok) {
      form.fail(checked.fields)
      return
    }
    await form.run(async () => {
      const { invitation } = await api.createInvitation(planId, checked.data)
      const token = invitation.token
      if (token) setLinks((made) => [{ ...invitation, url: inviteLink(token) }, ...made])
      // Each link's dates are chosen for it: the next link starts without them, rather than quietly
      // expiring (or ending someone's editing) on the same day as this one.
      setExpires('')
      setEditorUntil('')
      onCreated(invitation)
    })
  }

  return (
    <div className="invite-form">
      <ErrorSummary message={form.message} fields={form.fields} fieldIds={IDS} attempt={form.attempt} />
      <form className="form form--inline-grid" onSubmit={submit} noValidate aria-label="New invitation">
        <SelectField
          id={IDS.role}
          label="Role"
          hint={ROLE_DESCRIPTIONS[role]}
          value={role}
          onChange={(event) => setRole(event.target.value as InvitedRole)}
          error={form.fields.role}
        >
          {INVITED_ROLES.map((option) => (
            <option key={option} value={option}>{ROLE_LABELS[option]}</option>
          ))}
        </SelectField>
        <DateField
          id={IDS.expiresAt}
          label="Link expires (optional)"
          describe={(date) => (date ? `The link works until the end of ${date}.` : 'Leave empty for a link that works until revoked.')}
          value={expires}
          onChange={setExpires}
          error={form.fields.expiresAt}
        />
        {role === 'editor' && (
          <DateField
            id={IDS.editorUntil}
            label="Editing ends (optional)"
            describe={(date) => (date ? `They can edit until the end of ${date}, then read only.` : 'For a secondment: after this date they can read but not edit.')}
            value={editorUntil}
            onChange={setEditorUntil}
            error={form.fields.editorUntil}
          />
        )}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={form.busy} busyLabel="Creating link…">Create invitation link</Button>
        </div>
      </form>
      {links.map((link) => (
        <div key={link.id} className="message message--success new-link">
          <CopyField
            label={linkLabel(links, link)}
            value={link.url}
            hint={`Send this link to the person you are inviting as ${ROLE_LABELS[link.role].toLowerCase()}. ${linkDates(link)}It is shown only while this window is open: copy it before closing.`}
          />
        </div>
      ))}
    </div>
  )
}

interface MadeLink {
  id: string
  url: string
  role: InvitedRole
  expiresAt: string | null
  editorUntil: string | null
}

/** The dates a link was made with, said beside it (the form's own date fields are emptied for the next). */
function linkDates(link: MadeLink): string {
  const expiry = link.expiresAt ? `It works until the end of ${formatDate(link.expiresAt)}. ` : ''
  const editing = link.role === 'editor' && link.editorUntil ? `Editing ends at the end of ${formatDate(link.editorUntil)}. ` : ''
  return expiry + editing
}

/** "Editor invitation link", numbered when several links for the same role were made (oldest is 1). */
function linkLabel(links: { id: string; role: InvitedRole }[], link: { id: string; role: InvitedRole }): string {
  const sameRole = links.filter((other) => other.role === link.role)
  const label = `${ROLE_LABELS[link.role]} invitation link`
  return sameRole.length > 1 ? `${label} ${sameRole.length - sameRole.indexOf(link)}` : label
}
