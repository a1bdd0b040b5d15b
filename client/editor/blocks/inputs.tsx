/**
 * Labelled controls for a block's attributes. Each writes one attribute; dates are typed the UK way
 * (dd/mm/yyyy) and stored as ISO days; numbers accept "92.5" or "92,5". What someone else sets arrives
 * while the control is not being edited here. A date or number that cannot be read stays in its box,
 * marked invalid with an error saying how to write it (WCAG 3.3.1), and nothing is stored until it can.
 */
import { useId, useState, type ReactNode } from 'react'
import { formatUkDate } from '../../../shared/plan/dates.ts'
import { readDateEntry } from './dateEntry.ts'
import { usePlan } from './planContext.tsx'

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

interface Draft {
  /** What the box shows. */
  text: string
  setText(text: string): void
  /** True while the box shows an entry refused when the person left it, unchanged since: its error shows. */
  refused: boolean
  onFocus(): void
  onBlur(): void
}

/**
 * What a box shows: what is typed while it has focus; after that the stored value, or what was typed if
 * it could not be stored, so the person sees it beside its error instead of losing it. A refused entry
 * gives way when the stored value changes (someone else set it), and its error stays while the person
 * comes back to it, so it is read out with the box.
 */
function useDraft(shown: string, valid: (text: string) => boolean = () => true): Draft {
  const [draft, setDraft] = useState(shown)
  const [editing, setEditing] = useState(false)
  const [refused, setRefused] = useState<{ text: string; over: string } | null>(null)
  const kept = refused?.over === shown ? refused.text : null
  const text = editing ? draft : kept ?? shown
  return {
    text,
    setText: setDraft,
    refused: kept !== null && text === kept,
    onFocus: () => {
      setDraft(text)
      setEditing(true)
    },
    onBlur: () => {
      setEditing(false)
      setRefused(valid(draft) ? null : { text: draft, over: shown })
    },
  }
}

export function DateControl({ label, value, onChange, disabled, className, hint }: ControlProps & { value: string | null; onChange(value: string | null): void }) {
  const id = useId()
  const plan = usePlan()
  const draft = useDraft(formatUkDate(value), (text) => readDateEntry(text).ok)
  const entry = readDateEntry(draft.text)
  const error = draft.refused && !entry.ok ? entry.error : null
  const commit = (text: string) => {
    const result = readDateEntry(text)
    if (result.ok && result.iso !== value) onChange(result.iso)
  }
  return (
    <Control id={id} label={label} hint={hint} error={error} className={['block-control--date', className ?? ''].join(' ')}>
      <input
        id={id} className="block-input" type="text" inputMode="numeric" autoComplete="off" placeholder={disabled ? undefined : 'dd/mm/yyyy'}
        value={draft.text} disabled={disabled} aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        onFocus={draft.onFocus}
        onChange={(event) => {
          draft.setText(event.target.value)
          // A whole date is stored at once (others see it live); part of one waits.
          if (/^\d{1,2}[/.\- ]\d{1,2}[/.\- ]\d{4}$/.test(event.target.value.trim()) || event.target.value.trim() === '') commit(event.target.value)
        }}
        onBlur={(event) => {
          const result = readDateEntry(event.target.value)
          commit(event.target.value)
          draft.onBlur()
          // Focus has gone on, so the error beside the box may not be heard: it is said once as well.
          if (!result.ok) plan.announce(`${label} not saved. ${result.error}`)
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

const NUMBER_ERROR = 'Enter a number, for example 92.5.'

export function NumberControl({ label, value, onChange, disabled, unit, className, hint }: ControlProps & { value: number | null; unit?: string; onChange(value: number | null): void }) {
  const id = useId()
  const plan = usePlan()
  const draft = useDraft(formatNumber(value), (text) => parseNumber(text) !== undefined)
  const error = draft.refused ? NUMBER_ERROR : null
  return (
    <Control id={id} label={label} hint={hint} error={error} className={['block-control--number', className ?? ''].join(' ')}>
      <span className="block-input-unit">
        <input
          id={id} className="block-input" type="text" inputMode="decimal" autoComplete="off"
          value={draft.text} disabled={disabled} aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
          onFocus={draft.onFocus}
          onChange={(event) => {
            draft.setText(event.target.value)
            const next = parseNumber(event.target.value)
            if (next !== undefined && next !== value) onChange(next)
          }}
          onBlur={(event) => {
            draft.onBlur()
            if (parseNumber(event.target.value) === undefined) plan.announce(`${label} not saved. ${NUMBER_ERROR}`)
          }}
        />
        {unit ? <span className="block-input-unit__unit" aria-hidden="true">{unit}</span> : null}
      </span>
    </Control>
  )
}

export function TextControl({ label, value, onChange, disabled, className, hint, maxLength }: ControlProps & { value: string; maxLength: number; onChange(value: string | null): void }) {
  const id = useId()
  const draft = useDraft(value)
  return (
    <Control id={id} label={label} hint={hint} className={className}>
      <input
        id={id} className="block-input" type="text" autoComplete="off" maxLength={maxLength} value={draft.text} disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onFocus={draft.onFocus}
        onChange={(event) => {
          draft.setText(event.target.value)
          onChange(event.target.value.trim() ? event.target.value : null)
        }}
        onBlur={draft.onBlur}
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
