import { useState, type FormEvent } from 'react'
import { CreatePlanBody, type PlanSummary, type TemplateSummary } from '../../shared/api.ts'
import { api } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { ErrorSummary } from '../components/ErrorSummary.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { TextField } from '../components/TextField.tsx'
import { validate } from '../forms.ts'
import { useFormSubmit } from '../useFormSubmit.ts'

const IDS = { title: 'new-plan-title', schoolName: 'new-plan-school', templateId: 'new-plan-template' }

export function NewPlanForm({ templates, onCreated }: { templates: TemplateSummary[]; onCreated(plan: PlanSummary): void }) {
  const form = useFormSubmit()
  const [title, setTitle] = useState('')
  const [schoolName, setSchoolName] = useState('')
  const [templateId, setTemplateId] = useState('')
  // The server lists its own blank template; the empty value (server default) is only for when none load.
  const selected = templateId || templates[0]?.id || ''
  const chosen = templates.find((template) => template.id === selected)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (form.busy) return
    const checked = validate(CreatePlanBody, { title, schoolName, ...(selected ? { templateId: selected } : {}) })
    if (!checked.ok) {
      form.fail(checked.fields)
      return
    }
    await form.run(async () => {
      const { plan } = await api.createPlan(checked.data)
      onCreated(plan)
    })
  }

  return (
    <section className="card" aria-labelledby="new-plan-heading">
      <h2 id="new-plan-heading">New plan</h2>
      <ErrorSummary message={form.message} fields={form.fields} fieldIds={IDS} attempt={form.attempt} />
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          id={IDS.title}
          label="Plan title"
          hint="For example, “School improvement plan 2026–27”."
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          error={form.fields.title}
        />
        <TextField
          id={IDS.schoolName}
          label="School name"
          autoComplete="organization"
          value={schoolName}
          onChange={(event) => setSchoolName(event.target.value)}
          error={form.fields.schoolName}
        />
        <SelectField
          id={IDS.templateId}
          label="Start from"
          hint={chosen ? chosen.description : 'A title and an empty page.'}
          value={selected}
          onChange={(event) => setTemplateId(event.target.value)}
          error={form.fields.templateId}
        >
          {templates.length === 0 && <option value="">Blank plan</option>}
          {templates.map((template) => (
            <option key={template.id} value={template.id}>{template.name}</option>
          ))}
        </SelectField>
        <Button type="submit" variant="primary" busy={form.busy} busyLabel="Creating plan…">Create plan</Button>
      </form>
    </section>
  )
}
