import { useEffect, useRef, useState, type FormEvent } from 'react'
import { UpdatePlanBody, type PlanSummary } from '../../shared/api.ts'
import { api } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { ErrorSummary } from '../components/ErrorSummary.tsx'
import { TextField } from '../components/TextField.tsx'
import { validate } from '../forms.ts'
import { useFormSubmit } from '../useFormSubmit.ts'

interface RenamePlanFormProps {
  plan: PlanSummary
  onSaved(plan: PlanSummary): void
  onCancel(): void
}

export function RenamePlanForm({ plan, onSaved, onCancel }: RenamePlanFormProps) {
  const form = useFormSubmit()
  const [title, setTitle] = useState(plan.title)
  const [schoolName, setSchoolName] = useState(plan.schoolName)
  const titleRef = useRef<HTMLInputElement>(null)
  const ids = { title: `rename-${plan.id}-title`, schoolName: `rename-${plan.id}-school` }

  useEffect(() => {
    titleRef.current?.focus()
    titleRef.current?.select()
  }, [])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (form.busy) return
    const checked = validate(UpdatePlanBody, { title, schoolName })
    if (!checked.ok) {
      form.fail(checked.fields)
      return
    }
    await form.run(async () => {
      const { plan: saved } = await api.updatePlan(plan.id, checked.data)
      onSaved(saved)
    })
  }

  return (
    <form
      className="form rename-form"
      onSubmit={submit}
      noValidate
      aria-label={`Rename ${plan.title}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          onCancel()
        }
      }}
    >
      <ErrorSummary message={form.message} fields={form.fields} fieldIds={ids} attempt={form.attempt} />
      <TextField
        id={ids.title}
        label="New title"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={form.fields.title}
        ref={titleRef}
      />
      <TextField
        id={ids.schoolName}
        label="New school name"
        value={schoolName}
        onChange={(event) => setSchoolName(event.target.value)}
        error={form.fields.schoolName}
      />
      <div className="button-row">
        <Button type="submit" variant="primary" busy={form.busy} busyLabel="Saving…">Save</Button>
        <Button variant="secondary" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  )
}
