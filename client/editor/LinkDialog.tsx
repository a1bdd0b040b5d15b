import { useState, type FormEvent } from 'react'
import type { Editor } from '@tiptap/react'
import { Button } from '../components/Button.tsx'
import { Dialog } from '../components/Dialog.tsx'
import { TextField } from '../components/TextField.tsx'
import { normaliseLink } from './link.ts'

/** Adds, changes or removes the link at the selection. */
export function LinkDialog({ editor, onClose }: { editor: Editor; onClose(): void }) {
  const existing = editor.getAttributes('link').href as string | undefined
  const [href, setHref] = useState(existing ?? '')
  const [error, setError] = useState<string | undefined>()

  const apply = (event: FormEvent) => {
    event.preventDefault()
    const result = normaliseLink(href)
    if (!result.ok) {
      setError(result.error)
      return
    }
    const chain = editor.chain().focus()
    if (editor.state.selection.empty && !existing) {
      // Nothing selected: the address itself becomes the linked text.
      chain.insertContent({ type: 'text', text: href.trim(), marks: [{ type: 'link', attrs: { href: result.href } }] }).run()
    } else {
      chain.extendMarkRange('link').setLink({ href: result.href }).run()
    }
    onClose()
  }

  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run()
    onClose()
  }

  return (
    <Dialog title={existing ? 'Edit link' : 'Add link'} onClose={onClose} onAfterClose={() => editor.commands.focus()}>
      <form className="form" onSubmit={apply} noValidate>
        <TextField
          id="link-address"
          label="Web address"
          hint="For example, www.gov.uk/government/organisations/ofsted"
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          value={href}
          onChange={(event) => {
            setHref(event.target.value)
            setError(undefined)
          }}
          error={error}
          data-autofocus
        />
        <div className="button-row">
          <Button type="submit" variant="primary">{existing ? 'Update link' : 'Add link'}</Button>
          {existing && <Button variant="danger" onClick={remove}>Remove link</Button>}
          <Button variant="secondary" onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  )
}
