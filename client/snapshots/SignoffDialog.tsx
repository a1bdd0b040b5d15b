import { useEffect, useState, type FormEvent } from 'react'
import type { Member, SnapshotSummary } from '../../shared/api.ts'
import { api, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { Dialog } from '../components/Dialog.tsx'
import { SelectField } from '../components/SelectField.tsx'

interface SignoffDialogProps {
  planId: string
  snapshot: SnapshotSummary
  onDone(snapshot: SnapshotSummary): void
  onClose(): void
}

/** The owner names who signs a snapshot off: the host headteacher and the visiting leader. */
export function SignoffDialog({ planId, snapshot, onDone, onClose }: SignoffDialogProps) {
  const [members, setMembers] = useState<Member[] | null>(null)
  const [head, setHead] = useState('')
  const [visitor, setVisitor] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    api.members(planId).then(
      ({ members }) => setMembers(members.filter((member) => member.role === 'owner' || member.role === 'editor')),
      (failure) => setError(errorMessage(failure)),
    )
  }, [planId])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!head || !visitor) return setError('Choose both people.')
    if (head === visitor) return setError('Choose two different people.')
    setBusy(true)
    setError(null)
    try {
      const { snapshot: updated } = await api.requestSignoff(planId, snapshot.id, [head, visitor])
      onDone(updated)
    } catch (failure) {
      setError(errorMessage(failure))
      setBusy(false)
    }
  }

  const options = (
    <>
      <option value="">Choose someone</option>
      {members?.map((member) => <option key={member.userId} value={member.userId}>{member.name}{member.email && ` (${member.email})`}</option>)}
    </>
  )
  return (
    <Dialog title={`Ask for sign-off of “${snapshot.name}”`} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <p className="dialog__text">Each of them approves it with their own account. Once both have, the snapshot says it is approved wherever it is shown.</p>
        {!members && !error && <p className="loading" role="status">Loading the plan’s editors…</p>}
        {members && (
          <>
            <SelectField id="signoff-head" label="Host headteacher" value={head} onChange={(event) => setHead(event.target.value)} data-autofocus>
              {options}
            </SelectField>
            <SelectField id="signoff-visitor" label="Visiting leader" value={visitor} onChange={(event) => setVisitor(event.target.value)}>
              {options}
            </SelectField>
          </>
        )}
        {error && <p className="message message--error" role="alert">{error}</p>}
        <div className="button-row">
          <Button type="submit" variant="primary" busy={busy} busyLabel="Asking…">Ask for sign-off</Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  )
}
