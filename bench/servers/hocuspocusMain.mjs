// Child process: Hocuspocus (current major), built-in server, no extensions, default configuration.
// Plain JavaScript, run with plain `node`, as people run it (no TypeScript loader in the process).
import { Server } from '@hocuspocus/server'

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: true })
await server.listen()
console.log(`hocuspocus listening on 127.0.0.1:${server.address.port}`)
