/**
 * Links from one block to others of the plan (an action's targets, a target's findings): the linked ones
 * as buttons that jump to them, and a checklist of the plan's own blocks to choose from. Where the plan
 * cannot be changed, only the label and the linked ones (or "None"), as a term and its definition.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react'
import { ReadOnlyValue } from './inputs.tsx'
import type { LinkTarget } from './planContext.tsx'

interface LinkPickerProps {
  /** "Linked targets". */
  label: string
  /** "target": used in sentences ("Link targets", "No targets in the plan yet"). */
  noun: string
  /** What the checklist asks: "Which targets does this action move?" */
  question: string
  choices: LinkTarget[]
  selected: string[]
  editable: boolean
  onChange(ids: string[]): void
  onJump(id: string): void
}

export function LinkPicker({ label, noun, question, choices, selected, editable, onChange, onJump }: LinkPickerProps) {
  const [open, setOpen] = useState(false)
  const id = useId()
  const toggle = useRef<HTMLButtonElement>(null)
  const byId = new Map(choices.map((choice) => [choice.id, choice]))

  const close = () => {
    setOpen(false)
    requestAnimationFrame(() => toggle.current?.focus())
  }
  // Escape closes the checklist from anywhere in the picker, its "Done" button included (before, only from
  // the checklist: on the button it went on to the editor, which took focus and left the list open).
  const onKeyDown = (event: KeyboardEvent) => {
    if (open && event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      close()
    }
  }
  const set = (choice: string, on: boolean) => {
    const next = on ? [...selected.filter((item) => item !== choice), choice] : selected.filter((item) => item !== choice)
    // Keep them in the plan's order, so the list reads the same for everyone.
    const order = new Map(choices.map((item, index) => [item.id, index]))
    onChange(next.sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9)))
  }

  const list = (
    <ul className="link-list">
      {selected.map((linked) => {
        const choice = byId.get(linked)
        return (
          <li key={linked} className="link-list__item">
            {choice ? (
              <button type="button" className="link-chip" onClick={() => onJump(linked)}>
                <span aria-hidden="true" className="link-chip__arrow">↗</span>
                <span className="visually-hidden">Go to {noun}: </span>{choice.name}
              </button>
            ) : (
              <span className="link-chip link-chip--gone">A deleted {noun}</span>
            )}
            {editable && (
              <button type="button" className="link-chip__remove" onClick={() => set(linked, false)} aria-label={`Unlink ${choice ? choice.name : `the deleted ${noun}`}`}>
                <span aria-hidden="true">×</span>
              </button>
            )}
          </li>
        )
      })}
    </ul>
  )

  if (!editable) {
    return (
      <dl className="link-picker block-values">
        <ReadOnlyValue label={label} value={selected.length > 0 ? list : null} empty="None" />
      </dl>
    )
  }

  return (
    <div className="link-picker" role="group" aria-labelledby={`${id}-label`} onKeyDown={onKeyDown}>
      <p className="link-picker__label" id={`${id}-label`}>{label}</p>
      {selected.length > 0 ? list : <p className="link-picker__none">None linked yet.</p>}
      <button ref={toggle} type="button" className="block-button" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => (open ? close() : setOpen(true))}>
        {open ? 'Done' : `Link ${noun}s…`}
      </button>
      {open && (
        <fieldset className="link-picker__panel" id={`${id}-panel`}>
          <legend>{question}</legend>
          {choices.length === 0 && <p className="link-picker__none">There are no {noun}s in the plan yet. Add one from the Insert menu.</p>}
          {choices.map((choice) => (
            <div className="block-check" key={choice.id}>
              <input id={`${id}-${choice.id}`} type="checkbox" checked={selected.includes(choice.id)} onChange={(event) => set(choice.id, event.target.checked)} />
              <label htmlFor={`${id}-${choice.id}`}>{choice.name}</label>
            </div>
          ))}
        </fieldset>
      )}
    </div>
  )
}
