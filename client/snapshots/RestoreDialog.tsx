import { api } from '../api.ts'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { restoreQuestion, restoreTargetText, type RestoreTarget } from './restoreWording.ts'

interface RestoreDialogProps {
  planId: string
  /** `snapshot:<id>` or `version:<id>`. */
  source: string
  /** What is being restored, for the question: a snapshot by its name, a version by its time. */
  what: RestoreTarget
  onRestored(): void
  onClose(): void
}

/** Asks before a restore, and says why it is safe: the plan as it is now is kept as a version first. */
export function RestoreDialog({ planId, source, what, onRestored, onClose }: RestoreDialogProps) {
  return (
    <ConfirmDialog
      title={restoreQuestion(what)}
      confirmLabel="Restore"
      busyLabel="Restoring…"
      onClose={onClose}
      onConfirm={async () => {
        await api.restore(planId, source)
        onRestored()
      }}
    >
      <p>The live plan will go back to {restoreTargetText(what)}, for everyone working on it, at once.</p>
      <p>Nothing is lost: the plan as it is now is kept in the history first, and you can restore it from there.</p>
    </ConfirmDialog>
  )
}
