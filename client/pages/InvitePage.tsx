import { useEffect, useState } from 'react'
import type { InvitationPreview } from '../../shared/api.ts'
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../shared/roles.ts'
import { api, ApiRequestError, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { formatDate } from '../format.ts'
import { Link, navigate } from '../router.tsx'

type Problem = { title: string; message: string }

function describeProblem(error: unknown): Problem {
  if (error instanceof ApiRequestError) {
    if (error.status === 404) {
      return {
        title: 'This invitation link does not work',
        message: 'The link may have been mistyped, revoked or already used up. Ask the person who invited you for a new link.',
      }
    }
    if (error.status === 410 || /expired/i.test(error.message)) {
      return { title: 'This invitation has expired', message: `${error.message} Ask the person who invited you for a new link.` }
    }
    return { title: 'The invitation could not be opened', message: error.message }
  }
  return { title: 'The invitation could not be opened', message: errorMessage(error) }
}

export function InvitePage({ token }: { token: string }) {
  const [preview, setPreview] = useState<InvitationPreview | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [accepting, setAccepting] = useState(false)
  const [acceptError, setAcceptError] = useState<string | null>(null)

  useEffect(() => {
    api.invitation(token).then(({ invitation }) => setPreview(invitation), (error) => setProblem(describeProblem(error)))
  }, [token])

  const accept = async () => {
    setAccepting(true)
    setAcceptError(null)
    try {
      const { plan } = await api.acceptInvitation(token)
      navigate(`/plans/${encodeURIComponent(plan.id)}`, { replace: true })
    } catch (error) {
      setAcceptError(describeProblem(error).message)
      setAccepting(false)
    }
  }

  if (problem) {
    return (
      <div className="page--narrow">
        <PageHeading title={problem.title} />
        <p className="message message--error" role="alert">{problem.message}</p>
        <p><Link href="/">Go to your plans</Link></p>
      </div>
    )
  }

  if (!preview) return <p className="loading" role="status">Opening the invitation…</p>

  return (
    <div className="page--narrow">
      <PageHeading title="You have been invited to a plan" />
      <div className="card invitation-preview">
        <dl className="summary-list">
          <div>
            <dt>Plan</dt>
            <dd>{preview.planTitle}</dd>
          </div>
          <div>
            <dt>School</dt>
            <dd>{preview.schoolName}</dd>
          </div>
          <div>
            <dt>Your role</dt>
            <dd>
              {ROLE_LABELS[preview.role]}
              <span className="summary-list__hint">{ROLE_DESCRIPTIONS[preview.role]}</span>
            </dd>
          </div>
          <div>
            <dt>Invited by</dt>
            <dd>{preview.invitedBy}</dd>
          </div>
          {preview.expiresAt && (
            <div>
              <dt>Link expires</dt>
              <dd>{formatDate(preview.expiresAt)}</dd>
            </div>
          )}
        </dl>
        {acceptError && <p className="message message--error" role="alert">{acceptError}</p>}
        <div className="button-row">
          <Button variant="primary" busy={accepting} busyLabel="Accepting…" onClick={accept}>Accept invitation</Button>
          <Link href="/">Not now</Link>
        </div>
      </div>
    </div>
  )
}
