/**
 * Labelled controls for a block's attributes. Each writes one attribute; dates are typed the UK way
 * (dd/mm/yyyy) and stored as ISO days; numbers accept "92.5" or "92,5". What someone else sets shows at
 * once, also in a box the cursor is in, until the person types there (see useDraft); leaving a box stores
 * nothing they did not type. A date or number that cannot be read stays in its box,
 * marked invalid with an error saying how to write it (WCAG 3.3.1), and nothing is stored until it can.
 *
 * Where the plan cannot be changed here (a snapshot, a viewer), each control is its label and its value as
 * text instead: a term and its definition in a `<dl>` (a `ControlGrid`), with no form controls to tab to.
 */
import { useId, useState, type ReactNode } from 'react'
import { formatUkDate } from '../../../shared/plan/dates.ts'
import { formatFigure } from '../../../shared/plan/units.ts'
import { readDateEntry } from './dateEntry.ts'
import { usePlan } from './planContext.tsx'

/** What an empty value reads as where it cannot be filled in: the same words as an empty text field. */
export const NOT_FILLED_IN = 'Not filled in'

interface ControlProps {
  label: string
  className?: string
  hint?: string
}

/**
 * Controls side by side: a `<dl>` of labels and values where the plan cannot be changed here, so every
 * control inside must be one of this file's (each renders a `<div>` of `<dt>` and `<dd>` then).
 */
export function ControlGrid({ className, children }: { className?: string; children: ReactNode }) {
  const plan = usePlan()
  const classes = ['block-grid', className ?? ''].filter(Boolean).join(' ')
  return plan.editable ? <div className={classes}>{children}</div> : <dl className={`${classes} block-values`}>{children}</dl>
}

/**
 * A label and its value as text, a term and its definition (inside a `ControlGrid`'s `<dl>`); no value
 * reads quietly as `empty` ("Not filled in" unless told).
 */
export function ReadOnlyValue({ label, value, empty = NOT_FILLED_IN, hint, className }: {
  label: string
  value: ReactNode | null
  empty?: string
  hint?: string
  className?: string
}) {
  return (
    <div className={['block-control', 'block-control--read', className ?? ''].filter(Boolean).join(' ')}>
      <dt className="block-control__label">{label}</dt>
      <dd className="block-value">
        {value === null || value === '' ? <span className="block-value__empty">{empty}</span> : value}
        {hint && <span className="block-control__hint">{hint}</span>}
      </dd>
    </div>
  )
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

export function SelectControl<T extends string>({ label, value, options, labels, onChange, emptyLabel, readValue, className, hint }: ControlProps & {
  value: T | null
  options: readonly T[]
  labels: Record<T, string>
  onChange(value: T | null): void
  /**
   * The choice meaning "not set" ("Not graded"), also what an empty value reads as where it cannot be
   * changed; null when a value is always set. Without it, "Not set" in the list and "Not filled in" as text.
   */
  emptyLabel?: string | null
  /** How a value reads where it cannot be changed, when more than its label (a RAG word with its colour). */
  readValue?(value: T): ReactNode
}) {
  const id = useId()
  const plan = usePlan()
  if (!plan.editable) {
    const text = value === null ? null : readValue ? readValue(value) : labels[value]
    return <ReadOnlyValue label={label} value={text} empty={emptyLabel ?? undefined} hint={hint} className={className} />
  }
  return (
    <Control id={id} label={label} className={className} hint={hint}>
      <select id={id} className="block-select" value={value ?? ''} aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange((event.target.value || null) as T | null)}>
        {emptyLabel !== null && <option value="">{emptyLabel ?? 'Not set'}</option>}
        {options.map((option) => <option key={option} value={option}>{labels[option]}</option>)}
      </select>
    </Control>
  )
}

interface Draft {
  /** What the box shows. */
  text: string
  /**
   * Notes what the person typed: `storedAs` is how the value it was stored as reads in the box (the stored
   * value itself, if it already was), or null while it cannot be stored yet (part of a date, a wrong one).
   */
  typed(text: string, storedAs: string | null): void
  /** True while the box shows an entry refused when the person left it, unchanged since: its error shows. */
  refused: boolean
  onFocus(): void
  /**
   * Leaves the box. Returns what the person typed that is not stored yet, for the control to store (or null:
   * nothing to store); it stays in the box, refused, if `valid` says it cannot be.
   */
  leave(): string | null
}

/** What a person typed in a box since it took focus, and the stored values it was typed over and stored as. */
interface Typed {
  text: string
  over: string
  storedAs: string | null
}

/**
 * What a box shows. While the person has not typed in it, the stored value, so what someone else sets
 * shows even while their cursor waits there. What they type shows while it is their own: not stored yet
 * (part of a date), or stored and still the stored value (in the form they typed it, "92.50" or
 * "1/9/2026"); once someone else has stored another value after it, that value shows instead. Leaving the
 * box stores only what the person typed and is not stored yet: a cursor passing through writes nothing, so
 * it never puts back the value it found over one someone else has stored since. An entry that cannot be
 * stored stays in the box, refused, so the person sees it beside its error instead of losing it; it gives
 * way when the stored value changes (someone else set it), and its error stays while the person comes back
 * to it, so it is read out with the box.
 */
