import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { User } from '../shared/api.ts'
import { api, ApiRequestError, onUnauthorised } from './api.ts'
import {
  cachedUser, clearSignOutPending, forgetEveryoneBut, forgetPerson, markSignOutPending, planHasUnsentChanges, rememberUser, signOutPending,
} from './offline/keptPlans.ts'

interface AuthState {
  /** undefined while the first check is in flight. */
  user: User | null | undefined
  /** True when the person was taken from this browser's memory because Uplift could not be reached. */
  offline: boolean
  setUser(user: User | null): void
  signOut(): Promise<void>
}

const AuthContext = createContext<AuthState | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<User | null | undefined>(undefined)
  const [offline, setOffline] = useState(false)
  const [checkFailed, setCheckFailed] = useState<string | null>(null)
  const current = useRef<User | null | undefined>(undefined)

  const setUser = useCallback((next: User | null) => {
    const previous = current.current
    current.current = next
    if (next) {
      rememberUser(next)
      // A shared computer: nothing another person kept here stays once someone else signs in.
      void forgetEveryoneBut(next.id)
    } else if (previous) {
      // Signed out elsewhere or the session ended: remove the plans kept here, except any holding changes
      // the server never stored, so the same person can sign back in and send them (or copy them out).
      void forgetPerson(previous.id, { keep: (planId) => planHasUnsentChanges(previous.id, planId) })
    }
    setUserState(next)
  }, [])

  const check = useCallback((quiet = false) => {
    if (!quiet) setCheckFailed(null)
    const pending = signOutPending()
    ;(pending ? api.signOut().then(() => clearSignOutPending()).then(() => api.me()) : api.me()).then(
      ({ user }) => {
        setOffline(false)
        setUser(user)
      },
      (error: unknown) => {
        if (error instanceof ApiRequestError && error.status === 401) {
          if (pending) clearSignOutPending()
          setOffline(false)
          setUser(null)
          return
        }
        // No network: carry on as the person last signed in here, with the plans kept on this device.
        const remembered = error instanceof ApiRequestError && error.status === 0 && !pending ? cachedUser() : null
        if (remembered) {
          setOffline(true)
          if (current.current === undefined) {
            current.current = remembered
            setUserState(remembered)
          }
        } else if (pending && error instanceof ApiRequestError && error.status === 0) {
          setUserState(null)
        } else if (!quiet) {
          setCheckFailed(error instanceof ApiRequestError ? error.message : 'Uplift could not be reached.')
        }
      },
    )
  }, [setUser])

  useEffect(() => check(), [check])
  useEffect(() => onUnauthorised(() => setUser(null)), [setUser])
  useEffect(() => {
    if (!offline) return
    // Back online: confirm the sign-in with the server (it may have ended while away).
    const recheck = () => check(true)
    window.addEventListener('online', recheck)
    return () => window.removeEventListener('online', recheck)
  }, [offline, check])

  const signOut = useCallback(async () => {
    const person = current.current
    try {
      await api.signOut()
    } catch (error) {
      // Offline: the server's session ends at the next visit with a network.
      if (error instanceof ApiRequestError && error.status === 0) markSignOutPending()
    } finally {
      current.current = null
      setUserState(null)
      setOffline(false)
      // After the page has let go of its plan (an open database only delays the deletion).
      if (person) await forgetPerson(person.id)
    }
  }, [])

  const value = useMemo(() => ({ user, offline, setUser, signOut }), [user, offline, setUser, signOut])

  if (checkFailed) {
    return (
      <main className="page page--narrow" id="main">
        <h1>Uplift is not available</h1>
        <p role="alert">{checkFailed}</p>
        <button type="button" className="button" onClick={() => check()}>Try again</button>
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
