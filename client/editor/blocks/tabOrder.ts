/**
 * The order Tab and Shift+Tab follow in an editable plan: the blocks' controls (buttons, selects, date and
 * number boxes, checkboxes) and their text fields, all in page order, each field one stop. The browser's own
 * order knows only the controls: the fields are all inside the one editable element, which it counts once,
 * before everything in it. The fields' keys (fieldKeys.ts) and the controls' (BlockFrame) both go by this.
 */
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { FIELD_NODE } from '../../../shared/schema/blockFields.ts'

type TabStop =
  | { kind: 'field'; element: HTMLElement; start: number; end: number }
  | { kind: 'control'; element: HTMLElement }

// What the browser may give focus by Tab; `takesTab` passes over what it would not.
const TABBABLE = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, [tabindex], [contenteditable]'

/**
 * Whether an element is shown: a block hides some of its fields and controls while they do not apply.
 * `checkVisibility` answers from styles alone; the boxes would have to be laid out first for blocks away from
 * the screen, which are not (see `.plan-content > .react-renderer` in styles.css).
 */
export function isOnScreen(element: Element): boolean {
  return typeof element.checkVisibility === 'function' ? element.checkVisibility() : element.getClientRects().length > 0
}

function takesTab(element: HTMLElement): boolean {
  return element.tabIndex >= 0 && !element.matches(':disabled') && !element.closest('[inert]') && isOnScreen(element)
}

/** Whether `b` comes after `a` in the page, neither holding the other. */
function follows(a: Node, b: Node): boolean {
  return a !== b && !a.contains(b) && !b.contains(a) && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
}

/** The plan's stops in page order: its fields shown, and the controls of its blocks that take focus. */
function tabStops(view: EditorView): TabStop[] {
  const fields = new Map<Node, { start: number; end: number }>()
  view.state.doc.descendants((node, pos) => {
    if (node.type.name === FIELD_NODE) {
      const dom = view.nodeDOM(pos)
      if (dom) fields.set(dom, { start: pos + 1, end: pos + 1 + node.content.size })
      return false
    }
    return !node.isTextblock
  })
  const stops: TabStop[] = []
  for (const element of view.dom.querySelectorAll<HTMLElement>(`.plan-field, ${TABBABLE}`)) {
    const field = fields.get(element)
    if (field) {
      if (isOnScreen(element)) stops.push({ kind: 'field', element, ...field })
    } else if (!element.isContentEditable && element.closest('[data-block-controls]') && takesTab(element)) {
      // (Not a link in the text: the browser never stops on those while they are editable.)
      stops.push({ kind: 'control', element })
    }
  }
  return stops
}

/** Focuses a stop: a field gets the caret at the start of its text going forwards, at its end going back. */
function focusStop(view: EditorView, stop: TabStop, step: 1 | -1): void {
  if (stop.kind === 'control') {
    stop.element.focus()
    return
  }
  const pos = step === 1 ? stop.start : stop.end
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)))
  view.focus()
  // The whole field, label and all, and clear of the sticky toolbar (the page's scroll-padding, which
  // ProseMirror's own scrolling does not know); a field taller than the window shows the caret's end of it.
  stop.element.scrollIntoView({ block: 'nearest' })
}

/** What the browser would give focus to next outside the editor, forwards or back; null when nothing. */
function outside(view: EditorView, from: Node, step: 1 | -1): HTMLElement | null {
  const page = [...view.dom.ownerDocument.querySelectorAll<HTMLElement>(TABBABLE)]
    .filter((element) => !view.dom.contains(element) && takesTab(element))
  return (step === 1 ? page.find((element) => follows(from, element)) : page.filter((element) => follows(element, from)).pop()) ?? null
}

/**
 * Moves focus on from `from` (a field's element or a control in the editor) to the next stop, or back to
 * the one before. After the last stop (or before the first) focus leaves the editor for what the page has
 * after it (or before it). False when there is nowhere to go, for the browser to do as it does.
 */
