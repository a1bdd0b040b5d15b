import { useAuth } from '../auth.tsx'
import { Link } from '../router.tsx'

/** The connection has ended for good: say why, prominently, and what to do next. */
export function StoppedBanner({ reason, signedOut, keptChanges = false }: { reason: string; signedOut: boolean; keptChanges?: boolean }) {
  const { setUser } = useAuth()
  return (
    <div className="message message--error stopped-banner" role="alert">
      <h2>{reason}</h2>
      {signedOut ? (
        <p>
          {keptChanges
            ? 'Changes not yet sent are kept on this device and are sent when you sign in again as yourself.'
            : 'Changes made on this page are no longer being sent.'}{' '}
          {/* Clearing the person sends them to sign in, with this plan as the place to come back to. */}
          <button type="button" className="button button--primary" onClick={() => setUser(null)}>Sign in again</button>
        </p>
      ) : (
        <p>
          The plan has stopped updating on this page. <Link href="/">Back to your plans</Link>
        </p>
      )}
    </div>
  )
}
