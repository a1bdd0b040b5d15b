// Entry of the update-checking thread. Worker threads do not inherit the TypeScript loader the server runs
// under, so register it here before loading the worker itself.
import { register } from 'tsx/esm/api'

register()
await import('./worker.ts')
