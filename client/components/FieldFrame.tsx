import type { ReactNode } from 'react'

export interface FieldFrameProps {
  id: string
  label: ReactNode
  error?: string
  hint?: ReactNode
  className?: string
}

/** What ties a control to its frame's hint and error: spread into the control. */
export interface FieldControlProps {
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

/**
 * The frame every labelled form control sits in: its label, then its hint and error, tied to the control
 * for assistive technology. `control` makes the control (with the id the label names) from the attributes
 * that tie it to them.
 */
export function FieldFrame({ id, label, error, hint, className, control }: FieldFrameProps & { control(tied: FieldControlProps): ReactNode }) {
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
      {control({ 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
    </div>
  )
}