function useDraft(shown: string, valid: (text: string) => boolean = () => true): Draft {
  const [typed, setTyped] = useState<Typed | null>(null)
  const [editing, setEditing] = useState(false)
  const [refused, setRefused] = useState<{ text: string; over: string } | null>(null)
  const kept = refused?.over === shown ? refused.text : null
  // (The stored value may still read as it did before the person's own change has been drawn.)
  const own = editing && typed && (typed.storedAs === null || shown === typed.storedAs || shown === typed.over) ? typed : null
  const text = own ? own.text : kept ?? shown
  const pending = own !== null && own.storedAs === null && own.text !== own.over
  return {
    text,
    typed: (next, storedAs) => setTyped({ text: next, over: shown, storedAs }),
    refused: kept !== null && text === kept,
    onFocus: () => {
      // Coming back to a refused entry carries on with it: it is still the person's own, not stored.
      setTyped(kept === null ? null : { text: kept, over: shown, storedAs: null })
      setEditing(true)
    },
    leave: () => {
      setEditing(false)
      setTyped(null)
      setRefused(pending && !valid(text) ? { text, over: shown } : null)
      return pending ? text : null
    },
  }
}

/** A date typed whole (day, month and a four-digit year), stored as it is typed so others see it live. */
const WHOLE_DATE = /^\d{1,2}[/.\- ]\d{1,2}[/.\- ]\d{4}$/

export function DateControl({ label, value, onChange, className, hint }: ControlProps & { value: string | null; onChange(value: string | null): void }) {
  const id = useId()
  const plan = usePlan()
  const draft = useDraft(formatUkDate(value), (text) => readDateEntry(text).ok)
  const entry = readDateEntry(draft.text)
  const error = draft.refused && !entry.ok ? entry.error : null
  if (!plan.editable) {
    const shown = value ? <time dateTime={value}>{formatUkDate(value)}</time> : null
    return <ReadOnlyValue label={label} value={shown} hint={hint} className={['block-control--date', className ?? ''].join(' ')} />
  }
  return (
    <Control id={id} label={label} hint={hint} error={error} className={['block-control--date', className ?? ''].join(' ')}>
      <input
        id={id} className="block-input" type="text" inputMode="numeric" autoComplete="off" placeholder="dd/mm/yyyy"
        value={draft.text} aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        onFocus={draft.onFocus}
        onChange={(event) => {
          const text = event.target.value
          // A whole date, or none, is stored at once (others see it live); part of one waits.
          const result = WHOLE_DATE.test(text.trim()) || text.trim() === '' ? readDateEntry(text) : null
          if (result?.ok && result.iso !== value) onChange(result.iso)
          draft.typed(text, result?.ok ? formatUkDate(result.iso) : null)
        }}
        onBlur={() => {
          const text = draft.leave()
          if (text === null) return
          const result = readDateEntry(text)
          if (result.ok && result.iso !== value) onChange(result.iso)
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

/** A figure as read in the plan and its PDF (see formatFigure); '' for none. */
export function readNumber(value: number | null, unit = ''): string {
  return value === null ? '' : formatFigure(value, unit)
}

const NUMBER_ERROR = 'Enter a number, for example 92.5.'

export function NumberControl({ label, value, onChange, unit, className, hint }: ControlProps & { value: number | null; unit?: string; onChange(value: number | null): void }) {
  const id = useId()
  const plan = usePlan()
  const draft = useDraft(formatNumber(value), (text) => parseNumber(text) !== undefined)
  const error = draft.refused ? NUMBER_ERROR : null
  if (!plan.editable) {
    return <ReadOnlyValue label={label} value={readNumber(value, unit)} hint={hint} className={['block-control--number', className ?? ''].join(' ')} />
  }
  return (
    <Control id={id} label={label} hint={hint} error={error} className={['block-control--number', className ?? ''].join(' ')}>
      <span className="block-input-unit">
        <input
          id={id} className="block-input" type="text" inputMode="decimal" autoComplete="off"
          value={draft.text} aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
          onFocus={draft.onFocus}
          onChange={(event) => {
            const next = parseNumber(event.target.value)
            if (next !== undefined && next !== value) onChange(next)
            draft.typed(event.target.value, next === undefined ? null : formatNumber(next))
          }}
          onBlur={() => {
            // (A number is stored as it is typed: all that is left unstored is one that cannot be read.)
            if (draft.leave() !== null) plan.announce(`${label} not saved. ${NUMBER_ERROR}`)
          }}
        />
        {unit ? <span className="block-input-unit__unit" aria-hidden="true">{unit}</span> : null}
      </span>
    </Control>
  )
}

export function TextControl({ label, value, onChange, className, hint, maxLength }: ControlProps & { value: string; maxLength: number; onChange(value: string | null): void }) {
  const id = useId()
  const plan = usePlan()
  const draft = useDraft(value)
  if (!plan.editable) return <ReadOnlyValue label={label} value={value.trim()} hint={hint} className={className} />
  return (
    <Control id={id} label={label} hint={hint} className={className}>
      <input
        id={id} className="block-input" type="text" autoComplete="off" maxLength={maxLength} value={draft.text}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onFocus={draft.onFocus}
        onChange={(event) => {
          const next = event.target.value.trim() ? event.target.value : null
          if (next !== (value || null)) onChange(next)
          draft.typed(event.target.value, next ?? '')
        }}
        onBlur={draft.leave}
      />
    </Control>
  )
}

export function CheckboxControl({ label, readLabel = label, checked, onChange, className }: ControlProps & {
  checked: boolean
  onChange(checked: boolean): void
  /** Its label as a statement, where it reads "Yes" or "No" and cannot be changed ("In the plan"). */
  readLabel?: string
}) {
  const id = useId()
  const plan = usePlan()
  if (!plan.editable) return <ReadOnlyValue label={readLabel} value={checked ? 'Yes' : 'No'} />
  return (
    <div className={['block-check', className ?? ''].join(' ')}>
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  )
}
