import { useCallback, useEffect, useRef, useState } from 'react'
import type { Invitation } from '../../shared/api.ts'
import { ROLE_LABELS } from '../../shared/roles.ts'
import { api, errorMessage } from '../api.ts'
import { Button } from '../components/Button.tsx'
import { formatDate, formatDateTime } from '../format.ts'
import { NewInvitationForm } from './NewInvitationForm.tsx'

export function InvitationsSection({ planId, announce }: { planId: string; announce(message: string): void }) {
  const [invitations, setInvitations] = useState<Invitation[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [revoking, setRevoking] = useState<string | null>(null)
  const pendingHeadingRef = useRef<HTMLHeadingElement>(null)
  /** After a revoke: the invitation whose Revoke button takes focus (the next, or the one before), or none. */
  const [focusAfterRevoke, setFocusAfterRevoke] = useState<{ id: string | null } | null>(null)

  const load = useCallback(() => {
    setError(null)
    api.invitations(planId).then(({ invitations }) => setInvitations(invitations), (failure) => setError(errorMessage(failure)))
  }, [planId])
  useEffect(load, [load])

  useEffect(() => {
    if (!focusAfterRevoke) return
    const next = focusAfterRevoke.id ? document.getElementById(revokeButtonId(focusAfterRevoke.id)) : null
    const target = next ?? pendingHeadingRef.current
    target?.focus()
    setFocusAfterRevoke(null)
  }, [focusAfterRevoke])

  const revoke = async (invitation: Invitation) => {
    setRevoking(invitation.id)
    setError(null)
    try {
      await api.revokeInvitation(planId, invitation.id)
      // Its button goes with it: focus moves on to the next invitation's, or to the heading if none is left.
      const list = invitations ?? []
      const at = list.findIndex((item) => item.id === invitation.id)
      setFocusAfterRevoke({ id: (list[at + 1] ?? list[at - 1])?.id ?? null })
      setInvitations((current) => current?.filter((item) => item.id !== invitation.id) ?? null)
      announce(`The ${ROLE_LABELS[invitation.role].toLowerCase()} invitation was revoked: its link no longer works.`)
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setRevoking(null)
    }
  }

  return (
    <section aria-labelledby="invitations-heading" className="share-section">
      <h3 id="invitations-heading">Invite someone</h3>
      <NewInvitationForm planId={planId} onCreated={(invitation) => setInvitations((current) => [...(current ?? []), { ...invitation, token: undefined }])} />
      <h3 id="pending-heading" ref={pendingHeadingRef} tabIndex={-1} className="share-section__subheading">Pending invitations</h3>
      {error && <p className="message message--error" role="alert">{error}</p>}
      {!invitations && !error && <p className="loading" role="status">Loading invitations…</p>}
      {invitations && invitations.length === 0 && <p className="muted">No invitations are waiting to be accepted.</p>}
      {invitations && invitations.length > 0 && (
        <ul className="invitation-list" aria-labelledby="pending-heading">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="invitation">
              <div>
                <strong>{ROLE_LABELS[invitation.role]}</strong> invitation, created {formatDateTime(invitation.createdAt)}
                <span className="invitation__details">
                  {invitation.expiresAt ? `Link expires at the end of ${formatDate(invitation.expiresAt)}.` : 'Link does not expire.'}
                  {invitation.role === 'editor' && invitation.editorUntil && ` Editing ends ${formatDate(invitation.editorUntil)}.`}
                </span>
              </div>
              <Button
                id={revokeButtonId(invitation.id)}
                variant="quiet"
                className="button--danger-text"
                busy={revoking === invitation.id}
                busyLabel="Revoking…"
                onClick={() => revoke(invitation)}
                aria-label={`Revoke ${ROLE_LABELS[invitation.role].toLowerCase()} invitation created ${formatDateTime(invitation.createdAt)}`}
              >
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

const revokeButtonId = (invitationId: string) => `invitation-${invitationId}-revoke`
