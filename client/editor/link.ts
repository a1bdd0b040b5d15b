/** Turns what a person typed as a link into a safe address, or explains what is wrong with it. */
export function normaliseLink(input: string): { ok: true; href: string } | { ok: false; error: string } {
  const text = input.trim()
  if (!text) return { ok: false, error: 'Enter a web address, for example www.example.org.uk.' }
  let candidate = text
  if (/^[^\s@/:]+@[^\s@/]+\.[^\s@/]+$/.test(text)) candidate = `mailto:${text}`
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) candidate = `https://${text}`
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return { ok: false, error: 'That is not a web address. Check it and try again.' }
  }
  if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) {
    return { ok: false, error: 'Links must start with https://, http:// or mailto:.' }
  }
  if (url.protocol !== 'mailto:' && !url.hostname.includes('.') && url.hostname !== 'localhost') {
    return { ok: false, error: 'That is not a complete web address. Check it and try again.' }
  }
  return { ok: true, href: candidate }
}
