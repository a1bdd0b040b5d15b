import './zodConfig.ts'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import './styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('The page has no #root element.')

// The app shell offline (built into /sw.js; see client/offline/serviceWorker.js). Not in development,
// where Vite serves modules that must never be cached.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without it the app still works online; offline it cannot start from a closed tab.
    })
  })
}

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
