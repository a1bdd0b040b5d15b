import type { ReactNode, Ref, SelectHTMLAttributes } from 'react'
import { FieldFrame } from './FieldFrame.tsx'

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  id: string
  label: ReactNode
  error?: string
  hint?: ReactNode
  children: ReactNode
  ref?: Ref<HTMLSelectElement>
}

/** A labelled drop-down with its hint and error tied to it for assistive technology. */
export function SelectField({ id, label, error, hint, className, children, ref, ...select }: SelectFieldProps) {
  return (
    <FieldFrame
      id={id} label={label} error={error} hint={hint} className={className}
      control={(tied) => (
        <select ref={ref} id={id} className="select" {...tied} {...select}>
          {children}
        </select>
      )}
    />
  )
}
