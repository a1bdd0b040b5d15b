import { useEffect, useState } from 'react'

/**
 * Focuses an element by its id once the render that brings it is on the page: for a view that replaces
 * the control a person pressed (the list back after "Back to the list", a heading after the button that
 * was pressed went away), so focus lands there rather than on the page's body.
 */
export function useFocusAfterRender(): (id: string) => void {
  const [target, setTarget] = useState<string | null>(null)
  useEffect(() => {
    if (!target) return
    document.getElementById(target)?.focus()
    setTarget(null)
  }, [target])
  return setTarget
}
