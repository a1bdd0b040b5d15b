import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { User } from '../shared/api.ts'
import { api, ApiRequestError, onUnauthorised } from './api.ts'

interface AuthState {
  /** undefined while the first check is in flight. */
  user: User | null | undefined
  setUser(user: User | null): void
  signOut(): Promise<void>
}

const AuthContext = createContext<AuthState | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined)
  const [checkFailed, setCheckFailed] = useState<string | null>(null)

  const check = useCallback(() => {
    setCheckFailed(null)
    api.me().then(
      ({ user }) => setUser(user),
      (error: unknown) => {
        if (error instanceof ApiRequestError && error.status === 401) setUser(null)
        else setCheckFailed(error instanceof ApiRequestError ? error.message : 'Uplift could not be reached.')
      },
    )
  }, [])

  useEffect(check, [check])
  useEffect(() => onUnauthorised(() => setUser(null)), [])

  const signOut = useCallback(async () => {
    try {
      await api.signOut()
    } finally {
      setUser(null)
    }
  }, [])

  const value = useMemo(() => ({ user, setUser, signOut }), [user, signOut])

  if (checkFailed) {
    return (
      <main className="page page--narrow" id="main">
        <h1>Uplift is not available</h1>
        <p role="alert">{checkFailed}</p>
        <button type="button" className="button" onClick={check}>Try again</button>
      </main>
    )
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext)
  if (!state) throw new Error('useAuth must be used inside AuthProvider')
  return state
}

/** The signed-in person, for pages that are only rendered once someone is signed in. */
export function useUser(): User {
  const { user } = useAuth()
  if (!user) throw new Error('useUser needs a signed-in person')
  return user
}
