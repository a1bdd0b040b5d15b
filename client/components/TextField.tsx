import type { InputHTMLAttributes, ReactNode, Ref } from 'react'
import { FieldFrame } from './Field.tsx'

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  id: string
  label: ReactNode
  error?: string
  hint?: ReactNode
  ref?: Ref<HTMLInputElement>
}

/** A labelled input with its hint and error tied to it for assistive technology. */
export function TextField({ id, label, error, hint, className, ref, ...input }: TextFieldProps) {
  return (
    <FieldFrame
      id={id} label={label} error={error} hint={hint} className={className}
      control={(describedBy) => (
        <input ref={ref} id={id} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      )}
    />
  )
}
