import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useEditorState, type Editor } from '@tiptap/react'
import { icons } from './icons.tsx'
import { InsertMenu } from './insert/InsertMenu.tsx'
import { shortcut } from './shortcuts.ts'
import { useUndoState } from './useUndoState.ts'

type TextStyle = 'paragraph' | 'h1' | 'h2' | 'h3' | ''

type ToolbarState = ReturnType<typeof readToolbarState>

/**
 * What the toolbar shows follows the document, the selection (and marks set for the next key) and whether
 * the plan may be edited, nothing else. The selector runs at every transaction, among them the many that
 * change none of these (another person's caret moving, which redraws their caret): those reuse the last
 * answer rather than asking every command again.
 */
const lastState = new WeakMap<Editor, { state: Editor['state']; editable: boolean; value: ToolbarState }>()

function selectState({ editor }: { editor: Editor }): ToolbarState {
  const last = lastState.get(editor)
  const now = editor.state
  const editable = editor.isEditable
  if (last && last.editable === editable && last.state.doc === now.doc && last.state.selection === now.selection && last.state.storedMarks === now.storedMarks) {
    return last.value
  }
  const value = readToolbarState(editor)
  lastState.set(editor, { state: now, editable, value })
  return value
}

function readToolbarState(editor: Editor) {
  const can = editor.can()
  let textStyle: TextStyle = ''
  if (editor.isActive('heading', { level: 1 })) textStyle = 'h1'
  else if (editor.isActive('heading', { level: 2 })) textStyle = 'h2'
  else if (editor.isActive('heading', { level: 3 })) textStyle = 'h3'
  else if (editor.isActive('paragraph')) textStyle = 'paragraph'
  return {
    textStyle,
    // In a plan block's text field: headings and lists do not apply.
    inField: editor.isActive('field'),
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    bulletList: editor.isActive('bulletList'),
    orderedList: editor.isActive('orderedList'),
    blockquote: editor.isActive('blockquote'),
    link: editor.isActive('link'),
    inTable: editor.isActive('table'),
    canBold: can.toggleBold(),
    canItalic: can.toggleItalic(),
    canInsertTable: can.insertTable({ rows: 3, cols: 3, withHeaderRow: true }),
    canAddRow: can.addRowAfter(),
    canDeleteRow: can.deleteRow(),
    canAddColumn: can.addColumnAfter(),
    canDeleteColumn: can.deleteColumn(),
    canDeleteTable: can.deleteTable(),
  }
}

interface ItemProps {
  id: string
  label: string
  keys?: string
  /** What the tooltip says when it differs from the label. */
  tooltip?: string
  pressed?: boolean
  disabled?: boolean
  onPress(): void
  children: ReactNode
  current: string
  onFocusItem(id: string): void
}

function ToolbarButton({ id, label, keys, tooltip, pressed, disabled, onPress, children, current, onFocusItem }: ItemProps) {
  const keyInfo = keys ? shortcut(keys) : null
  const tip = `${tooltip ?? label}${keyInfo ? ` (${keyInfo.label})` : ''}`
  return (
    <button
      type="button"
      className="toolbar__button"
      data-toolbar-item={id}
      data-tooltip={tip}
      tabIndex={current === id ? 0 : -1}
      aria-label={label}
      aria-pressed={pressed === undefined ? undefined : pressed}
      aria-keyshortcuts={keyInfo?.aria}
      disabled={disabled}
      // Keeps the editor's selection while the pointer is down; keyboard presses are unaffected.
      onMouseDown={(event) => event.preventDefault()}
      onFocus={() => onFocusItem(id)}
      onClick={onPress}
    >
      {children}
    </button>
  )
}

interface ToolbarProps {
  editor: Editor
  onLink(): void
}

