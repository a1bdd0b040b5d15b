import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { CreateTokenBody, type PersonalToken } from '../../shared/api.ts'
import { api, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { CopyField } from '../components/CopyField.tsx'
import { ErrorSummary } from '../components/ErrorSummary.tsx'
import { TextField } from '../components/TextField.tsx'
import { formatDateTime } from '../format.ts'
import { validate } from '../forms.ts'
import { useFocusAfterRender } from '../useFocusAfterRender.ts'
import { useFormSubmit } from '../useFormSubmit.ts'

const IDS = { name: 'token-name' }
const LIST_HEADING = 'tokens-list-heading'

export function TokensSection() {
  const form = useFormSubmit()
  const [tokens, setTokens] = useState<PersonalToken[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [created, setCreated] = useState<PersonalToken | null>(null)
  const [revoking, setRevoking] = useState<PersonalToken | null>(null)
  const [status, setStatus] = useState('')
  const focusAfterRender = useFocusAfterRender()

  const load = useCallback(() => {
    setLoadError(null)
    api.tokens().then(({ tokens }) => setTokens(tokens), (error) => setLoadError(errorMessage(error)))
  }, [])
  useEffect(load, [load])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (form.busy) return
    const checked = validate(CreateTokenBody, { name })
    if (!checked.ok) {
      form.fail(checked.fields)
      return
    }
    await form.run(async () => {
      const { token } = await api.createToken(checked.data.name)
      setCreated(token)
      setTokens((current) => [...(current ?? []), { ...token, token: undefined }])
      setName('')
    })
  }

  const revoke = async () => {
    if (!revoking) return
    await api.revokeToken(revoking.id)
    setTokens((current) => current?.filter((token) => token.id !== revoking.id) ?? null)
    if (created?.id === revoking.id) setCreated(null)
    setStatus(`The token “${revoking.name}” was revoked. Scripts using it can no longer sign in.`)
    setRevoking(null)
    // Its row (and the Revoke button focus would go back to) is gone: to the list it was in.
    focusAfterRender(LIST_HEADING)
  }

  const copied = () => {
    setCreated(null)
    // The new token's box goes, with this button: to the list, where the token now is.
    focusAfterRender(LIST_HEADING)
  }

  return (
    <section className="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Personal access tokens</h2>
      <p>
        A token lets a script or another tool work with Uplift as you, without your password. Scripts send it in the
        header <code>Authorization: Bearer &lt;token&gt;</code>, or as the <code>token</code> query parameter when they
        open the collaboration socket. Anyone with a token can do what you can, so keep it as safe as a password and
        revoke it when it is no longer needed.
      </p>
      <ErrorSummary message={form.message} fields={form.fields} fieldIds={IDS} attempt={form.attempt} />
      <form className="form form--row" onSubmit={submit} noValidate>
        <TextField
          id={IDS.name}
          label="Token name"
          hint="Say what will use it, for example “Termly report script” (up to 80 characters)."
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={form.fields.name}
        />
        <Button type="submit" variant="primary" busy={form.busy} busyLabel="Creating token…">Create token</Button>
      </form>
      {created?.token && (
        <div className="message message--success new-token">
          <h3>Token “{created.name}” created</h3>
          <CopyField label="New token" value={created.token} hint="Copy it now: this is the only time Uplift shows it." />
          <Button variant="secondary" onClick={copied}>I have copied it</Button>
        </div>
      )}
      <p className="visually-hidden" role="status">{status}</p>
      <h3 id={LIST_HEADING} tabIndex={-1}>Your tokens</h3>
      {loadError && (
        <div className="message message--error" role="alert">
          <p>{loadError}</p>
          <Button onClick={load}>Try again</Button>
        </div>
      )}
      {!tokens && !loadError && <p className="loading" role="status">Loading tokens…</p>}
      {tokens && tokens.length === 0 && <p className="muted">You have no tokens.</p>}
      {tokens && tokens.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>{formatDateTime(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
                  <td>
                    <Button variant="quiet" className="button--danger-text" onClick={() => setRevoking(token)} aria-label={`Revoke ${token.name}`}>
                      Revoke
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoking && (
        <ConfirmDialog title={`Revoke “${revoking.name}”?`} confirmLabel="Revoke token" busyLabel="Revoking…" onConfirm={revoke} onClose={() => setRevoking(null)}>
          <p>Scripts using this token will stop working straight away. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}
