/**
 * Copies text for a person to paste elsewhere, and says how it went: `done` once copied, or, where the
 * browser refuses (no permission, an old browser, a page not served over HTTPS), how to copy it by hand.
 */
export async function copyForPerson(text: string, done: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text)
    return done
  } catch {
    return 'Your browser did not allow copying. Select the text above and copy it yourself.'
  }
}
