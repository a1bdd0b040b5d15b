import { useCallback, useRef, useSyncExternalStore } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { colourFor } from '../../shared/presence.ts'

export interface PresentPerson {
  key: string
  name: string
  colour: string
  isYou: boolean
}

interface AwarenessUser {
  id?: unknown
  name?: unknown
  colour?: unknown
  color?: unknown
}

/** Everyone connected to the plan, once each however many tabs they have open; you first. */
export function usePresence(awareness: Awareness, youId: string): PresentPerson[] {
  const cache = useRef<{ key: string; people: PresentPerson[] }>({ key: '', people: [] })

  const subscribe = useCallback(
    (listener: () => void) => {
      awareness.on('change', listener)
      return () => awareness.off('change', listener)
    },
    [awareness],
  )

  const getSnapshot = useCallback(() => {
    const people = collect(awareness, youId)
    const key = people.map((person) => `${person.key}|${person.name}|${person.colour}`).join('\n')
    // The same array while nothing visible changed: caret moves must not re-render the list.
    if (key !== cache.current.key) cache.current = { key, people }
    return cache.current.people
  }, [awareness, youId])

  return useSyncExternalStore(subscribe, getSnapshot)
}

function collect(awareness: Awareness, youId: string): PresentPerson[] {
  const byPerson = new Map<string, PresentPerson>()
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: AwarenessUser }).user
    if (!user || typeof user.name !== 'string') continue
    const id = typeof user.id === 'string' ? user.id : `client-${clientId}`
    if (byPerson.has(id)) continue
    const colour = typeof user.colour === 'string' ? user.colour : typeof user.color === 'string' ? user.color : colourFor(id)
    byPerson.set(id, { key: id, name: user.name, colour, isYou: id === youId })
  }
  return [...byPerson.values()].sort((a, b) => Number(b.isYou) - Number(a.isYou) || a.name.localeCompare(b.name, 'en-GB'))
}
