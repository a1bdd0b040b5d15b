/** Shortcut text for tooltips and aria-keyshortcuts, in the form the person's keyboard shows. */
const isApple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent)

export interface Shortcut {
  /** For people: "Ctrl+B" or "⌘B". */
  label: string
  /** For aria-keyshortcuts: "Control+B" or "Meta+B". */
  aria: string
}

/** `keys` like "Mod+Shift+8": Mod is ⌘ on Apple devices and Ctrl elsewhere. */
export function shortcut(keys: string): Shortcut {
  const parts = keys.split('+')
  const key = parts[parts.length - 1]
  const modifiers = parts.slice(0, -1)
  if (isApple) {
    const symbols: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥' }
    return {
      label: modifiers.map((modifier) => symbols[modifier] ?? modifier).join('') + key,
      aria: [...modifiers.map((modifier) => (modifier === 'Mod' ? 'Meta' : modifier)), key].join('+'),
    }
  }
  const names = modifiers.map((modifier) => (modifier === 'Mod' ? 'Ctrl' : modifier))
  return {
    label: [...names, key].join('+'),
    aria: [...modifiers.map((modifier) => (modifier === 'Mod' ? 'Control' : modifier)), key].join('+'),
  }
}
