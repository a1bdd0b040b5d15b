import { useEffect, useRef, type ReactNode } from 'react'
import { hasNavigated } from '../router.tsx'

/**
 * The page's h1. It sets the document title and, after a navigation inside the app, takes focus so a
 * screen reader announces the new page (as a full page load would).
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${title} – Uplift`
  }, [title])
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus()
  }, [])
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children ?? title}
    </h1>
  )
}
