// The coordinator's side of the client workers: forks them (Node running tsx) and sends them commands.
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { stopChild, track } from '../children.ts'
import { ROOT } from '../servers/spawn.ts'
import type { Command, Reply } from './protocol.ts'

const ENTRY = fileURLToPath(new URL('./client.ts', import.meta.url))

export class Worker {
  private nextId = 1
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  readonly ready: Promise<void>

  constructor(readonly child: ChildProcess, readonly index: number) {
    let markReady!: () => void
    this.ready = new Promise((resolve) => { markReady = resolve })
    child.on('message', (reply: Reply) => {
      if (reply.id === 0) return markReady()
      const waiter = this.waiting.get(reply.id)
      if (!waiter) return
      this.waiting.delete(reply.id)
      if (reply.ok) waiter.resolve(reply.result)
      else waiter.reject(new Error(`worker ${index}: ${reply.error}`))
    })
    child.once('exit', (code, signal) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`worker ${index} exited (${code ?? signal})`))
      this.waiting.clear()
    })
  }

  /** Ends a worker at once (one stuck in work that will not finish in time). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL')
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  send<T>(command: Command, timeoutMs = 300_000): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id)
        reject(new Error(`worker ${this.index}: ${command.cmd} took more than ${timeoutMs} ms`))
      }, timeoutMs)
      this.waiting.set(id, {
        resolve: (value) => { clearTimeout(timer); resolve(value as T) },
        reject: (error) => { clearTimeout(timer); reject(error) },
      })
      this.child.send({ ...command, id })
    })
  }
}

export class WorkerPool {
  private constructor(readonly workers: Worker[]) {}

  static async start(count: number): Promise<WorkerPool> {
    const workers = Array.from({ length: count }, (_, index) => new Worker(track(fork(ENTRY, [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, NODE_ENV: 'production' },
    })), index))
    await Promise.all(workers.map((worker) => worker.ready))
    return new WorkerPool(workers)
  }

  get size(): number {
    return this.workers.length
  }

  /** Sends a command to every worker (or one built per worker) and waits for all replies. */
  all<T>(command: Command | ((worker: Worker) => Command), timeoutMs?: number): Promise<T[]> {
    return Promise.all(this.workers.map((worker) => worker.send<T>(typeof command === 'function' ? command(worker) : command, timeoutMs)))
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.workers.filter((worker) => worker.alive).map((worker) => worker.send({ cmd: 'close' }, 20_000).catch(() => undefined)))
    await Promise.all(this.workers.map((worker) => stopChild(worker.child, 3_000)))
  }
}
