import { useState, type FormEvent } from 'react'
import { SignInBody } from '../../shared/api.ts'
import { api, ApiRequestError, errorMessage } from '../api.ts'
import { useAuth } from '../auth.tsx'
import { Button } from '../components/Button.tsx'
import { ErrorSummary } from '../components/ErrorSummary.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { TextField } from '../components/TextField.tsx'
import { formatWait } from '../format.ts'
import { validate } from '../forms.ts'
import { Link, safeNext, useLocation } from '../router.tsx'
import { useFormSubmit } from '../useFormSubmit.ts'

const IDS = { email: 'signin-email', password: 'signin-password' }

function describeSignInError(error: unknown): string {
  if (error instanceof ApiRequestError && error.status === 429) {
    // The server's sentence may already say how long; add the wait only when it does not.
    const wait = error.retryAfter && !/\d/.test(error.message) ? ` You can try again in ${formatWait(error.retryAfter)}.` : ''
    return `${error.message}${wait}`
  }
  return errorMessage(error)
}

export function SignInPage() {
  const { setUser } = useAuth()
  const location = useLocation()
  const next = safeNext(location.search)
  const form = useFormSubmit()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (form.busy) return
    const checked = validate(SignInBody, { email, password })
    if (!checked.ok) {
      form.fail(checked.fields)
      return
    }
    await form.run(async () => {
      const { user } = await api.signIn(checked.data)
      setUser(user)
    }, describeSignInError)
  }

  const registerHref = next === '/' ? '/register' : `/register?next=${encodeURIComponent(next)}`

  return (
    <div className="page--narrow">
      <PageHeading title="Sign in" />
      {next.startsWith('/invite/') && <p className="lead">Sign in to see the plan you have been invited to.</p>}
      <ErrorSummary message={form.message} fields={form.fields} fieldIds={IDS} attempt={form.attempt} />
      <form className="card form" onSubmit={submit} noValidate>
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
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={form.fields.password}
        />
        <Button type="submit" variant="primary" busy={form.busy} busyLabel="Signing in…">Sign in</Button>
      </form>
      <p>
        New to Uplift? <Link href={registerHref}>Create an account</Link>
      </p>
    </div>
  )
}
