import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

interface DialogProps {
  title: string
  onClose(): void
  children: ReactNode
  /** Optional id of an element describing the dialog (for a confirmation's question). */
  describedBy?: string
  size?: 'small' | 'large'
  /** Where focus goes on closing; by default back to the element that had it before. */
  onAfterClose?(): void
  /**
   * Focus the title on opening, for a dialog whose first control comes later (once something has loaded):
   * it then moves focus on itself. Without it, the `data-autofocus` element or the first control (×).
   */
  focusTitle?: boolean
}

/**
 * A modal dialog on the native <dialog> element (the rest of the page becomes inert), with focus kept
 * inside it, Escape to close, and focus returned to where it was. Render it only while open.
 * Put `data-autofocus` on the element that should take focus first.
 */
export function Dialog({ title, onClose, children, describedBy, size = 'small', onAfterClose, focusTitle = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleRef = useRef<HTMLHeadingElement>(null)
  const focusTitleRef = useRef(focusTitle)
  const titleId = useId()
  const onCloseRef = useRef(onClose)
  onCloseRef.current = onClose
  const afterCloseRef = useRef(onAfterClose)
  afterCloseRef.current = onAfterClose

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const previous = document.activeElement as HTMLElement | null
    if (!dialog.open) dialog.showModal()
    const first = focusTitleRef.current
      ? titleRef.current
      : dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>(FOCUSABLE)
    first?.focus()
    return () => {
      if (dialog.open) dialog.close()
      if (afterCloseRef.current) afterCloseRef.current()
      else if (previous && previous.isConnected) previous.focus()
    }
  }, [])

  const handleKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !ref.current) return
    const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.offsetParent !== null)
    if (focusable.length === 0) return
    const first = focusable[0]
    const last = focusable[focusable.length - 1]
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onKeyDown={handleKeyDown}
      onCancel={(event) => {
        // React passes a dialog's cancel on to the dialogs it sits inside (a confirmation opened from the
        // Share dialog), though the browser fires it only at the top one: Escape closes that one alone.
        if (event.target !== event.currentTarget) return
        // Escape: let React unmount the dialog rather than the browser closing it behind React's back.
        event.preventDefault()
        onCloseRef.current()
      }}
    >
      <div className="dialog__header">
        <h2 id={titleId} ref={titleRef} className="dialog__title" tabIndex={focusTitle ? -1 : undefined}>{title}</h2>
        <button type="button" className="icon-button dialog__close" aria-label="Close" title="Close (Esc)" onClick={() => onCloseRef.current()}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="dialog__body">{children}</div>
    </dialog>
  )
}
