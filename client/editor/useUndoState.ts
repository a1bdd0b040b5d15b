import { useEffect, useState } from 'react'
import type { Editor } from '@tiptap/react'
import { yUndoPluginKey } from '@tiptap/y-tiptap'

interface UndoManagerLike {
  undoStack: unknown[]
  redoStack: unknown[]
  on(event: string, listener: () => void): void
  off(event: string, listener: () => void): void
}

/**
 * Whether there is anything of yours to undo or redo. Read from the Yjs UndoManager's own events:
 * its stacks change after the editor's transaction has been reported, so the editor state lags.
 */
export function useUndoState(editor: Editor): { canUndo: boolean; canRedo: boolean } {
  const [state, setState] = useState({ canUndo: false, canRedo: false })
  useEffect(() => {
    const undoManager = (yUndoPluginKey.getState(editor.state) as { undoManager?: UndoManagerLike } | undefined)?.undoManager
    if (!undoManager) return
    const refresh = () => {
      const canUndo = undoManager.undoStack.length > 0
      const canRedo = undoManager.redoStack.length > 0
      // The same object when nothing changed: no redraw (see settle.ts for why redraws cost while typing).
      setState((state) => (state.canUndo === canUndo && state.canRedo === canRedo ? state : { canUndo, canRedo }))
    }
    const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared']
    for (const event of events) undoManager.on(event, refresh)
    refresh()
    return () => {
      for (const event of events) undoManager.off(event, refresh)
    }
  }, [editor])
  return state
}
