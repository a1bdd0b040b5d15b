/**
 * A small router on the history API: the app has six routes, which do not justify a dependency.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react'

export interface Location {
  pathname: string
  search: string
}

const listeners = new Set<() => void>()
let current: Location = read()
let navigated = false

function read(): Location {
  return { pathname: window.location.pathname, search: window.location.search }
}

function refresh(): void {
  const next = read()
  if (next.pathname === current.pathname && next.search === current.search) return
  current = next
  navigated = true
  for (const listener of listeners) listener()
}

window.addEventListener('popstate', refresh)

/**
 * Goes to `to` in a new history entry, or in place of this one (`replace`). `state` is kept with the entry
 * (also across a reload) and read back with `historyState()`.
 */
export function navigate(to: string, options: { replace?: boolean; state?: unknown } = {}): void {
  if (options.replace) window.history.replaceState(options.state ?? null, '', to)
  else window.history.pushState(options.state ?? null, '', to)
  refresh()
}

/** The browser's Back: the location changes when its popstate arrives. */
export function goBack(): void {
  window.history.back()
}

/** What `navigate` kept with the current history entry (null for an entry it did not make). */
export function historyState(): unknown {
  return window.history.state
}

export function useLocation(): Location {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => current,
  )
}

/** Whether the page has changed inside the app since it loaded (not a full page load). */
export function hasNavigated(): boolean {
  return navigated
}

export type Route =
  | { name: 'signin' }
  | { name: 'register' }
  | { name: 'plans' }
  | { name: 'plan'; planId: string }
  | { name: 'invite'; token: string }
  | { name: 'account' }
  | { name: 'notFound' }

export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  if (path === '/') return { name: 'plans' }
  if (path === '/signin') return { name: 'signin' }
  if (path === '/register') return { name: 'register' }
  if (path === '/account') return { name: 'account' }
  const plan = /^\/plans\/([^/]+)$/.exec(path)
  if (plan) return { name: 'plan', planId: decodeURIComponent(plan[1]) }
  const invite = /^\/invite\/([^/]+)$/.exec(path)
  if (invite) return { name: 'invite', token: decodeURIComponent(invite[1]) }
  return { name: 'notFound' }
}

/** Where to go after signing in: only a path on this site, never another origin. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next')
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  return next
}

export function signInPathFor(path: string): string {
  return path === '/' ? '/signin' : `/signin?next=${encodeURIComponent(path)}`
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }

export function Link({ href, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    if (event.defaultPrevented || event.button !== 0) return
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    if (rest.target && rest.target !== '_self') return
    event.preventDefault()
    navigate(href)
  }
  const location = useLocation()
  const active = location.pathname === href.split('?')[0]
  return <a href={href} aria-current={active ? 'page' : undefined} onClick={handleClick} {...rest} />
}
