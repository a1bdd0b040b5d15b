import type { Awareness } from 'y-protocols/awareness'
import { initials } from '../format.ts'
import { usePresence } from './usePresence.ts'

export function PresenceList({ awareness, youId }: { awareness: Awareness; youId: string }) {
  const people = usePresence(awareness, youId)
  const count = people.length
  return (
    <section className="presence" aria-label="People here now">
      <h2 className="visually-hidden">People here now</h2>
      <ul className="presence__list">
        {people.map((person) => (
          <li key={person.key} className="presence__person" title={person.isYou ? `${person.name} (you)` : person.name}>
            <span className="presence__avatar" style={{ backgroundColor: person.colour }} aria-hidden="true">
              {initials(person.name)}
            </span>
            <span className="presence__name">
              {person.name}
              {person.isYou && <span className="presence__you"> (You)</span>}
            </span>
            {/* On a tablet the whole name takes too much room; the first name tells two people apart whose
                initials are the same, without a tooltip a touch screen cannot show. */}
            <span className="presence__first" aria-hidden="true">{person.isYou ? 'You' : firstName(person.name)}</span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {count === 1 ? 'Only you are here.' : `${count} people are here.`}
      </p>
    </section>
  )
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name
}
