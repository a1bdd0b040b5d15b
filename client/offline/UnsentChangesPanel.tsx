import { useId, useState } from 'react'
import { Button } from '../components/Button.tsx'

interface UnsentChangesPanelProps {
  /** Why the changes were refused, in a sentence. */
  heading: string
  /** The unsent text, one entry a paragraph (empty when only deletions or formatting were refused). */
  paragraphs: string[]
  /** The whole plan as this page has it, offered when there is no new text to copy. */
  fallbackText: string
  /** Another tab of this browser holds unsent changes too, which this page does not have (and does not show). */
  alsoInAnotherTab?: boolean
  onDismiss(): void | Promise<void>
}

/**
 * The server refused this person's changes (their access changed while they were offline): show what was
 * not saved and let them copy it out, and keep this device's copy until they say they are done.
 */
export function UnsentChangesPanel({ heading, paragraphs, fallbackText, alsoInAnotherTab = false, onDismiss }: UnsentChangesPanelProps) {
  const headingId = useId()
  const [copied, setCopied] = useState<string | null>(null)
  const text = paragraphs.length > 0 ? paragraphs.join('\n\n') : fallbackText

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setCopied('Copied. Paste it somewhere safe, such as an email to the plan’s owner.')
    } catch {
      setCopied('Your browser did not allow copying. Select the text above and copy it yourself.')
    }
  }

  return (
    <section className="message message--error unsent-panel" role="alert" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {paragraphs.length > 0 ? (
        <>
          <p>These changes were not saved:</p>
          <div className="unsent-panel__text" data-testid="unsent-text" tabIndex={0} aria-label="Changes that were not saved">
            {paragraphs.map((paragraph, index) => <p key={index}>{paragraph}</p>)}
          </div>
        </>
      ) : (
        <p>Your changes removed or reformatted text, so there is no new text to show. You can copy the plan as this page has it.</p>
      )}
      {alsoInAnotherTab && (
        <p className="unsent-panel__elsewhere">
          <strong>Another tab or window of Uplift on this device has unsaved changes to this plan too.</strong> They
          are not shown here. Copy them from that tab first: discarding here removes them from this device as well.
        </p>
      )}
      <p className="button-row">
        <Button variant="primary" onClick={copy}>{paragraphs.length > 0 ? 'Copy unsaved text' : 'Copy the plan’s text'}</Button>
        <Button variant="secondary" onClick={() => void onDismiss()}>I have copied it — discard my changes</Button>
      </p>
      <p className="unsent-panel__status" role="status">{copied ?? ''}</p>
    </section>
  )
}
