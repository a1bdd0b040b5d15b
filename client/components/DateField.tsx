import { formatDate, parseUkDate } from '../format.ts'
import { TextField } from './TextField.tsx'

interface DateFieldProps {
  id: string
  label: string
  value: string
  onChange(value: string): void
  error?: string
  /** Says what the date means once one is entered, e.g. (date) => `Works until the end of ${date}.` */
  describe(date: string | null): string
  className?: string
}

/**
 * A date typed the UK way (day/month/year). A text box, not the native date picker, which shows the
 * browser's own order (often month first) whatever the page's language.
 */
export function DateField({ id, label, value, onChange, error, describe, className }: DateFieldProps) {
  const parsed = parseUkDate(value)
  const meaning = parsed.ok ? describe(parsed.iso ? formatDate(parsed.iso) : null) : 'For example, 31/07/2027.'
  return (
    <TextField
      id={id}
      label={label}
      hint={meaning}
      className={className}
      inputMode="numeric"
      autoComplete="off"
      placeholder="dd/mm/yyyy"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    />
  )
}
