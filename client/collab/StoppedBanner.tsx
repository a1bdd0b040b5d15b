import { useAuth } from '../auth.tsx'
import { Link } from '../router.tsx'

/** The connection has ended for good: say why, prominently, and what to do next. */
export function StoppedBanner({ reason, signedOut }: { reason: string; signedOut: boolean }) {
  const { setUser } = useAuth()
  return (
    <div className="message message--error stopped-banner" role="alert">
      <h2>{reason}</h2>
      {signedOut ? (
        <p>
          Changes made on this page are no longer being sent.{' '}
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
