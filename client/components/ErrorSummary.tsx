import { useEffect, useRef } from 'react'
import type { FieldErrors } from '../forms.ts'

interface ErrorSummaryProps {
  /**
   * A message that belongs to no one field (the server's sentence). Listed only when no field has one: a
   * server that names fields sends their problems in full there, its sentence repeating them for clients
   * that read only the sentence, so each problem is listed once, linked to its input.
   */
  message?: string | null
  fields?: FieldErrors
  /** Maps a field name to its input's id, so each message links to the input; in the form's order. */
  fieldIds?: Record<string, string>
  /** Changes on every failed submit, to move focus to the summary again. */
  attempt?: number
}

/** "There is a problem" box: announced, focused after a failed submit, each entry links to its field. */
export function ErrorSummary({ message, fields = {}, fieldIds = {}, attempt = 0 }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null)
  // In the order of the form's fields (as `fieldIds` lists them), whatever order the checks ran in.
  const order = Object.keys(fieldIds)
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length)
  const entries = Object.entries(fields).filter(([, text]) => Boolean(text)).sort(([a], [b]) => rank(a) - rank(b))
  const visible = Boolean(message) || entries.length > 0
  useEffect(() => {
    if (visible) ref.current?.focus()
  }, [visible, attempt])
  if (!visible) return null
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1}>
      <h2 className="error-summary__title">There is a problem</h2>
      <ul className="error-summary__list">
        {message && entries.length === 0 && <li>{message}</li>}
        {entries.map(([name, text]) => (
          <li key={name}>
            {fieldIds[name] ? (
              <a
                href={`#${fieldIds[name]}`}
                onClick={(event) => {
                  event.preventDefault()
                  document.getElementById(fieldIds[name])?.focus()
                }}
              >
                {text}
              </a>
            ) : (
              text
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
