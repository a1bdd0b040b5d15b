import { useId, useState } from 'react'
import { copyForPerson } from '../clipboard.ts'
import { Button } from '../components/Button.tsx'
import { TypedAfterLock } from '../offline/UnsentChangesPanel.tsx'

interface EditingAgainProps {
  /** What the person typed while they could not edit (never in the plan). */
  typed: string
  partial: boolean
  /** What the page held that the server had refused was sent to the plan when editing came back. */
  sentHeld: boolean
  onDismiss(): void
}

/**
 * The person can edit again (made an editor again) after typing while they could not: what the page held is
 * in the plan now; what they typed meanwhile never reached the editor, so it is offered to paste back.
 */
export function EditingAgain({ typed, partial, sentHeld, onDismiss }: EditingAgainProps) {
  const headingId = useId()
  const [copied, setCopied] = useState<string | null>(null)
  const copy = async () => setCopied(await copyForPerson(typed, 'Copied. Paste it where it belongs in the plan.'))
  return (
    // Not a live region: the notice of the new role has already been announced.
    <section className="message message--info unsent-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>You can edit this plan again</h2>
      {sentHeld && <p>The changes that had not been saved are in the plan now.</p>}
      <TypedAfterLock text={typed} partial={partial} label="You typed this while you could not edit, so it was not added to the plan:" />
      <p>Copy it, then paste it where it belongs.</p>
      <p className="button-row">
        <Button variant="primary" onClick={() => void copy()}>Copy unsaved text</Button>
        <Button variant="secondary" onClick={onDismiss}>Dismiss<span className="visually-hidden"> the text typed while you could not edit</span></Button>
      </p>
      <p className="unsent-panel__status" role="status">{copied ?? ''}</p>
    </section>
  )
}
