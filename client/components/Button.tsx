import type { ButtonHTMLAttributes, MouseEvent, Ref } from 'react'

type Variant = 'primary' | 'secondary' | 'danger' | 'quiet'

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant
  /** While true the button says so and ignores presses, but keeps focus (unlike `disabled`). */
  busy?: boolean
  busyLabel?: string
  ref?: Ref<HTMLButtonElement>
}

export function Button({ variant = 'secondary', busy = false, busyLabel, className, onClick, children, type = 'button', ref, ...rest }: ButtonProps) {
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (busy) {
      event.preventDefault()
      return
    }
    onClick?.(event)
  }
  return (
    <button
      ref={ref}
      type={type}
      className={['button', `button--${variant}`, busy ? 'is-busy' : '', className ?? ''].filter(Boolean).join(' ')}
      aria-disabled={busy || undefined}
      onClick={handleClick}
      {...rest}
    >
      {busy && <span className="spinner" aria-hidden="true" />}
      {busy && busyLabel ? busyLabel : children}
    </button>
  )
}
