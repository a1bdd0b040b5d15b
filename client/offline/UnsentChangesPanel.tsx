import { useId, useState } from 'react'
import { copyForPerson } from '../clipboard.ts'
import { Button } from '../components/Button.tsx'

interface UnsentChangesPanelProps {
  /** What happened, as a heading. */
  heading: string
  /** What happened, in a sentence or two. */
  explanation: string
  /** What to do with what was not saved, said when there is some. */
  advice: string
  /** The text the server did not store, one entry a paragraph (empty when there is none). */
  paragraphs: string[]
  /** Whether changes other than new text (removals, formatting) were not saved: shown only when there is no text. */
  otherChanges: boolean
  /** What the person typed after the plan stopped taking text (see useTypedAfterLock), if anything. */
  typedAfter?: string
  /** Some of `typedAfter` could not be read from the keys pressed. */
  typedPartial?: boolean
  /** The whole plan as this page has it (read when copied), offered when there is no text to show, or always (`offerWholePlan`). */
  wholePlan(): string
  offerWholePlan?: boolean
  /** Another tab of this browser holds unsent changes too, which this page does not have (and does not show). */
  alsoInAnotherTab?: boolean
  dismissLabel: string
  onDismiss(): void | Promise<void>
}

/**
 * The server stopped taking this person's changes (their access changed, or the plan was deleted): say what
 * happened, show what was not saved and let them copy it out, and keep this device's copy until they say they
 * are done. Only what happened is announced (as an alert): the text below it may be long, and may still grow
 * as the person types on.
 */
export function UnsentChangesPanel(props: UnsentChangesPanelProps) {
  const { heading, explanation, advice, paragraphs, otherChanges, typedAfter = '', typedPartial = false, wholePlan } = props
  const headingId = useId()
  const [copied, setCopied] = useState<string | null>(null)
  const unsaved = [...paragraphs, ...(typedAfter ? [typedAfter] : [])]
  const nothingToShow = unsaved.length === 0

  const copy = async (text: string) => setCopied(await copyForPerson(text, 'Copied. Paste it somewhere safe, such as an email to the plan’s owner.'))

  return (
    <section className="message message--error unsent-panel" aria-labelledby={headingId}>
      <div role="alert" className="unsent-panel__what">
        <h2 id={headingId}>{heading}</h2>
        <p>{explanation}</p>
      </div>
      {paragraphs.length > 0 && (
        <>
          <p>These changes were not saved:</p>
          <div className="unsent-panel__text" data-testid="unsent-text" tabIndex={0} aria-label="Changes that were not saved">
            {paragraphs.map((paragraph, index) => <p key={index}>{paragraph}</p>)}
          </div>
        </>
      )}
      {typedAfter && paragraphs.length === 0 && !otherChanges && <p>Everything you typed until then was saved.</p>}
      {typedAfter && <TypedAfterLock text={typedAfter} partial={typedPartial} />}
      {nothingToShow && (
        <p>Your changes removed or reformatted text, so there is no new text to show. You can copy the plan as this page has it.</p>
      )}
      {!nothingToShow && <p>{advice}</p>}
      {props.alsoInAnotherTab && (
        <p className="unsent-panel__elsewhere">
          <strong>Another tab or window of Uplift on this device has unsaved changes to this plan too.</strong> They
          are not shown here. Copy them from that tab first: discarding here removes them from this device as well.
        </p>
      )}
      <p className="button-row">
        {!nothingToShow && <Button variant="primary" onClick={() => void copy(unsaved.join('\n\n'))}>Copy unsaved text</Button>}
        {(props.offerWholePlan || nothingToShow) && (
          <Button variant={nothingToShow ? 'primary' : 'secondary'} onClick={() => void copy(wholePlan())}>Copy the plan’s text</Button>
        )}
        <Button variant="secondary" onClick={() => void props.onDismiss()}>{props.dismissLabel}</Button>
      </p>
      <p className="unsent-panel__status" role="status">{copied ?? ''}</p>
    </section>
  )
}

/** What was typed after the plan stopped taking text: never in the plan, so shown apart from what it refused. */
export function TypedAfterLock({ text, partial, label = 'You typed this after editing stopped, so it was not added to the plan:' }: { text: string; partial: boolean; label?: string }) {
  return (
    <>
      <p>{label}</p>
      <div className="unsent-panel__text unsent-panel__typed" data-testid="typed-after-lock" tabIndex={0} aria-label="Typed after editing stopped">
        {text.split(/\n+/).filter((line) => line.trim()).map((line, index) => <p key={index}>{line}</p>)}
      </div>
      {partial && <p className="muted">Some keys could not be read here (for example, from an input method), so this may not be all of it.</p>}
    </>
  )
}