export function tabFrom(view: EditorView, from: HTMLElement, step: 1 | -1): boolean {
  const stops = tabStops(view)
  const next = step === 1 ? stops.find((stop) => follows(from, stop.element)) : stops.filter((stop) => follows(stop.element, from)).pop()
  if (next) {
    focusStop(view, next, step)
    return true
  }
  // The browser's own Tab would start from the editor itself (its first control), or stop on it going back.
  const away = outside(view, view.dom, step)
  if (away) {
    away.focus()
    return true
  }
  // Nothing after the plan in the page: the browser's Tab leaves the page, not for the plan's first control.
  if (step === 1) passOverControls(view)
  return false
}

/**
 * Takes the plan's controls out of the browser's Tab order until this key press is over, so that its own Tab
 * from the editor goes past them (to the browser's toolbar, as after the last thing on any page).
 */
function passOverControls(view: EditorView): void {
  const controls = [...view.dom.querySelectorAll<HTMLElement>(TABBABLE)]
    .filter((element) => !element.isContentEditable && element.tabIndex >= 0)
    .map((element) => ({ element, tabindex: element.getAttribute('tabindex') }))
  for (const { element } of controls) element.tabIndex = -1
  setTimeout(() => {
    for (const { element, tabindex } of controls) {
      if (tabindex === null) element.removeAttribute('tabindex')
      else element.setAttribute('tabindex', tabindex)
    }
  })
}

/**
 * Shift+Tab coming back to the plan lands on its last stop, where the browser would go to its last control,
 * passing over the fields after it (a review point's, below its date). Two ways in:
 * - from what follows the plan in the page: the key press is seen, and done here instead;
 * - from the browser's own toolbar, when nothing follows the plan: the key press happens outside the page,
 *   which only sees the window take focus and, at once, the plan's last control take it from nowhere.
 *   Coming back to the window (another program, a click) gives focus back to what had it, or to what was
 *   clicked: neither is taken for this.
 */
export function tabBackIntoPlan(): Plugin {
  return new Plugin({
    key: new PluginKey('tabBackIntoPlan'),
    view(view) {
      const document = view.dom.ownerDocument
      const window = document.defaultView
      const onKeyDown = (event: KeyboardEvent) => {
        if (event.key !== 'Tab' || !event.shiftKey || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return
        const focused = document.activeElement
        if (!view.editable || !(focused instanceof HTMLElement) || view.dom.contains(focused) || focused.closest('dialog')) return
        // Only when the browser would go into the editor: it is the last thing before the focused element.
        const before = outside(view, focused, -1)
        if (!follows(view.dom, focused) || (before && !follows(before, view.dom))) return
        const last = tabStops(view).pop()
        if (!last) return
        event.preventDefault()
        focusStop(view, last, -1)
      }
      // What had focus when the window lost it; whether the window has just taken it back (this task);
      // when the pointer was last pressed.
      let hadFocus: Element | null = null
      let windowFocused = false
      let pressedAt = -Infinity
      const onWindowBlur = () => { hadFocus = document.activeElement }
      const onWindowFocus = () => {
        windowFocused = true
        setTimeout(() => { windowFocused = false })
      }
      const onPointerDown = () => { pressedAt = performance.now() }
      const onFocusIn = (event: FocusEvent) => {
        const target = event.target
        if (!windowFocused || event.relatedTarget !== null || target === hadFocus || performance.now() - pressedAt < 100) return
        if (!view.editable || !(target instanceof HTMLElement) || !view.dom.contains(target) || target.isContentEditable) return
        // The browser comes in backwards at the last thing in the page: the plan's last control.
        if (outside(view, target, 1)) return
        const stops = tabStops(view)
        const last = stops.at(-1)
        const lastControl = stops.filter((stop) => stop.kind === 'control').at(-1)
        if (!last || lastControl?.element !== target || !follows(target, last.element)) return
        focusStop(view, last, -1)
      }
      document.addEventListener('keydown', onKeyDown)
      document.addEventListener('focusin', onFocusIn)
      document.addEventListener('pointerdown', onPointerDown, true)
      window?.addEventListener('blur', onWindowBlur)
      window?.addEventListener('focus', onWindowFocus)
      return {
        destroy: () => {
          document.removeEventListener('keydown', onKeyDown)
          document.removeEventListener('focusin', onFocusIn)
          document.removeEventListener('pointerdown', onPointerDown, true)
          window?.removeEventListener('blur', onWindowBlur)
          window?.removeEventListener('focus', onWindowFocus)
        },
      }
    },
  })
}
