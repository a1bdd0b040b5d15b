import { useEffect, useRef, useState, type FormEvent } from 'react'
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
  const headSelect = useRef<HTMLSelectElement>(null)

  useEffect(() => {
    api.members(planId).then(
      ({ members }) => setMembers(members.filter((member) => member.role === 'owner' || member.role === 'editor')),
      (failure) => setError(errorMessage(failure)),
    )
  }, [planId])

  // The dialog opens on its title while the people load; the first choice takes focus once it is there,
  // unless the person has already moved on (to Cancel, say).
  const loaded = members !== null
  useEffect(() => {
    if (!loaded) return
    const active = document.activeElement
    if (!active || active === document.body || active.classList.contains('dialog__title')) headSelect.current?.focus()
  }, [loaded])

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
    <Dialog title={`Ask for sign-off of “${snapshot.name}”`} onClose={onClose} focusTitle>
      <form className="form" onSubmit={submit} noValidate>
        <p className="dialog__text">Each of them approves it with their own account. Once both have, the snapshot says it is approved wherever it is shown.</p>
        {!members && !error && <p className="loading" role="status">Loading the plan’s editors…</p>}
        {members && (
          <>
            <SelectField id="signoff-head" ref={headSelect} label="Host headteacher" value={head} onChange={(event) => setHead(event.target.value)}>
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
