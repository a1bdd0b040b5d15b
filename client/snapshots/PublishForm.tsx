import { useId, useState, type FormEvent } from 'react'
import type { SnapshotSummary } from '../../shared/api.ts'
import { api } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { TextField } from '../components/TextField.tsx'
import { useFormSubmit } from '../useFormSubmit.ts'

/** Publishes the live plan as a named snapshot, optionally for trustees. */
export function PublishForm({ planId, onPublished }: { planId: string; onPublished(snapshot: SnapshotSummary): void }) {
  const [name, setName] = useState('')
  const [forTrustees, setForTrustees] = useState(false)
  const { busy, fields, message, run } = useFormSubmit()
  const trusteesHint = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    await run(async () => {
      const { snapshot } = await api.publishSnapshot(planId, { name, forTrustees })
      setName('')
      setForTrustees(false)
      onPublished(snapshot)
    })
  }

  return (
    <form className="form card publish-form" onSubmit={submit} noValidate aria-labelledby="publish-title">
      <h3 id="publish-title">Publish a snapshot</h3>
      <p className="muted">A snapshot keeps the plan exactly as it is now, with your name and the time. It never changes afterwards.</p>
      <TextField
        id="snapshot-name" label="Name" value={name} maxLength={120} required
        hint="For example “Autumn term review”." error={fields.name}
        onChange={(event) => setName(event.target.value)}
      />
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" checked={forTrustees} onChange={(event) => setForTrustees(event.target.checked)} aria-describedby={trusteesHint} />
          Publish for trustees
        </label>
        <p id={trusteesHint} className="field__hint">Trustees see only snapshots published for them, never the live plan.</p>
      </div>
      {message && !fields.name && <p className="message message--error" role="alert">{message}</p>}
      <div className="button-row">
        <Button type="submit" variant="primary" busy={busy} busyLabel="Publishing…">Publish snapshot</Button>
      </div>
    </form>
  )
}
