// Export as PDF: asks the server for the live plan or a snapshot as a PDF and saves it under the name the
// server gives. Each button names what it exports: a person reading a snapshot has both in view, and the
// live plan holds drafts that must not reach a board pack by mistake.
import { useState } from 'react'
import { Button } from '../components/Button.tsx'

/** The file name from a Content-Disposition header: the exact UTF-8 one if given, else the plain one. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (exact) {
    try {
      return decodeURIComponent(exact[1])
    } catch {
      // Fall through to the plain name.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback
}

export function ExportPdfButton({ href, fallbackName, label }: { href: string; fallbackName: string; label: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const download = async () => {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(href, { credentials: 'same-origin' })
      if (!response.ok) {
        const body = await response.json().catch(() => null) as { error?: string } | null
        throw new Error(body?.error ?? (response.status === 404 ? 'This plan is not available to export.' : 'The PDF could not be made. Try again.'))
      }
      const blob = await response.blob()
      const url = URL.createObjectURL(blob)
      const link = document.createElement('a')
      link.href = url
      link.download = fileNameFrom(response.headers.get('content-disposition'), fallbackName)
      document.body.append(link)
      link.click()
      link.remove()
      // Give the browser a moment to start saving before the data goes.
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (failure) {
      setError(failure instanceof TypeError
        ? 'Uplift could not be reached, so the PDF was not made. Check your connection and try again.'
        : (failure as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="export-pdf">
      <Button onClick={() => void download()} busy={busy} busyLabel="Preparing PDF…">{label}</Button>
      {busy && <span className="visually-hidden" role="status">Preparing the PDF…</span>}
      {error && <p className="message message--error export-pdf__error" role="alert">{error}</p>}
    </div>
  )
}
