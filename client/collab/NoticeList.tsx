import type { NoticeKind } from '../../shared/protocol.ts'
import type { NoticeEntry } from './session.ts'

/**
 * Notices that need the person's attention now (what they type is not being kept): announced at once,
 * interrupting. The others (their access changed, saving works again, the plan was restored) wait for a pause.
 */
const URGENT: ReadonlySet<NoticeKind> = new Set<NoticeKind>(['write-refused', 'storage-failed'])

const STYLE: Partial<Record<NoticeKind, string>> = {
  'storage-recovered': 'message--success',
  'role-changed': 'message--info',
}

/** The server's notices about this plan, announced as they arrive (in two live regions, see URGENT). */
export function NoticeList({ notices, onDismiss }: { notices: NoticeEntry[]; onDismiss(id: number): void }) {
  const item = (notice: NoticeEntry) => (
    <div key={notice.id} className={`message ${STYLE[notice.kind] ?? 'message--warning'}`}>
      <p>{notice.message}</p>
      <button type="button" className="button button--quiet" onClick={() => onDismiss(notice.id)}>
        Dismiss<span className="visually-hidden"> this message</span>
      </button>
    </div>
  )
  return (
    <div className="notices">
      <div aria-live="assertive" aria-relevant="additions text">
        {notices.filter((notice) => URGENT.has(notice.kind)).map(item)}
      </div>
      <div aria-live="polite" aria-relevant="additions text">
        {notices.filter((notice) => !URGENT.has(notice.kind)).map(item)}
      </div>
    </div>
  )
}
