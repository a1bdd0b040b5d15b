/**
 * The "/" menu: a listbox at the cursor, filtered by what is typed after "/". Focus stays in the editor
 * (which names the highlighted option with aria-activedescendant); Up and Down move, Enter or Tab inserts,
 * Escape closes. It opens below the line typed on, or above it when it fits only there, and it is no taller
 * than the room on the screen: the list scrolls. The list is a tab stop of its own as well, a listbox that
 * answers the same keys when it has focus itself (see onListKeyDown).
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react'
import { useEditorState, type Editor } from '@tiptap/react'
import { BLOCK_ITEMS, matches, TEXT_ITEMS, type InsertItem } from './commandItems.ts'
import { slashKey, type SlashKeys } from './slashCommands.ts'

interface SlashMenuProps {
  editor: Editor
  keys: SlashKeys
  /** The element the menu is positioned in. */
  container: RefObject<HTMLElement | null>
}

/** The menu's tallest, in rem (as the max-height in blocks.css): about six choices. */
const TALLEST_REM = 22
/** Between the line typed on and the menu, and between the menu and the edges of the screen, in pixels. */
const GAP = 6
const MARGIN = 8
/** However little room there is (the line scrolled nearly off the screen), the menu keeps this much height. */
const SHORTEST = 96

export function SlashMenu({ editor, keys, container }: SlashMenuProps) {
  const slash = useEditorState({
    editor,
    selector: ({ editor: current }) => {
      const state = slashKey.getState(current.state)
      return state?.active && current.isEditable ? { from: state.from, to: state.to, query: state.query } : null
    },
    equalityFn: (a, b) => a?.from === b?.from && a?.to === b?.to && a?.query === b?.query,
  })
  const id = useId()
  const [active, setActive] = useState(0)
  const menu = useRef<HTMLDivElement>(null)
  const list = useRef<HTMLUListElement>(null)

  const items: InsertItem[] = slash
    ? [...BLOCK_ITEMS, ...TEXT_ITEMS].filter((item) => item.available(editor) && matches(item, slash.query))
    : []
  const index = Math.min(active, Math.max(items.length - 1, 0))

  useEffect(() => setActive(0), [slash?.query, slash?.from])

  const choose = (item: InsertItem | undefined) => {
    if (!item || !slash) return
    item.run(editor, { from: slash.from, to: slash.to })
  }
  /** Moves the highlight by `step` options, round from the last to the first and back. */
  const move = (step: number) => {
    if (items.length === 0) return
    setActive((current) => (Math.min(current, items.length - 1) + step + items.length) % items.length)
  }

  // Keys while open (the editor's plugin hands them over).
  useEffect(() => {
    if (!slash) {
      keys.current = null
      return
    }
    keys.current = (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (items.length === 0) return false
        move(event.key === 'ArrowDown' ? 1 : -1)
        return true
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && items.length > 0) {
        choose(items[index])
        return true
      }
      return false
    }
    return () => { keys.current = null }
  })

  // Keys when the list itself has focus (it is a tab stop, and a click on its scroll bar focuses it): the
  // listbox's own keys, and Escape closes the menu and goes back to the text, as it does from there.
  const onListKeyDown = (event: ReactKeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') move(event.key === 'ArrowDown' ? 1 : -1)
    else if (event.key === 'Home') setActive(0)
    else if (event.key === 'End') setActive(items.length - 1)
    else if (event.key === 'Enter') choose(items[index])
    else if (event.key === 'Escape' && slash) {
      editor.view.dispatch(editor.state.tr.setMeta(slashKey, { dismiss: slash.from }))
      editor.view.focus()
    } else return
    event.preventDefault()
  }

  // The editor names the highlighted option, so screen readers follow it while focus stays in the text.
  const optionId = (item: InsertItem) => `${id}-${item.id}`
  useEffect(() => {
    const dom = editor.view.dom
    if (slash && items[index]) {
      dom.setAttribute('aria-activedescendant', optionId(items[index]))
      dom.setAttribute('aria-controls', `${id}-list`)
    } else {
      dom.removeAttribute('aria-activedescendant')
      dom.removeAttribute('aria-controls')
    }
  })
  useEffect(() => () => {
    editor.view.dom.removeAttribute('aria-activedescendant')
    editor.view.dom.removeAttribute('aria-controls')
  }, [editor])

  // Placed after every render, before it is painted, and again as anything scrolls or the screen changes
  // size (a tablet turned round, its on-screen keyboard opening). The menu is positioned in the page, so it
  // moves with the text as the page scrolls; what changes then is which side has room, and how much.
  const place = useRef(() => {})
  useLayoutEffect(() => {
    place.current = () => {
      // Where the "/" is now (the menu's render may be a transaction behind).
      const state = slashKey.getState(editor.state)
      if (!state?.active || !menu.current || !container.current) return
      placeMenu(menu.current, list.current, container.current, editor.view.coordsAtPos(state.from))
    }
    place.current()
  })
  const open = slash !== null
  useEffect(() => {
    if (!open) return
    const update = (event: Event) => {
      // The list's own scrolling moves nothing else.
      if (event.target instanceof Node && menu.current?.contains(event.target)) return
      place.current()
    }
    const viewport = window.visualViewport
    document.addEventListener('scroll', update, { capture: true, passive: true })
    window.addEventListener('resize', update)
    viewport?.addEventListener('resize', update)
    viewport?.addEventListener('scroll', update)
    return () => {
      document.removeEventListener('scroll', update, { capture: true })
      window.removeEventListener('resize', update)
      viewport?.removeEventListener('resize', update)
      viewport?.removeEventListener('scroll', update)
    }
  }, [open])

  // The highlighted option is scrolled into the list's view (only the list: the page stays where it is).
  useLayoutEffect(() => {
    const element = list.current
    const option = element?.querySelector('[aria-selected="true"]')
    if (!element || !option) return
    const view = element.getBoundingClientRect()
    const { top, bottom } = option.getBoundingClientRect()
    if (top < view.top) element.scrollTop -= view.top - top
    else if (bottom > view.bottom) element.scrollTop += bottom - view.bottom
  }, [index, slash?.query, slash?.from])

  if (!slash) return null

  return (
    <div className="slash-menu" ref={menu}>
      <p className="visually-hidden" role="status">
        {items.length === 0 ? 'No blocks match.' : `${items.length} ${items.length === 1 ? 'choice' : 'choices'}. ${items[index]?.label ?? ''} selected.`}
      </p>
      {items.length === 0 ? (
        <p className="slash-menu__empty">Nothing matches “{slash.query}”. Press Escape to keep typing.</p>
      ) : (
        <ul
          className="slash-menu__list"
          role="listbox"
          id={`${id}-list`}
          aria-label="Insert"
          aria-activedescendant={items[index] ? optionId(items[index]) : undefined}
          // A scrolling region is reachable from the keyboard (WCAG 2.1.1): from the text, Up and Down
          // already go through every option; as a tab stop, the list answers the same keys itself.
          tabIndex={0}
          onKeyDown={onListKeyDown}
          ref={list}
        >
          {items.map((item, itemIndex) => (
            <li
              key={item.id}
              id={optionId(item)}
              role="option"
              aria-selected={itemIndex === index}
              className="slash-menu__item"
              onMouseDown={(event) => event.preventDefault()}
              // Only a pointer that moves highlights: the menu opening under one at rest (or the page
              // scrolling under it) leaves the highlight where the keys put it.
              onMouseMove={(event) => {
                if ((event.movementX !== 0 || event.movementY !== 0) && itemIndex !== index) setActive(itemIndex)
              }}
              onClick={() => choose(item)}
            >
              <span className="slash-menu__label">{item.label}</span>
              <span className="slash-menu__description">{item.description}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

interface Box { top: number; bottom: number; left: number; right: number }

/**
 * Puts the menu below the caret if it fits there, else above it if it fits there, else on the side with more
 * room, its height cut to that room (the list scrolls). Once above, it stays above while it fits there, so
 * it does not jump from side to side as typing narrows the choices. Across, it starts under the caret but
 * stays within the screen and the page. What is on the screen is the visual viewport (less an on-screen
 * keyboard, or outside a pinch zoom), below the toolbar: the sticky toolbar covers the top of the window by
 * the page's scroll-padding-top (set for the same reason in styles.css), and when it is not stuck, it sits
 * on the page's top edge.
 */
function placeMenu(menu: HTMLElement, list: HTMLElement | null, page: HTMLElement, caret: Box): void {
  const bounds = page.getBoundingClientRect()
  const screen = visibleArea()
  const covered = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0
  const top = Math.max(screen.top, covered, bounds.top)
  const origin = (menu.offsetParent ?? page).getBoundingClientRect()
  const originTop = origin.top + (menu.offsetParent?.clientTop ?? 0)
  const originLeft = origin.left + (menu.offsetParent?.clientLeft ?? 0)
  const originHeight = menu.offsetParent?.clientHeight ?? origin.height
  const rootFontSize = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16

  // Its height with nothing cut: all of the list, up to the tallest a menu should be.
  const whole = Math.min(TALLEST_REM * rootFontSize, menu.offsetHeight + (list ? list.scrollHeight - list.clientHeight : 0))
  const below = screen.bottom - MARGIN - (caret.bottom + GAP)
  const above = caret.top - GAP - (top + MARGIN)
  const fitsBelow = below >= whole
  const fitsAbove = above >= whole
  const downwards = menu.dataset.placement === 'above'
    ? !fitsAbove && (fitsBelow || below >= above)
    : fitsBelow || (!fitsAbove && below >= above)
  const room = Math.max(SHORTEST, downwards ? below : above)

  menu.dataset.placement = downwards ? 'below' : 'above'
  menu.style.maxHeight = `${Math.min(room, TALLEST_REM * rootFontSize)}px`
  if (downwards) {
    menu.style.top = `${caret.bottom + GAP - originTop}px`
    menu.style.bottom = 'auto'
  } else {
    // Held by its foot just above the line, so it shrinks towards the line as the choices narrow.
    menu.style.top = 'auto'
    menu.style.bottom = `${originTop + originHeight - (caret.top - GAP)}px`
  }

  const leftmost = Math.max(screen.left, bounds.left) + MARGIN
  const rightmost = Math.min(screen.right, bounds.right) - MARGIN - menu.offsetWidth
  menu.style.left = `${Math.max(leftmost, Math.min(caret.left, rightmost)) - originLeft}px`
}

function visibleArea(): Box {
  const viewport = window.visualViewport
  const root = document.documentElement
  const top = viewport?.offsetTop ?? 0
  const left = viewport?.offsetLeft ?? 0
  return {
    top,
    bottom: top + (viewport?.height ?? root.clientHeight),
    left,
    right: left + (viewport?.width ?? root.clientWidth),
  }
}
