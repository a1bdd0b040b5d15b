import { useCallback, useEffect, useRef, useState } from 'react'

export interface TypedAfterLock {
  /** What was typed, as the keys pressed say: Enter starts a new line, Backspace takes back a character. */
  text: string
  /** Some keys could not be read as text (an input method's composition, a dead key): this may not be all of it. */
  partial: boolean
  /**
   * Editing stopped while the person was typing in the plan (a key pressed in its text a moment before): known
   * in the very render that stops it.
   */
  typing: boolean
  /**
   * They were typing then, and have typed on since, or it was only a moment ago: what depends on it (the
   * page keeping a plan that closed to them) waits a moment for keys typed after the lock.
   */
  waiting: boolean
  /** Forget what was caught (the person copied it, or dismissed it). */
  clear(): void
}

/** How recently a key must have been pressed in the plan's text for the person to count as typing. */
const TYPING_MS = 2000

/** How long after the lock keys are waited for, when the person was typing (see `waiting`). */
const WAIT_FOR_KEYS_MS = 1500

/**
 * The keys a person presses after the plan stops taking text under their hands (their access was reduced or
 * removed while they typed). The editor takes no more text, so someone typing without watching the screen
 * would lose those words without knowing: they are caught here, to be shown and copied. Caught from the
 * moment `editable` turns false while the plan's text has focus, `locked` saying it is for want of access, for
 * as long as focus stays where the editor left it (on the editor, or on the page once the editor lets go of
 * it). Focus moving anywhere else, or the plan becoming editable again, ends it.
 */
export function useTypedAfterLock(editable: boolean, locked: boolean, editorSelector = '#plan-content'): TypedAfterLock {
  const [text, setText] = useState('')
  const [partial, setPartial] = useState(false)
  const [typing, setTyping] = useState(false)
  const [waiting, setWaiting] = useState(false)
  const [wasEditable, setWasEditable] = useState(editable)
  /** Whether the last element to take focus was in the plan's text (it stays so when the editor lets go of focus). */
  const focusInEditor = useRef(false)
  /** Read by the listeners, which are there from the start: a key pressed just after the lock is not missed. */
  const catching = useRef(false)
  /** When a key was last pressed in the plan's text (ms, performance.now()). */
  const lastKey = useRef(-Infinity)

  // Decided in the render that stops editing, not in an effect after it: the page, keeping the plan on screen
  // for someone who was typing, needs to know in that same render.
  if (wasEditable !== editable) {
    setWasEditable(editable)
    if (editable) catching.current = false
    else if (locked && focusInEditor.current) {
      catching.current = true
      // Still there from an earlier lock (not dismissed): what comes now is a paragraph of its own.
      setText((typed) => (typed && !typed.endsWith('\n') ? `${typed}\n\n` : typed))
      const typingThen = performance.now() - lastKey.current < TYPING_MS
      setTyping(typingThen)
      setWaiting(typingThen)
    }
  }

  useEffect(() => {
    const inEditor = (element: Element | null) => !!element?.closest(editorSelector)
    focusInEditor.current = inEditor(document.activeElement)
    // Where the editor left focus: on itself, or on the page.
    const focusStayed = () => {
      const active = document.activeElement
      return !active || active === document.body || inEditor(active)
    }
    const onFocus = (event: FocusEvent) => {
      focusInEditor.current = event.target instanceof Element && inEditor(event.target)
      if (!focusInEditor.current) catching.current = false
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.target instanceof Element && inEditor(event.target)) lastKey.current = performance.now()
      if (!catching.current) return
      if (!focusStayed()) {
        catching.current = false
        return
      }
      // Shortcuts are not text (AltGr, which some layouts type characters with, reports Ctrl and Alt too).
      const altGraph = event.getModifierState?.('AltGraph') ?? false
      if (!altGraph && (event.ctrlKey || event.metaKey || event.altKey)) return
      if (event.isComposing || event.key === 'Process' || event.key === 'Unidentified' || event.key === 'Dead') {
        setPartial(true)
        return
      }
      if (event.key === 'Enter') setText((typed) => `${typed}\n`)
      else if (event.key === 'Backspace') setText((typed) => [...typed].slice(0, -1).join(''))
      else if ([...event.key].length === 1) setText((typed) => typed + event.key)
      else return
      // Taken as text: nothing else on the page acts on it (a space would scroll the page away).
      event.preventDefault()
    }
    const onPaste = (event: ClipboardEvent) => {
      if (!catching.current || !focusStayed()) return
      const pasted = event.clipboardData?.getData('text/plain') ?? ''
      if (!pasted) return
      setText((typed) => typed + pasted)
      event.preventDefault()
    }
    document.addEventListener('focusin', onFocus)
    document.addEventListener('keydown', onKeyDown, true)
    document.addEventListener('paste', onPaste, true)
    return () => {
      catching.current = false
      document.removeEventListener('focusin', onFocus)
      document.removeEventListener('keydown', onKeyDown, true)
      document.removeEventListener('paste', onPaste, true)
    }
  }, [editorSelector])

  // Keys caught: nothing more to wait for. None: the wait ends after a moment.
  const nothingYet = text === ''
  useEffect(() => {
    if (!waiting || !nothingYet) return
    const timer = setTimeout(() => setWaiting(false), WAIT_FOR_KEYS_MS)
    return () => clearTimeout(timer)
  }, [waiting, nothingYet])

  const clear = useCallback(() => {
    setText('')
    setPartial(false)
    setTyping(false)
    setWaiting(false)
  }, [])

  return { text, partial, typing, waiting: waiting || text !== '', clear }
}
