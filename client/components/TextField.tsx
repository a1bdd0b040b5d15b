import type { InputHTMLAttributes, ReactNode, Ref } from 'react'
import { FieldFrame } from './FieldFrame.tsx'

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
      control={(tied) => <input ref={ref} id={id} className="input" {...tied} {...input} />}
    />
  )
}
