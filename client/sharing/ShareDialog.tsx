import { useState } from 'react'
import type { PlanSummary } from '../../shared/api.ts'
import { can, type Role } from '../../shared/roles.ts'
import { Dialog } from '../components/Dialog.tsx'
import { InvitationsSection } from './InvitationsSection.tsx'
import { MembersSection } from './MembersSection.tsx'

interface ShareDialogProps {
  plan: PlanSummary
  role: Role
  youId: string
  /** Changes when this person's own access changes while the dialog is open: the list is read again. */
  accessKey?: string
  onClose(): void
}

/** Owners share and manage access; editors and viewers see who else has access. */
export function ShareDialog({ plan, role, youId, accessKey, onClose }: ShareDialogProps) {
  const canManage = can(role, 'manageSharing')
  const [status, setStatus] = useState('')
  return (
    <Dialog title={canManage ? `Share “${plan.title}”` : `People with access to “${plan.title}”`} onClose={onClose} size="large">
      <p className="visually-hidden" role="status">{status}</p>
      <MembersSection planId={plan.id} canManage={canManage} youId={youId} accessKey={accessKey} announce={setStatus} />
      {canManage && <InvitationsSection planId={plan.id} announce={setStatus} />}
    </Dialog>
  )
}
