// Runs the real server as a child process, to kill it with SIGKILL in crash tests: from its TypeScript sources
// through tsx, or compiled (dist/server, built first when missing or stale) as `npm start` runs it.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { COMPILED_SERVER, ensureServerBuilt } from '../../scripts/serverBuild.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

export interface ServerProcess {
  url: string
  /** The port it listens on, for a restart on the same data folder (`PORT`) where its clients reconnect. */
  port: string
  child: ChildProcess
  output: () => string
  kill(signal?: NodeJS.Signals): Promise<void>
}

export async function spawnServer(dataDir: string, env: Record<string, string> = {}, options: { compiled?: boolean } = {}): Promise<ServerProcess> {
  if (options.compiled) ensureServerBuilt()
  const child = spawn(process.execPath, options.compiled ? [COMPILED_SERVER] : ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SCRYPT_LOG2N: '14', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  // 'close' comes after 'exit' once stdout and stderr have ended: only then is all of the output in.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()))
  child.stdout!.on('data', (chunk) => { output += chunk })
  child.stderr!.on('data', (chunk) => { output += chunk })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000)
    const check = () => {
      const match = /ready at (http:\/\/\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${output}`))
    })
  })
  return {
    url, child,
    port: new URL(url).port,
    output: () => output,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      await closed
    },
  }
}
