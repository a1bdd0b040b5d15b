// `npm start`: reads the configuration, starts the server, and stops it cleanly on SIGTERM or SIGINT.
import { describeConfig, loadConfig } from './config.ts'
import { createLogger } from './log.ts'
import { startServer } from './server.ts'

// Data files (plans, metadata) are readable by the server's user only.
process.umask(0o077)
const log = createLogger()

try {
  const config = loadConfig()
  console.log(`Uplift is starting with:\n${describeConfig(config)}`)
  const server = await startServer(config, log)
  console.log(`Uplift is ready at ${server.url}`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`Uplift is stopping (${signal}): saving every plan…`)
    server.close().then(() => process.exit(0), (error: Error) => {
      log.error('shutdown failed', { error: error.message })
      process.exit(1)
    })
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
} catch (error) {
  console.error(`Uplift could not start: ${(error as Error).message}`)
  process.exit(1)
}
