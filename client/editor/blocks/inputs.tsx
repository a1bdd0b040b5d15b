/**
 * Labelled controls for a block's attributes. Each writes one attribute; dates are typed the UK way
 * (dd/mm/yyyy) and stored as ISO days; numbers accept "92.5" or "92,5". What someone else sets arrives
 * while the control is not being edited here.
 */
import { useEffect, useId, useState, type ReactNode } from 'react'
import { formatUkDate, parseUkDate } from '../../../shared/plan/dates.ts'

interface ControlProps {
  label: string
  disabled: boolean
  className?: string
  hint?: string
}

function Control({ id, label, hint, error, className, children }: { id: string; label: string; hint?: string; error?: string | null; className?: string; children: ReactNode }) {
  return (
    <div className={['block-control', error ? 'block-control--error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="block-control__label" htmlFor={id}>{label}</label>
      {children}
      {hint && !error && <p className="block-control__hint" id={`${id}-hint`}>{hint}</p>}
      {error && <p className="block-control__error" id={`${id}-error`}><span className="visually-hidden">Error: </span>{error}</p>}
    </div>
  )
}

export function SelectControl<T extends string>({ label, value, options, labels, onChange, disabled, emptyLabel = 'Not set', className, hint }: ControlProps & {
  value: T | null
  options: readonly T[]
  labels: Record<T, string>
  onChange(value: T | null): void
  /** The choice meaning "not set"; null when a value is always set. */
  emptyLabel?: string | null
}) {
  const id = useId()
  return (
    <Control id={id} label={label} className={className} hint={hint}>
      <select id={id} className="block-select" value={value ?? ''} disabled={disabled} aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange((event.target.value || null) as T | null)}>
        {emptyLabel !== null && <option value="">{emptyLabel}</option>}
        {options.map((option) => <option key={option} value={option}>{labels[option]}</option>)}
      </select>
    </Control>
  )
}

/** Keeps what is typed while the control has focus; takes outside changes when it does not. */
function useDraft(shown: string): [string, (value: string) => void, { onFocus(): void; onBlur(): void }, boolean] {
  const [draft, setDraft] = useState(shown)
  const [editing, setEditing] = useState(false)
  useEffect(() => {
    if (!editing) setDraft(shown)
  }, [shown, editing])
  return [draft, setDraft, { onFocus: () => setEditing(true), onBlur: () => setEditing(false) }, editing]
}

export function DateControl({ label, value, onChange, disabled, className, hint }: ControlProps & { value: string | null; onChange(value: string | null): void }) {
  const id = useId()
  const [draft, setDraft, focus, editing] = useDraft(formatUkDate(value))
  const parsed = parseUkDate(draft)
  const error = !editing && !parsed.ok ? parsed.error : null
  const commit = (text: string) => {
    const result = parseUkDate(text)
    if (result.ok && result.iso !== value) onChange(result.iso)
  }
  return (
    <Control id={id} label={label} hint={hint} error={error} className={['block-control--date', className ?? ''].join(' ')}>
      <input
        id={id} className="block-input" type="text" inputMode="numeric" autoComplete="off" placeholder="dd/mm/yyyy"
        value={draft} disabled={disabled} aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        onFocus={focus.onFocus}
        onChange={(event) => {
          setDraft(event.target.value)
          // A whole date is stored at once (others see it live); part of one waits.
          if (/^\d{1,2}[/.\- ]\d{1,2}[/.\- ]\d{4}$/.test(event.target.value.trim()) || event.target.value.trim() === '') commit(event.target.value)
        }}
        onBlur={(event) => {
          commit(event.target.value)
          const result = parseUkDate(event.target.value)
          if (result.ok) setDraft(formatUkDate(result.iso))
          focus.onBlur()
        }}
      />
    </Control>
  )
}

export function parseNumber(text: string): number | null | undefined {
  const value = text.trim().replace(/,(?=\d{1,2}$)/, '.').replace(/[,\s]/g, '')
  if (value === '') return null
  const number = Number(value)
  return Number.isFinite(number) ? number : undefined
}

export function formatNumber(value: number | null): string {
  return value === null ? '' : String(value)
}

export function NumberControl({ label, value, onChange, disabled, unit, className, hint }: ControlProps & { value: number | null; unit?: string; onChange(value: number | null): void }) {
  const id = useId()
  const [draft, setDraft, focus, editing] = useDraft(formatNumber(value))
  const parsed = parseNumber(draft)
  const error = !editing && parsed === undefined ? 'Enter a number, for example 92.5.' : null
  return (
    <Control id={id} label={label} hint={hint} error={error} className={['block-control--number', className ?? ''].join(' ')}>
      <span className="block-input-unit">
        <input
          id={id} className="block-input" type="text" inputMode="decimal" autoComplete="off"
          value={draft} disabled={disabled} aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
          onFocus={focus.onFocus}
          onChange={(event) => {
            setDraft(event.target.value)
            const next = parseNumber(event.target.value)
            if (next !== undefined && next !== value) onChange(next)
          }}
          onBlur={focus.onBlur}
        />
        {unit ? <span className="block-input-unit__unit" aria-hidden="true">{unit}</span> : null}
      </span>
    </Control>
  )
}

export function TextControl({ label, value, onChange, disabled, className, hint, maxLength }: ControlProps & { value: string; maxLength: number; onChange(value: string | null): void }) {
  const id = useId()
  const [draft, setDraft, focus] = useDraft(value)
  return (
    <Control id={id} label={label} hint={hint} className={className}>
      <input
        id={id} className="block-input" type="text" autoComplete="off" maxLength={maxLength} value={draft} disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onFocus={focus.onFocus}
        onChange={(event) => {
          setDraft(event.target.value)
          onChange(event.target.value.trim() ? event.target.value : null)
        }}
        onBlur={focus.onBlur}
      />
    </Control>
  )
}

export function CheckboxControl({ label, checked, onChange, disabled, className }: ControlProps & { checked: boolean; onChange(checked: boolean): void }) {
  const id = useId()
  return (
    <div className={['block-check', className ?? ''].join(' ')}>
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  )
}
