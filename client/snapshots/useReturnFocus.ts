import { useEffect, useRef, useState } from 'react'
import { openedKey, type OpenedView } from '../plan/planView.ts'

/**
 * Back from an open view to its list (by "Back to the list" or the browser's Back), focus goes to the control
 * that opened the view, worked out from the view being left: `candidates(left)` are element ids, best first
 * (the button, then what names the same snapshot), and `fallbackId` is for a view no control on the list
 * opens (a link to a snapshot since deleted, say). It waits for the list, which may still be loading.
 */
export function useReturnFocus(opened: OpenedView | null, listReady: boolean, candidates: (left: OpenedView) => string[], fallbackId: string): void {
  const shown = useRef(opened)
  const [left, setLeft] = useState<OpenedView | null>(null)
  const key = openedKey(opened)
  const latest = useRef(candidates)
  latest.current = candidates

  useEffect(() => {
    const previous = shown.current
    shown.current = opened
    setLeft(previous && !opened ? previous : null)
    // Only a change of view matters: `opened` is a new object at every render.
  }, [key])

  useEffect(() => {
    if (!left || !listReady) return
    const target = [...latest.current(left), fallbackId].map((id) => document.getElementById(id)).find((element) => element)
    target?.focus()
    setLeft(null)
  }, [left, listReady, fallbackId])
}
