import { useEffect, useRef, type ReactNode } from 'react'
import { Button } from '../components/Button.tsx'
import { hasNavigated } from '../router.tsx'

interface ViewFrameProps {
  className: string
  headingId: string
  heading: ReactNode
  onBack(): void
  children?: ReactNode
}

/**
 * A view opened over a list of snapshots or versions (one read, a comparison, or why it cannot be shown): a
 * way back to the list, then the view's heading.
 */
export function ViewFrame({ className, headingId, heading, onBack, children }: ViewFrameProps) {
  const ref = useRef<HTMLHeadingElement>(null)
  // Opened inside the page (its button, Back or Forward): the control that opened it is gone, so the
  // heading takes focus and is announced. A page loaded at the view's address starts at the top, as any page load does.
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus()
  }, [])
  // The browser's tab and history name the view too ("Autumn term review – <plan> – Uplift"), not only the plan.
  useEffect(() => {
    if (typeof heading !== 'string') return
    const page = document.title
    document.title = `${heading} – ${page}`
    return () => { document.title = page }
  }, [heading])
  return (
    <section className={className} aria-labelledby={headingId}>
      <p><Button variant="quiet" onClick={onBack}><span aria-hidden="true">← </span>Back to the list</Button></p>
      <h2 id={headingId} ref={ref} tabIndex={-1}>{heading}</h2>
      {children}
    </section>
  )
}

/** After "does not exist, or it has not been shared with you": what to do next. */
export function LinkHint() {
  return <p>If you followed a link, check that it is complete (a link in an email can be cut short), or choose from the list.</p>
}
