/** Small status words shown on blocks: RAG, action status, overdue. Colour is never the only signal. */
import { ACTION_STATUS_LABELS, RAG_LABELS, type ActionStatus, type Rag } from '../../../shared/plan/vocabulary.ts'
import type { LinkTarget } from './planContext.tsx'

export function RagBadge({ rag, manual }: { rag: Rag | null; manual: boolean }) {
  if (!rag) return <span className="pill pill--none">No status yet</span>
  return (
    <span className={`pill pill--rag pill--${rag}`}>
      <span className="pill__dot" aria-hidden="true" />
      {RAG_LABELS[rag]}{manual ? ' (set by hand)' : ''}
    </span>
  )
}

export function StatusBadge({ status }: { status: ActionStatus }) {
  return <span className={`pill pill--status pill--${status}`}>{ACTION_STATUS_LABELS[status]}</span>
}

export function OverdueBadge() {
  return <span className="pill pill--overdue">Overdue</span>
}

/** Blocks that link here, as buttons that jump to them. */
export function BackLinks({ label, noun, links, onJump }: { label: string; noun: string; links: LinkTarget[]; onJump(id: string): void }) {
  if (links.length === 0) return null
  return (
    <div className="back-links">
      <span className="back-links__label">{label}:</span>
      <ul className="link-list">
        {links.map((link) => (
          <li key={link.id} className="link-list__item">
            <button type="button" className="link-chip" onClick={() => onJump(link.id)}>
              <span aria-hidden="true" className="link-chip__arrow">↗</span>
              <span className="visually-hidden">Go to {noun}: </span>{link.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
