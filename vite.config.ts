import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// The client lives in client/ and builds to dist/client, which the server serves. In development
// (`npm run dev`) Vite proxies the API and the collaboration socket to a server started with `npm run serve`.
const serverPort = Number(process.env.PORT ?? 3000)

export default defineConfig({
  root: 'client',
  plugins: [react()],
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
