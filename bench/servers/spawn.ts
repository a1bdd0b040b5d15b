// Starts a server as its own process on 127.0.0.1 and waits for the line that says where it listens.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { stopChild, track } from '../children.ts'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** BENCH_PEER_NODE_FLAGS="--trace-gc": node flags for the peers' processes (diagnostics, as for Uplift's). */
export function peerNodeFlags(): string[] {
  return (process.env.BENCH_PEER_NODE_FLAGS ?? '').split(' ').filter(Boolean)
}

export interface Spawned {
  child: ChildProcess
  pid: number
  port: number
  output(): string
  /** Warnings and errors the server logged (JSON lines), counted by message. */
  logSummary(): string[]
  stop(): Promise<void>
}

export async function spawnListening(args: string[], env: Record<string, string>, ready: RegExp, timeoutMs = 60_000): Promise<Spawned> {
  const child = track(spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }))
  let output = ''
  let partial = ''
  const counts = new Map<string, number>()
  const countLines = (text: string) => {
    const lines = (partial + text).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      if (!line.startsWith('{')) continue
      try {
        const { level, message } = JSON.parse(line) as { level?: string; message?: string }
        if (level === 'warn' || level === 'error') counts.set(`${level} "${message}"`, (counts.get(`${level} "${message}"`) ?? 0) + 1)
      } catch {
        // Not a log line.
      }
    }
  }
  // BENCH_SERVER_OUTPUT=1 shows what servers print (diagnostics).
  const echo = process.env.BENCH_SERVER_OUTPUT === '1'
  const append = (chunk: Buffer) => {
    if (echo) process.stderr.write(chunk)
    countLines(chunk.toString())
    output += chunk.toString()
    // Keep only the tail: a server that logs every refused frame must not fill the bench's memory.
    if (output.length > 200_000) output = output.slice(-100_000)
  }
  child.stdout!.on('data', append)
  child.stderr!.on('data', append)
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs)
    const check = () => {
      const match = ready.exec(output)
      if (match) {
        clearTimeout(timer)
        child.stdout!.off('data', check)
        resolve(Number(match[1]))
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${output}`))
    })
  })
  return {
    child, port, pid: child.pid!,
    output: () => output,
    logSummary: () => [...counts].sort((a, b) => b[1] - a[1]).map(([what, count]) => `server logged ${count.toLocaleString('en-GB')} × ${what}`),
    stop: () => stopChild(child),
  }
}
