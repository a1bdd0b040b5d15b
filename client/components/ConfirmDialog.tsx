import { useId, useState, type ReactNode } from 'react'
import { errorMessage } from '../api.ts'
import { Button } from './Button.tsx'
import { Dialog } from './Dialog.tsx'

interface ConfirmDialogProps {
  title: string
  children: ReactNode
  confirmLabel: string
  busyLabel: string
  onConfirm(): Promise<void>
  onClose(): void
  /** Where focus goes on closing, when the element that opened it may be gone (see Dialog). */
  onAfterClose?(): void
}

/** Asks before something that cannot be undone; Cancel takes focus first so Enter is never destructive. */
export function ConfirmDialog({ title, children, confirmLabel, busyLabel, onConfirm, onClose, onAfterClose }: ConfirmDialogProps) {
  const descriptionId = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const confirm = async () => {
    setBusy(true)
    setError(null)
    try {
      await onConfirm()
    } catch (failure) {
      setError(errorMessage(failure))
      setBusy(false)
    }
  }

  return (
    <Dialog title={title} onClose={onClose} describedBy={descriptionId} onAfterClose={onAfterClose}>
      <div id={descriptionId} className="dialog__text">{children}</div>
      {error && <p className="message message--error" role="alert">{error}</p>}
      <div className="button-row">
        <Button variant="danger" busy={busy} busyLabel={busyLabel} onClick={confirm}>{confirmLabel}</Button>
        <Button variant="secondary" onClick={onClose} data-autofocus>Cancel</Button>
      </div>
    </Dialog>
  )
}
