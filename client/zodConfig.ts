import { z } from 'zod'

// The server's Content-Security-Policy forbids eval. Without this zod probes for it with `new Function`
// and the browser reports a violation. Imported first by main.tsx, before any schema is built.
z.config({ jitless: true })
