// Changes from Yjs are marked so that typing aids (autolink) leave them alone; local typing is not.
import { describe, expect, it } from 'vitest'
import { EditorState } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { RemoteChanges } from '../../../client/editor/remoteChanges.ts'
import { schema } from '../plan/planFixtures.ts'

function state() {
  const plugins = RemoteChanges.config.addProseMirrorPlugins!.call({} as never)
  return EditorState.create({ schema, plugins })
}

describe('changes from other people', () => {
  it('are marked so that autolink does not run over them again', () => {
    const before = state()
    const remote = before.tr.insertText('see www.example.org ', 1).setMeta(ySyncPluginKey, { isChangeOrigin: true })
    before.applyTransaction(remote)
    expect(remote.getMeta('preventAutolink')).toBe(true)
  })

  it('while what is typed here is left to it', () => {
    const before = state()
    const local = before.tr.insertText('see www.example.org ', 1)
    before.applyTransaction(local)
    expect(local.getMeta('preventAutolink')).toBeUndefined()
    // y-prosemirror's own bookkeeping on a local change is not a change from elsewhere either.
    const bookkeeping = before.tr.setMeta(ySyncPluginKey, { snapshot: null })
    before.applyTransaction(bookkeeping)
    expect(bookkeeping.getMeta('preventAutolink')).toBeUndefined()
  })
})
