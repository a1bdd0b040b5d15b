/* Uplift's service worker: the app shell offline. Built by vite.config.ts (offlineShell), which fills in
 * the build's files and a version; served as /sw.js with Cache-Control: no-cache, so a new build is seen
 * on the next visit with a network.
 *
 * - Install: precache index.html and every built file. A new version takes over at once (skipWaiting), but
 *   the previous version's cache is kept, so a page still open on the old build can load its remaining
 *   chunks (the plan editor is loaded on demand) and does not break.
 * - Pages (navigations): network first, with a time limit; with no network, the cached index.html.
 * - Built files: cache first (their names carry a hash, so they never change).
 * - /api and /collab are never touched: plan data offline is the app's business (IndexedDB), not this cache's.
 */
const VERSION = '__UPLIFT_VERSION__'
const PRECACHE = __UPLIFT_PRECACHE__
const PREFIX = 'uplift-shell-'
const CACHE = `${PREFIX}${VERSION}`
const ORDER_KEY = '/__uplift-shell-order'
const NAVIGATION_TIMEOUT_MS = 4000

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE)
    await cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' })))
    await self.skipWaiting()
  })())
})

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Keep this version and the one before it; older shells go.
    const meta = await caches.open(`${PREFIX}meta`)
    const stored = await meta.match(ORDER_KEY)
    const order = stored ? await stored.json() : []
    const next = [...order.filter((name) => name !== CACHE), CACHE].slice(-2)
    await meta.put(ORDER_KEY, new Response(JSON.stringify(next)))
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== `${PREFIX}meta` && !next.includes(name)) await caches.delete(name)
    }
    await self.clients.claim()
  })())
})

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (url.pathname === '/api' || url.pathname.startsWith('/api/') || url.pathname.startsWith('/collab')) return
  if (url.pathname === '/sw.js') return
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request))
    return
  }
  event.respondWith(builtFile(request))
})

async function navigation(request) {
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS)
    return response
  } catch {
    const cache = await caches.open(CACHE)
    const shell = (await cache.match('/index.html')) ?? (await caches.match('/index.html'))
    if (shell) return shell
    return new Response('Uplift is offline and this device has no saved copy of the app yet.', {
      status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' },
    })
  }
}

async function builtFile(request) {
  // ignoreSearch: built files never take a query; any shell version that has the file will do.
  const cached = await caches.match(request, { ignoreSearch: true })
  if (cached) return cached
  return fetch(request)
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms)
    promise.then((value) => { clearTimeout(timer); resolve(value) }, (error) => { clearTimeout(timer); reject(error) })
  })
}
