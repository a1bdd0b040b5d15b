/**
 * The "/" menu: a listbox under the cursor, filtered by what is typed after "/". Focus stays in the
 * editor (which names the highlighted option with aria-activedescendant); Up and Down move, Enter or Tab
 * inserts, Escape closes.
 */
import { useEffect, useId, useRef, useState, type RefObject } from 'react'
import { useEditorState, type Editor } from '@tiptap/react'
import { BLOCK_ITEMS, matches, TEXT_ITEMS, type InsertItem } from './commandItems.ts'
import { slashKey, type SlashKeys } from './slashCommands.ts'

interface SlashMenuProps {
  editor: Editor
  keys: SlashKeys
  /** The element the menu is positioned in. */
  container: RefObject<HTMLElement | null>
}

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

  // Keys while open (the editor's plugin hands them over).
  useEffect(() => {
    if (!slash) {
      keys.current = null
      return
    }
    keys.current = (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (items.length === 0) return false
        setActive((current) => (Math.min(current, items.length - 1) + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length)
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

  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [index])

  if (!slash || !container.current) return null
  const box = container.current.getBoundingClientRect()
  const caret = editor.view.coordsAtPos(slash.from)
  const top = caret.bottom - box.top + 6
  const left = Math.max(8, Math.min(caret.left - box.left, box.width - 340))

  return (
    <div className="slash-menu" style={{ top, left }}>
      <p className="visually-hidden" role="status">
        {items.length === 0 ? 'No blocks match.' : `${items.length} ${items.length === 1 ? 'choice' : 'choices'}. ${items[index]?.label ?? ''} selected.`}
      </p>
      {items.length === 0 ? (
        <p className="slash-menu__empty">Nothing matches “{slash.query}”. Press Escape to keep typing.</p>
      ) : (
        <ul className="slash-menu__list" role="listbox" id={`${id}-list`} aria-label="Insert" ref={list}>
          {items.map((item, itemIndex) => (
            <li
              key={item.id}
              id={optionId(item)}
              role="option"
              aria-selected={itemIndex === index}
              className="slash-menu__item"
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(itemIndex)}
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
