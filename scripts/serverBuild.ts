/**
 * The compiled server (dist/server/main.js, made by scripts/build-server.sh), for code that runs Uplift as
 * `npm start` does (the benchmark, the compiled-server test): it is built again when it is missing or older
 * than anything it is compiled from.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The compiled entry point: `node dist/server/main.js`. */
export const COMPILED_SERVER = join(ROOT, 'dist', 'server', 'main.js')

/** What the build reads: the sources (a folder's own time changes when a file is added or removed) and its settings. */
const INPUTS = ['server', 'shared', 'tsconfig.json', 'tsconfig.server.json', 'package-lock.json']

function newest(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((latest, entry) => Math.max(latest, newest(join(path, entry))), stat.mtimeMs)
}

export function serverBuildIsCurrent(): boolean {
  if (!existsSync(COMPILED_SERVER)) return false
  const built = statSync(COMPILED_SERVER).mtimeMs
  return INPUTS.map((input) => join(ROOT, input)).every((input) => !existsSync(input) || newest(input) <= built)
}

/** Builds the server when it is missing or stale; says whether it did. Build errors are thrown; the compiler's output goes to stderr. */
export function ensureServerBuilt(say: (line: string) => void = (line) => console.error(line)): boolean {
  if (serverBuildIsCurrent()) return false
  say(existsSync(COMPILED_SERVER) ? 'building the server: dist/server is older than its sources…' : 'building the server: dist/server is missing…')
  execFileSync('bash', [join(ROOT, 'scripts', 'build-server.sh')], { cwd: ROOT, stdio: ['ignore', 2, 2] })
  return true
}
