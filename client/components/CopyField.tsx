import { useId, useRef, useState } from 'react'

/** A read-only value (a link or a token) with a Copy button and a spoken confirmation. */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const id = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const [status, setStatus] = useState('')

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setStatus('Copied to the clipboard.')
    } catch {
      // Clipboard access can be refused (insecure origin, permissions): select it for the person instead.
      inputRef.current?.select()
      setStatus('Copying was blocked by the browser. The text is selected: press Ctrl+C (or ⌘C) to copy it.')
    }
  }

  return (
    <div className="field copy-field">
      <label htmlFor={id} className="field__label">{label}</label>
      {hint && <p className="field__hint" id={`${id}-hint`}>{hint}</p>}
      <div className="copy-field__row">
        <input
          ref={inputRef}
          id={id}
          className="input copy-field__input"
          readOnly
          value={value}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button button--primary" onClick={copy}>
          Copy<span className="visually-hidden"> {label.toLowerCase()}</span>
        </button>
      </div>
      <p className="copy-field__status" role="status">{status}</p>
    </div>
  )
}
