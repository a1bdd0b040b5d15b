import type { NoticeEntry } from './session.ts'

/** The server's notices about this plan, announced as they arrive. */
export function NoticeList({ notices, onDismiss }: { notices: NoticeEntry[]; onDismiss(id: number): void }) {
  return (
    <div className="notices" aria-live="assertive" aria-relevant="additions text">
      {notices.map((notice) => (
        <div key={notice.id} className={`message ${notice.kind === 'storage-recovered' ? 'message--success' : 'message--warning'}`}>
          <p>{notice.message}</p>
          <button type="button" className="button button--quiet" onClick={() => onDismiss(notice.id)}>
            Dismiss<span className="visually-hidden"> this message</span>
          </button>
        </div>
      ))}
    </div>
  )
}
