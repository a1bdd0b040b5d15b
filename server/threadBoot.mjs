// Entry of a worker thread when the server runs from its TypeScript sources (see threads.ts): registers the
// TypeScript loader in the thread, then loads the thread's own module.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
