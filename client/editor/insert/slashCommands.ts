/**
 * The "/" menu's editor side: typing "/" at the start of an empty line (or after a space) opens it, what
 * follows filters it, and while it is open the arrow keys, Enter and Escape go to the menu (SlashMenu).
 * Escape closes it and leaves the "/" as typed.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'

export interface SlashState {
  active: boolean
  /** The range of "/query" in the document. */
  from: number
  to: number
  query: string
  /** Where a "/" was dismissed with Escape: it stays closed for that "/". */
  dismissed: number | null
}

export const slashKey = new PluginKey<SlashState>('slashCommands')

const CLOSED: SlashState = { active: false, from: 0, to: 0, query: '', dismissed: null }
const TRIGGER = /(?:^|\s)\/([\p{L}\d-]{0,24}(?: [\p{L}\d-]{0,24})?)$/u

/**
 * Passes keys from the editor to the open menu. A class, not a plain object: Tiptap copies plain objects
 * in an extension's options, which would leave the menu and the plugin holding different ones.
 */
export class SlashKeys {
  /** Set by the menu while it is open: handles a key, true if it did. */
  current: ((event: KeyboardEvent) => boolean) | null = null
}

export const SlashCommands = Extension.create<{ keys: SlashKeys }>({
  name: 'slashCommands',

  addOptions() {
    return { keys: new SlashKeys() }
  },

  addProseMirrorPlugins() {
    const keys = this.options.keys
    return [
      new Plugin<SlashState>({
        key: slashKey,
        state: {
          init: () => CLOSED,
          apply(tr, previous, _oldState, state) {
            const meta = tr.getMeta(slashKey) as { dismiss?: number } | undefined
            let dismissed = meta?.dismiss ?? (previous.dismissed === null ? null : tr.mapping.map(previous.dismissed))
            const { selection } = state
            const $from = selection.$from
            // Only in an ordinary paragraph of the plan's top level, never inside a block's field.
            if (!selection.empty || $from.depth !== 1 || $from.parent.type.name !== 'paragraph') return { ...CLOSED, dismissed: null }
            const before = $from.parent.textBetween(0, $from.parentOffset, undefined, '\ufffc')
            const match = TRIGGER.exec(before)
            if (!match) return { ...CLOSED, dismissed: null }
            const from = $from.pos - match[1].length - 1
            if (dismissed !== null && dismissed !== from) dismissed = null
            if (dismissed === from) return { ...CLOSED, dismissed }
            return { active: true, from, to: $from.pos, query: match[1], dismissed: null }
          },
        },
        props: {
          handleKeyDown(view, event) {
            const state = slashKey.getState(view.state)
            if (!state?.active || !keys.current) return false
            if (event.key === 'Escape') {
              view.dispatch(view.state.tr.setMeta(slashKey, { dismiss: state.from }))
              return true
            }
            return keys.current(event)
          },
        },
      }),
    ]
  },
})
