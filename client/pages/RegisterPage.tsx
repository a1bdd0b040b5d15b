import { useState, type FormEvent } from 'react'
import { PASSWORD_MIN, RegisterBody } from '../../shared/api.ts'
import { api } from '../api.ts'
import { useAuth } from '../auth.tsx'
import { Button } from '../components/Button.tsx'
import { ErrorSummary } from '../components/ErrorSummary.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { TextField } from '../components/TextField.tsx'
import { validate } from '../forms.ts'
import { Link, safeNext, useLocation } from '../router.tsx'
import { useFormSubmit } from '../useFormSubmit.ts'

const IDS = { name: 'register-name', email: 'register-email', password: 'register-password' }

export function RegisterPage() {
  const { setUser } = useAuth()
  const location = useLocation()
  const next = safeNext(location.search)
  const form = useFormSubmit()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (form.busy) return
    const checked = validate(RegisterBody, { name, email, password })
    if (!checked.ok) {
      form.fail(checked.fields)
      return
    }
    await form.run(async () => {
      const { user } = await api.register(checked.data)
      setUser(user)
    })
  }

  const signInHref = next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`

  return (
    <div className="page--narrow">
      <PageHeading title="Create an account" />
      <ErrorSummary message={form.message} fields={form.fields} fieldIds={IDS} attempt={form.attempt} />
      <form className="card form" onSubmit={submit} noValidate>
        <TextField
          id={IDS.name}
          label="Full name"
          hint="Shown to the people you work with on a plan."
          name="name"
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={form.fields.name}
        />
        <TextField
          id={IDS.email}
          label="Email address"
          type="email"
          name="email"
          autoComplete="email"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={form.fields.email}
        />
        <TextField
          id={IDS.password}
          label="Password"
          hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong password.`}
          type="password"
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={form.fields.password}
        />
        <Button type="submit" variant="primary" busy={form.busy} busyLabel="Creating account…">Create account</Button>
      </form>
      <p>
        Already have an account? <Link href={signInHref}>Sign in</Link>
      </p>
    </div>
  )
}
