import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'

// The client lives in client/ and builds to dist/client, which the server serves. In development
// (`npm run dev`) Vite proxies the API and the collaboration socket to a server started with `npm run serve`.
const serverPort = Number(process.env.PORT ?? 3000)

/**
 * Emits /sw.js, the service worker that keeps the app shell offline (client/offline/serviceWorker.js),
 * with the list of every built file to precache and a version that changes whenever any of them does.
 */
function offlineShell(): Plugin {
  return {
    name: 'uplift-offline-shell',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => !name.endsWith('.map') && !name.startsWith('.vite/')).sort()
      const paths = [...new Set(['/index.html', ...files.map((name) => `/${name}`)])]
      const hash = createHash('sha256')
      for (const name of files) {
        const item = bundle[name]
        hash.update(name)
        hash.update(item.type === 'chunk' ? item.code : typeof item.source === 'string' ? item.source : Buffer.from(item.source))
      }
      const source = readFileSync(new URL('./client/offline/serviceWorker.js', import.meta.url), 'utf8')
        .replace("'__UPLIFT_VERSION__'", JSON.stringify(hash.digest('hex').slice(0, 16)))
        .replace('__UPLIFT_PRECACHE__', JSON.stringify(paths))
      this.emitFile({ type: 'asset', fileName: 'sw.js', source })
    },
  }
}

export default defineConfig({
  root: 'client',
  plugins: [react(), offlineShell()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      // Keys starting with ^ are regular expressions: a plain '/api' prefix would also catch the client's
      // own module /api.ts.
      '^/api/': { target: `http://127.0.0.1:${serverPort}` },
      '^/collab/[A-Za-z0-9_-]+(\\?|$)': { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
})
