import { useId, useState, type FormEvent } from 'react'
import { PublishSnapshotBody, type SnapshotSummary } from '../../shared/api.ts'
import { api } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { ErrorSummary } from '../components/ErrorSummary.tsx'
import { TextField } from '../components/TextField.tsx'
import { validate } from '../forms.ts'
import { useFormSubmit } from '../useFormSubmit.ts'

const IDS = { name: 'snapshot-name' }

/** Publishes the live plan as a named snapshot, optionally for trustees. */
export function PublishForm({ planId, onPublished }: { planId: string; onPublished(snapshot: SnapshotSummary): void }) {
  const [name, setName] = useState('')
  const [forTrustees, setForTrustees] = useState(false)
  const form = useFormSubmit()
  const trusteesHint = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (form.busy) return
    const checked = validate(PublishSnapshotBody, { name, forTrustees })
    if (!checked.ok) {
      form.fail(checked.fields)
      return
    }
    await form.run(async () => {
      const { snapshot } = await api.publishSnapshot(planId, checked.data)
      setName('')
      setForTrustees(false)
      onPublished(snapshot)
    })
  }

  return (
    <form className="form card publish-form" onSubmit={submit} noValidate aria-labelledby="publish-title">
      <h2 id="publish-title">Publish a snapshot</h2>
      <p className="muted">A snapshot keeps the plan exactly as it is now, with your name and the time. It never changes afterwards.</p>
      <ErrorSummary message={form.message} fields={form.fields} fieldIds={IDS} attempt={form.attempt} />
      <TextField
        id={IDS.name} label="Name" value={name} maxLength={120} required
        hint="For example “Autumn term review”." error={form.fields.name}
        onChange={(event) => setName(event.target.value)}
      />
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" checked={forTrustees} onChange={(event) => setForTrustees(event.target.checked)} aria-describedby={trusteesHint} />
          Publish for trustees
        </label>
        <p id={trusteesHint} className="field__hint">Trustees see only snapshots published for them, never the live plan.</p>
      </div>
      <div className="button-row">
        <Button type="submit" variant="primary" busy={form.busy} busyLabel="Publishing…">Publish snapshot</Button>
      </div>
    </form>
  )
}
