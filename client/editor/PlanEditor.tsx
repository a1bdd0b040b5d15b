import { memo, useCallback, useEffect, useRef, useState } from 'react'
import { EditorContent, useEditor } from '@tiptap/react'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import type * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { planExtensions } from '../../shared/schema/extensions.ts'
import { fillEmptyFields, keepEmptyFieldsFilled } from '../../shared/schema/fieldTexts.ts'
import { BLOCK_LABELS } from '../../shared/compare/blockText.ts'
import { PLAN_FRAGMENT } from '../../shared/ydoc.ts'
import type { PresenceUser } from '../../shared/presence.ts'
import { Overview } from '../plan/Overview.tsx'
import { withBlockViews } from './blocks/index.ts'
import { PlanContext } from './blocks/planContext.tsx'
import { SlashCommands, SlashKeys } from './insert/slashCommands.ts'
import { SlashMenu } from './insert/SlashMenu.tsx'
import { LinkDialog } from './LinkDialog.tsx'
import { PendingSelection } from './pendingSelection.ts'
import { RemoteChanges } from './remoteChanges.ts'
import { Toolbar } from './Toolbar.tsx'
import { usePlanContext } from './usePlanContext.ts'

interface PlanEditorProps {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Who this page is to the others: kept up to date by openPlan (the server sends the colour on joining). */
  presence: PresenceUser
  editable: boolean
  /** Said above the plan when it cannot be edited (by default, that the person can read it but not edit it). */
  readOnlyNote?: string
}

/**
 * Rendered again only when its own props change, not with every change of the save status around it (which
 * moves with each keystroke and each `stored` message): each render of `useEditor` ends in
 * `editor.setOptions`, a view update. Without this, end-to-end runs on a busy machine saw a key pressed just
 * after a click act where the caret had been before the click (an Enter split the plan's title).
 */
export const PlanEditor = memo(function PlanEditor({ doc, provider, presence, editable, readOnlyNote = 'You can read this plan but not edit it.' }: PlanEditorProps) {
  const [linkOpen, setLinkOpen] = useState(false)
  const editableRef = useRef(editable)
  editableRef.current = editable
  const slashKeys = useRef(new SlashKeys()).current
  const page = useRef<HTMLDivElement>(null)
  const [announcement, setAnnouncement] = useState('')
  const announce = useCallback((message: string) => {
    // Cleared first, so the same sentence twice is still read out.
    setAnnouncement('')
    requestAnimationFrame(() => setAnnouncement(message))
  }, [])
  useEffect(() => {
    if (!announcement) return
    // Read out once, then cleared: someone moving through the page later must not come upon a message that
    // no longer holds ("Due not saved" after the date was put right).
    const timer = window.setTimeout(() => setAnnouncement(''), 10_000)
    return () => window.clearTimeout(timer)
  }, [announcement])
  // Someone else deleted the block this person was writing in: said, and shown at the foot of the screen for
  // a while, since the caret has moved to the text before it (see PendingSelection).
  const [placeDeleted, setPlaceDeleted] = useState<string | null>(null)
  const tellWritingPlaceDeleted = useRef((type: string) => {
    const what = BLOCK_LABELS[type]?.toLowerCase() ?? 'part of the plan'
    setPlaceDeleted(`Someone else deleted the ${what} you were writing in. Your cursor is now at the end of the text before it: check where you type next.`)
  })
  useEffect(() => {
    if (!placeDeleted) return
    const timer = window.setTimeout(() => setPlaceDeleted(null), 12_000)
    return () => window.clearTimeout(timer)
  }, [placeDeleted])

  const editor = useEditor(
    {
      extensions: [
        ...withBlockViews(planExtensions()),
        SlashCommands.configure({ keys: slashKeys }),
        Collaboration.configure({ document: doc, field: PLAN_FRAGMENT }),
        CollaborationCaret.configure({
          provider,
          // The id lets the presence list recognise this page's own entry as "You". The same object openPlan
          // updates when the server gives this person their colour in the plan: the extension sets it again
          // whenever its plugins are rebuilt.
          user: presence,
        }),
        PendingSelection.configure({ onWritingPlaceDeleted: (type) => tellWritingPlaceDeleted.current(type) }),
        RemoteChanges,
      ],
      editable,
      editorProps: {
        attributes: editorAttributes(editable),
        handleKeyDown: (_view, event) => {
          if ((event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === 'k' && editableRef.current) {
            event.preventDefault()
            setLinkOpen(true)
            return true
          }
          return false
        },
      },
    },
    [doc, provider],
  )

  // Every empty field keeps one Yjs text, so two people's first keystrokes in it go into the same text
  // (shared/schema/fieldTexts.ts): those this page makes or empties, as it does so; and, once the plan is in
  // from the server, those of a plan made before fields had one. Never where this page may not write.
  useEffect(() => keepEmptyFieldsFilled(doc, () => editableRef.current), [doc])
  useEffect(() => {
    if (!editable) return
    const fillOlder = () => {
      if (provider.synced) fillEmptyFields(doc.getXmlFragment(PLAN_FRAGMENT))
    }
    fillOlder()
    provider.on('sync', fillOlder)
    return () => provider.off('sync', fillOlder)
  }, [doc, provider, editable])

  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    editor.setEditable(editable, false)
    editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes: editorAttributes(editable) } })
  }, [editor, editable])

  const plan = usePlanContext(editor, editable, announce)

  return (
    <PlanContext.Provider value={plan}>
      <div className="plan-workspace">
        <div className="plan-editor">
          {editable ? (
            <Toolbar editor={editor} onLink={() => setLinkOpen(true)} />
          ) : (
            <p className="read-only-banner" id="read-only-note">{readOnlyNote}</p>
          )}
          <div className="plan-editor__page" ref={page}>
            <EditorContent editor={editor} />
            {editable && <SlashMenu editor={editor} keys={slashKeys} container={page} />}
          </div>
          {linkOpen && editable && <LinkDialog editor={editor} onClose={() => setLinkOpen(false)} />}
        </div>
        <Overview overview={plan.overview} onJump={plan.jumpTo} />
        <p className="visually-hidden" role="status" aria-live="polite">{announcement}</p>
        <div role="alert" className="editor-notice-region">
          {placeDeleted && (
            <p className="editor-notice">
              {placeDeleted}
              <button type="button" className="editor-notice__close" onClick={() => setPlaceDeleted(null)} aria-label="Dismiss this message">×</button>
            </p>
          )}
        </div>
      </div>
    </PlanContext.Provider>
  )
})

function editorAttributes(editable: boolean): Record<string, string> {
  const attributes: Record<string, string> = {
    id: 'plan-content',
    class: 'plan-content',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': 'Plan content',
    'aria-readonly': String(!editable),
  }
  if (!editable) attributes['aria-describedby'] = 'read-only-note'
  return attributes
}
