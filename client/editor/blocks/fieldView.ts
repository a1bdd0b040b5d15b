/**
 * The view of a block's text field: a visible label and an editable box with a placeholder. A plain DOM
 * node view (a plan has hundreds of fields; a React root each would be slow). The box is named by its
 * label for assistive technology, so "Measure" or "Owner" can be found by name, and is said to be
 * read-only where the plan cannot be changed (FieldReadOnly keeps that true when the page's role changes).
 */
import { Extension, type NodeViewRendererProps } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import type { NodeView } from '@tiptap/pm/view'
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import { FIELD_TEXT } from '../../../shared/plan/fieldText.ts'
import type { FieldName } from '../../../shared/schema/blockFields.ts'

let counter = 0

function textFor(name: string) {
  return FIELD_TEXT[name as FieldName] ?? { label: name, placeholder: '' }
}

export function fieldView({ node, view, getPos }: NodeViewRendererProps): NodeView {
  let current: PMNode = node
  const id = `plan-field-${++counter}`
  const dom = document.createElement('div')
  const label = document.createElement('div')
  const content = document.createElement('div')
  label.className = 'plan-field__label'
  label.id = `${id}-label`
  label.contentEditable = 'false'
  content.className = 'plan-field__input'
  content.setAttribute('role', 'textbox')
  content.setAttribute('aria-multiline', 'true')
  content.setAttribute('aria-labelledby', label.id)
  content.setAttribute('aria-readonly', String(!view.editable))
  dom.append(label, content)

  dom.classList.add('plan-field')
  const render = () => {
    const name = String(current.attrs.name)
    const text = textFor(name)
    // Class by class: ProseMirror adds the active field's class to this element, and adds it again only
    // when it moves, so setting className would take it away at the next keystroke.
    if (dom.dataset.field !== name) {
      if (dom.dataset.field) dom.classList.remove(`plan-field--${dom.dataset.field}`)
      dom.classList.add(`plan-field--${name}`)
    }
    dom.dataset.field = name
    label.textContent = text.label
    content.dataset.placeholder = text.placeholder
  }
  render()

  // Pressing the label puts the cursor at the end of its field, as a form label focuses its input.
  label.addEventListener('mousedown', (event) => {
    event.preventDefault()
    const pos = typeof getPos === 'function' ? getPos() : undefined
    if (typeof pos !== 'number') return
    const end = pos + 1 + current.content.size
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, end)))
    view.focus()
  })

  return {
    dom,
    contentDOM: content,
    update(updated) {
      if (updated.type !== current.type) return false
      current = updated
      render()
      return true
    },
    stopEvent: (event) => label.contains(event.target as Node),
    ignoreMutation: (mutation) => mutation.type !== 'selection' && !content.contains(mutation.target),
  }
}

/**
 * Says each field is read-only, or no longer, when the editor's `editable` changes (a viewer made an editor,
 * an editor made a viewer): ProseMirror keeps the fields' views then, so they do not see it themselves.
 */
export const FieldReadOnly = Extension.create({
  name: 'fieldReadOnly',
  addProseMirrorPlugins() {
    return [new Plugin({
      key: new PluginKey('fieldReadOnly'),
      view: (view) => {
        let editable = view.editable
        return {
          update: (current) => {
            if (current.editable === editable) return
            editable = current.editable
            for (const field of current.dom.querySelectorAll('.plan-field__input')) field.setAttribute('aria-readonly', String(!editable))
          },
        }
      },
    })]
  },
})
