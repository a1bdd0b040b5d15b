import { useEffect, useState } from 'react'
import type { ExistingAccess, InvitationPreview } from '../../shared/api.ts'
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLE_WITH_ARTICLE } from '../../shared/roles.ts'
import { api } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { formatDate } from '../format.ts'
import { Link, navigate } from '../router.tsx'
import { describeProblem, type Problem } from './invitationProblem.ts'

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
      const { plan, invitationUsed } = await api.acceptInvitation(token)
      if (!invitationUsed) {
        // They came to have as much access since the page opened: say so, rather than open the plan as if
        // the link had done something (the server left it unused).
        const yourAccess = { planId: plan.id, role: plan.role, editorUntil: plan.editorUntil ?? null, acceptingGivesMore: false }
        setPreview((current) => current && { ...current, yourAccess })
        setAccepting(false)
        return
      }
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

  const access = preview.yourAccess
  // A member who would gain nothing is not offered the button: accepting would change nothing, and the
  // link is left for the person it was meant for.
  const alreadyHasIt = access !== null && !access.acceptingGivesMore
  const editingEnds = preview.role === 'editor' && preview.editorUntil ? formatDate(preview.editorUntil) : null

  return (
    <div className="page--narrow">
      <PageHeading title={alreadyHasIt ? 'You already have access to this plan' : 'You have been invited to a plan'} />
      <div role="status">
        {alreadyHasIt && (
          <p className="message message--info">
            You already have access to this plan as {ROLE_WITH_ARTICLE[access.role]}. This link was not used, so it still
            works for the person it was meant for.
          </p>
        )}
      </div>
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
            <dt>{alreadyHasIt ? 'This link is for' : 'Your role'}</dt>
            <dd>
              {ROLE_LABELS[preview.role]}
              <span className="summary-list__hint">{ROLE_DESCRIPTIONS[preview.role]}</span>
            </dd>
          </div>
          {editingEnds && (
            <div>
              <dt>Editing ends</dt>
              <dd>
                {editingEnds}
                <span className="summary-list__hint">
                  {alreadyHasIt ? 'Whoever accepts it' : 'You'} can edit until the end of {editingEnds}, then read only.
                </span>
              </dd>
            </div>
          )}
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
        {access && !alreadyHasIt && <p>{gainSentence(access, preview)}</p>}
        {acceptError && <p className="message message--error" role="alert">{acceptError}</p>}
        {alreadyHasIt ? (
          <div className="button-row">
            <Link className="button button--primary" href={`/plans/${encodeURIComponent(access.planId)}`}>Open the plan</Link>
            <Link href="/">Go to your plans</Link>
          </div>
        ) : (
          <div className="button-row">
            <Button variant="primary" busy={accepting} busyLabel="Accepting…" onClick={accept}>Accept invitation</Button>
            <Link href="/">Not now</Link>
          </div>
        )}
      </div>
    </div>
  )
}

/** For a member the link gives more to: what they have now, and what accepting changes. */
function gainSentence(access: ExistingAccess, preview: InvitationPreview): string {
  const now = `You already have access to this plan as ${ROLE_WITH_ARTICLE[access.role]}`
  if (access.role !== preview.role) return `${now}. Accepting makes you ${ROLE_WITH_ARTICLE[preview.role]}.`
  const until = access.editorUntil ? ` until the end of ${formatDate(access.editorUntil)}` : ''
  const longer = preview.editorUntil ? `until the end of ${formatDate(preview.editorUntil)}` : 'with no end date'
  return `${now}${until}. Accepting lets you edit ${longer}.`
}
