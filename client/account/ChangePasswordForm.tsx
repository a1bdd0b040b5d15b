import { useState, type FormEvent } from 'react'
import { ChangePasswordBody, PASSWORD_MIN } from '../../shared/api.ts'
import { api } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { ErrorSummary } from '../components/ErrorSummary.tsx'
import { TextField } from '../components/TextField.tsx'
import { validate } from '../forms.ts'
import { useFormSubmit } from '../useFormSubmit.ts'

const IDS = { currentPassword: 'current-password', newPassword: 'new-password' }

export function ChangePasswordForm() {
  const form = useFormSubmit()
  const [currentPassword, setCurrentPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [done, setDone] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (form.busy) return
    setDone(false)
    const checked = validate(ChangePasswordBody, { currentPassword, newPassword })
    if (!checked.ok) {
      form.fail(checked.fields)
      return
    }
    const ok = await form.run(() => api.changePassword(checked.data))
    if (ok) {
      setCurrentPassword('')
      setNewPassword('')
      setDone(true)
    }
  }

  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Change password</h2>
      <p>Changing your password signs you out everywhere else, on every other computer and tablet.</p>
      <ErrorSummary message={form.message} fields={form.fields} fieldIds={IDS} attempt={form.attempt} />
      <p role="status" className={done ? 'message message--success' : 'visually-hidden'}>
        {done ? 'Your password has been changed. Other sessions have been signed out.' : ''}
      </p>
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          id={IDS.currentPassword}
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          error={form.fields.currentPassword}
        />
        <TextField
          id={IDS.newPassword}
          label="New password"
          hint={`At least ${PASSWORD_MIN} characters.`}
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          error={form.fields.newPassword}
        />
        <Button type="submit" variant="primary" busy={form.busy} busyLabel="Changing password…">Change password</Button>
      </form>
    </section>
  )
}
