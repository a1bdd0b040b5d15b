import type { ReactNode } from 'react'

/** Says plainly that what is on screen comes from this device, not from Uplift's server. */
export function OfflineNotice({ children }: { children: ReactNode }) {
  return (
    <div className="message message--warning offline-notice" role="status">
      <p>
        <strong>Offline.</strong> {children}
      </p>
    </div>
  )
}