/** The formatting toolbar: one tab stop, arrow keys (and Home/End) move between its controls. */
export function Toolbar({ editor, onLink }: ToolbarProps) {
  const state = useEditorState({ editor, selector: selectState })
  const { canUndo, canRedo } = useUndoState(editor)
  const [focused, setFocused] = useState('textStyle')
  const toolbar = useRef<HTMLDivElement>(null)

  // The page scrolls what takes focus into view below the toolbar, not under it (WCAG 2.4.11): its height,
  // which changes as it wraps, for the page's scroll-padding (styles.css).
  useEffect(() => {
    const element = toolbar.current
    if (!element) return
    const root = document.documentElement
    const observer = new ResizeObserver(() => root.style.setProperty('--toolbar-height', `${element.offsetHeight}px`))
    observer.observe(element)
    return () => {
      observer.disconnect()
      root.style.removeProperty('--toolbar-height')
    }
  }, [])

  const enabled: Record<string, boolean> = {
    textStyle: !state.inField, insertBlock: true, bold: state.canBold, italic: state.canItalic, bulletList: true, orderedList: true,
    blockquote: true, link: true, unlink: state.link, insertTable: state.canInsertTable,
    addRow: state.canAddRow, deleteRow: state.canDeleteRow, addColumn: state.canAddColumn,
    deleteColumn: state.canDeleteColumn, deleteTable: state.canDeleteTable, undo: canUndo, redo: canRedo,
  }
  // The tab stop stays on a control that can take focus.
  const current = enabled[focused] ? focused : 'insertBlock'

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-toolbar-item]')].filter(
      (element) => !(element as HTMLButtonElement).disabled,
    )
    const index = items.indexOf(document.activeElement as HTMLElement)
    if (index === -1) return
    event.preventDefault()
    let next = index
    if (event.key === 'ArrowRight') next = (index + 1) % items.length
    if (event.key === 'ArrowLeft') next = (index - 1 + items.length) % items.length
    if (event.key === 'Home') next = 0
    if (event.key === 'End') next = items.length - 1
    items[next].focus()
  }

  const chain = () => editor.chain().focus()
  const item = { current, onFocusItem: setFocused }

  const setTextStyle = (value: string) => {
    // Focus stays on the list so the keyboard can keep choosing; the editor keeps its selection.
    if (value === 'paragraph') editor.chain().setParagraph().run()
    else if (value === 'h1' || value === 'h2' || value === 'h3') editor.chain().setHeading({ level: Number(value[1]) as 1 | 2 | 3 }).run()
  }

  return (
    <div ref={toolbar} className="toolbar" role="toolbar" aria-label="Formatting" aria-controls="plan-content" onKeyDown={handleKeyDown}>
      <div className="toolbar__group">
        <InsertMenu editor={editor} tabIndex={current === 'insertBlock' ? 0 : -1} onFocus={() => setFocused('insertBlock')} />
      </div>
      <div className="toolbar__group">
        <label htmlFor="toolbar-text-style" className="visually-hidden">Text style</label>
        <select
          id="toolbar-text-style"
          className="toolbar__select"
          data-toolbar-item="textStyle"
          data-tooltip="Text style"
          tabIndex={current === 'textStyle' ? 0 : -1}
          value={state.inField ? 'field' : state.textStyle}
          disabled={state.inField}
          onFocus={() => setFocused('textStyle')}
          onChange={(event) => setTextStyle(event.target.value)}
        >
          {/* A block's fields have one style: the select says so, disabled. */}
          {state.inField && <option value="field">Field text</option>}
          {state.textStyle === '' && !state.inField && <option value="">Mixed</option>}
          <option value="paragraph">Normal text</option>
          <option value="h1">Heading 1</option>
          <option value="h2">Heading 2</option>
          <option value="h3">Heading 3</option>
        </select>
      </div>
      <div className="toolbar__group" role="group" aria-label="History">
        <ToolbarButton id="undo" label="Undo" tooltip="Undo your last change" keys="Mod+Z" disabled={!canUndo} onPress={() => chain().undo().run()} {...item}>{icons.undo}</ToolbarButton>
        <ToolbarButton id="redo" label="Redo" tooltip="Redo your change" keys="Mod+Shift+Z" disabled={!canRedo} onPress={() => chain().redo().run()} {...item}>{icons.redo}</ToolbarButton>
      </div>
      <div className="toolbar__group" role="group" aria-label="Text">
        <ToolbarButton id="bold" label="Bold" keys="Mod+B" pressed={state.bold} disabled={!state.canBold} onPress={() => chain().toggleBold().run()} {...item}>{icons.bold}</ToolbarButton>
        <ToolbarButton id="italic" label="Italic" keys="Mod+I" pressed={state.italic} disabled={!state.canItalic} onPress={() => chain().toggleItalic().run()} {...item}>{icons.italic}</ToolbarButton>
      </div>
      <div className="toolbar__group" role="group" aria-label="Blocks">
        <ToolbarButton id="bulletList" label="Bullet list" keys="Mod+Shift+8" pressed={state.bulletList} onPress={() => chain().toggleBulletList().run()} {...item}>{icons.bulletList}</ToolbarButton>
        <ToolbarButton id="orderedList" label="Numbered list" keys="Mod+Shift+7" pressed={state.orderedList} onPress={() => chain().toggleOrderedList().run()} {...item}>{icons.orderedList}</ToolbarButton>
        <ToolbarButton id="blockquote" label="Quote" keys="Mod+Shift+B" pressed={state.blockquote} onPress={() => chain().toggleBlockquote().run()} {...item}>{icons.blockquote}</ToolbarButton>
      </div>
      <div className="toolbar__group" role="group" aria-label="Links">
        <ToolbarButton id="link" label="Link" tooltip={state.link ? 'Edit link' : 'Add link'} keys="Mod+K" pressed={state.link} onPress={onLink} {...item}>{icons.link}</ToolbarButton>
        <ToolbarButton id="unlink" label="Remove link" disabled={!state.link} onPress={() => chain().extendMarkRange('link').unsetLink().run()} {...item}>{icons.unlink}</ToolbarButton>
      </div>
      <div className="toolbar__group" role="group" aria-label="Table">
        <ToolbarButton id="insertTable" label="Insert table" tooltip="Insert a 3 × 3 table with a header row" disabled={!state.canInsertTable} onPress={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()} {...item}>{icons.table}</ToolbarButton>
        {/* Shown only in a table, as a word processor's table tools are: five buttons that could never be
            used would push the toolbar onto a second row on a tablet. */}
        {state.inTable && (
          <>
            <ToolbarButton id="addRow" label="Add row" tooltip="Add a row below" disabled={!state.canAddRow} onPress={() => chain().addRowAfter().run()} {...item}>{icons.addRow}</ToolbarButton>
            <ToolbarButton id="deleteRow" label="Delete row" disabled={!state.canDeleteRow} onPress={() => chain().deleteRow().run()} {...item}>{icons.deleteRow}</ToolbarButton>
            <ToolbarButton id="addColumn" label="Add column" tooltip="Add a column to the right" disabled={!state.canAddColumn} onPress={() => chain().addColumnAfter().run()} {...item}>{icons.addColumn}</ToolbarButton>
            <ToolbarButton id="deleteColumn" label="Delete column" disabled={!state.canDeleteColumn} onPress={() => chain().deleteColumn().run()} {...item}>{icons.deleteColumn}</ToolbarButton>
            <ToolbarButton id="deleteTable" label="Delete table" disabled={!state.canDeleteTable} onPress={() => chain().deleteTable().run()} {...item}>{icons.deleteTable}</ToolbarButton>
          </>
        )}
      </div>
    </div>
  )
}
