import { useState } from 'react'
import { useAuth } from '../auth.tsx'
import { hasUnsentChanges } from '../offline/keptPlans.ts'
import { ConfirmDialog } from './ConfirmDialog.tsx'
import { Link, navigate, safeNext, useLocation } from '../router.tsx'
import { Button } from './Button.tsx'

export function Header() {
  const { user, signOut } = useAuth()
  const [busy, setBusy] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const location = useLocation()
  // Switching between sign in and register keeps the place the person was going (an invitation).
  const next = safeNext(location.search)
  const keepNext = next === '/' ? '' : `?next=${encodeURIComponent(next)}`

  const handleSignOut = async () => {
    // Signing out removes the plans kept on this device, including changes not yet sent: ask first.
    if (user && hasUnsentChanges(user.id) && !confirming) {
      setConfirming(true)
      return
    }
    setConfirming(false)
    setBusy(true)
    try {
      await signOut()
    } finally {
      setBusy(false)
      navigate('/signin')
    }
  }

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand">
          <span className="brand__mark" aria-hidden="true">U</span>
          <span className="brand__name">Uplift</span>
        </Link>
        {user ? (
          <>
            <nav aria-label="Main" className="site-nav">
              <Link href="/" className="site-nav__link">Plans</Link>
              <Link href="/account" className="site-nav__link">Account</Link>
            </nav>
            <div className="site-header__person">
              <span className="site-header__name">
                <span className="visually-hidden">Signed in as </span>
                {user.name}
              </span>
              <Button variant="quiet" busy={busy} busyLabel="Signing out…" onClick={handleSignOut}>Sign out</Button>
            </div>
          </>
        ) : (
          <nav aria-label="Main" className="site-nav site-nav--end">
            <Link href={`/signin${keepNext}`} className="site-nav__link">Sign in</Link>
            <Link href={`/register${keepNext}`} className="site-nav__link">Create an account</Link>
          </nav>
        )}
      </div>
      {confirming && (
        <ConfirmDialog
          title="Sign out and remove unsent changes?"
          confirmLabel="Sign out anyway"
          busyLabel="Signing out…"
          onConfirm={handleSignOut}
          onClose={() => setConfirming(false)}
        >
          <p>Some changes you made have not reached Uplift yet. Signing out removes the plans kept on this device, and those changes with them.</p>
          <p>To keep them, cancel, go back online and wait for “All changes saved”.</p>
        </ConfirmDialog>
      )}
    </header>
  )
}
