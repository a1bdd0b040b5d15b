import { lazy, Suspense, useEffect } from 'react'
import { AuthProvider, useAuth } from './auth.tsx'
import { Header } from './components/Header.tsx'
import { AccountPage } from './pages/AccountPage.tsx'
import { InvitePage } from './pages/InvitePage.tsx'
import { NotFoundPage } from './pages/NotFoundPage.tsx'
import { PlansPage } from './pages/PlansPage.tsx'
import { RegisterPage } from './pages/RegisterPage.tsx'
import { SignInPage } from './pages/SignInPage.tsx'
import { matchRoute, navigate, safeNext, signInPathFor, useLocation, type Route } from './router.tsx'

// The editor and Yjs are most of the code: only the plan page needs them.
const PlanPage = lazy(() => import('./pages/PlanPage.tsx').then((module) => ({ default: module.PlanPage })))

export function App() {
  return (
    <AuthProvider>
      <a className="skip-link" href="#main">Skip to main content</a>
      <Header />
      <Routes />
    </AuthProvider>
  )
}

const PUBLIC_ROUTES = new Set<Route['name']>(['signin', 'register'])

function Routes() {
  const { user } = useAuth()
  const location = useLocation()
  const route = matchRoute(location.pathname)
  const isPublic = PUBLIC_ROUTES.has(route.name)
  const path = location.pathname + location.search

  useEffect(() => {
    if (user === undefined) return
    // Signed out: go to sign in, remembering where the person was going (an invitation link, say).
    if (!user && !isPublic && route.name !== 'notFound') navigate(signInPathFor(path), { replace: true })
    if (user && isPublic) navigate(safeNext(location.search), { replace: true })
  }, [user, isPublic, route.name, path, location.search])

  if (user === undefined || (!user && !isPublic && route.name !== 'notFound') || (user && isPublic)) {
    return (
      <main id="main" className="page" tabIndex={-1}>
        <p className="loading" role="status">Loading…</p>
      </main>
    )
  }

  return (
    <main id="main" className={route.name === 'plan' ? 'page page--wide' : 'page'} tabIndex={-1}>
      <Suspense fallback={<p className="loading" role="status">Loading…</p>}>
        <Page route={route} />
      </Suspense>
    </main>
  )
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'signin':
      return <SignInPage />
    case 'register':
      return <RegisterPage />
    case 'plans':
      return <PlansPage />
    case 'plan':
      return <PlanPage key={route.planId} planId={route.planId} />
    case 'invite':
      return <InvitePage key={route.token} token={route.token} />
    case 'account':
      return <AccountPage />
    case 'notFound':
      return <NotFoundPage />
  }
}
