/**
 * The toolbar's Insert menu (a menu button): the plan's blocks, where they can go. Arrow keys move,
 * Enter inserts, Escape closes and returns to the button.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import type { Editor } from '@tiptap/react'
import { BLOCK_ITEMS } from './commandItems.ts'

interface InsertMenuProps {
  editor: Editor
  tabIndex: number
  onFocus(): void
}

export function InsertMenu({ editor, tabIndex, onFocus }: InsertMenuProps) {
  const [open, setOpen] = useState(false)
  const id = useId()
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLUListElement>(null)

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [])]

  useEffect(() => {
    if (!open) return
    items()[0]?.focus()
    const close = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', close)
    return () => document.removeEventListener('mousedown', close)
  }, [open])

  const closeToButton = () => {
    setOpen(false)
    button.current?.focus()
  }

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const list = items()
    const at = list.indexOf(document.activeElement as HTMLElement)
    let next: number | null = null
    if (event.key === 'ArrowDown') next = (at + 1) % list.length
    else if (event.key === 'ArrowUp') next = (at - 1 + list.length) % list.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = list.length - 1
    else if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      closeToButton()
      return
    } else if (event.key === 'Tab') {
      setOpen(false)
      return
    }
    if (next !== null) {
      event.preventDefault()
      event.stopPropagation()
      list[next]?.focus()
    }
  }

  return (
    <div className="insert-menu">
      <button
        ref={button}
        type="button"
        className="toolbar__button toolbar__button--text"
        data-toolbar-item="insertBlock"
        tabIndex={tabIndex}
        aria-label="Insert block"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onMouseDown={(event) => event.preventDefault()}
        onFocus={onFocus}
        onClick={() => setOpen((current) => !current)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault()
            setOpen(true)
          }
        }}
      >
        <svg className="icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false"><path d="M10 4v12M4 10h12" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" /></svg>
        Insert
      </button>
      {open && (
        <ul className="insert-menu__list" role="menu" id={`${id}-menu`} aria-label="Insert block" ref={menu} onKeyDown={onMenuKeyDown}>
          {BLOCK_ITEMS.map((item) => {
            const available = item.available(editor)
            return (
              <li
                key={item.id}
                role="menuitem"
                tabIndex={-1}
                aria-disabled={available ? undefined : true}
                className="insert-menu__item"
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => {
                  if (!available) return
                  setOpen(false)
                  item.run(editor)
                }}
                onKeyDown={(event) => {
                  if ((event.key === 'Enter' || event.key === ' ') && available) {
                    event.preventDefault()
                    setOpen(false)
                    item.run(editor)
                  }
                }}
              >
                <span className="insert-menu__label">{item.label}</span>
                <span className="insert-menu__description">
                  {available ? item.description : item.id === 'action' ? 'Put the cursor in a priority first' : 'Put the cursor in a finding first'}
                </span>
              </li>
            )
          })}
          <li role="none" className="insert-menu__tip">Tip: type “/” on an empty line to insert without the mouse.</li>
        </ul>
      )}
    </div>
  )
}
