import type { ReactNode } from 'react'

export interface FieldFrameProps {
  id: string
  label: ReactNode
  error?: string
  hint?: ReactNode
  className?: string
}

/**
 * The frame every labelled form control sits in: its label, then its hint and error, tied to the control
 * for assistive technology. `control` gets the ids the control must name in `aria-describedby`.
 */
export function FieldFrame({ id, label, error, hint, className, control }: FieldFrameProps & { control(describedBy: string | undefined): ReactNode }) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', error ? 'field--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field__label">{label}</label>
      {hint && <p id={hintId} className="field__hint">{hint}</p>}
      {error && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {control(describedBy)}
    </div>
  )
}
