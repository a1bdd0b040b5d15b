// Reads a process's CPU time and memory from /proc (Linux), so each server is measured from outside.
import { readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs'

const TICKS_PER_SECOND = 100 // getconf CLK_TCK on Linux

/** User + system CPU time of a process, in milliseconds (10 ms resolution). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return ((utime + stime) * 1000) / TICKS_PER_SECOND
}

function statusField(pid: number, name: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)
  return match ? Number(match[1]) * 1024 : 0
}

/** Resident memory now, in bytes. */
export function rssBytes(pid: number): number {
  return statusField(pid, 'VmRSS')
}

/** Peak resident memory (VmHWM) since start or since the last `resetPeakRss`, in bytes. */
export function peakRssBytes(pid: number): number {
  return statusField(pid, 'VmHWM')
}

/** Resets VmHWM to the current RSS (Linux clear_refs "5"); false when the kernel refuses. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}

/**
 * A process's open file descriptors (the entries of /proc/PID/fd), counted by kind: "socket", "pipe",
 * "anon_inode:[eventpoll]" and the like, or "file NAME" for paths (the file's name without its folder).
 */
export function openFds(pid: number): Map<string, number> {
  const kinds = new Map<string, number>()
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let kind: string
    try {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`)
      kind = link.startsWith('/') ? `file ${link.slice(link.lastIndexOf('/') + 1)}` : link.replace(/:\[\d+\]$/, '')
    } catch {
      continue // Closed while we looked.
    }
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
  }
  return kinds
}

/** A process and all its descendants (an export may start helper processes). */
export function processTree(pid: number): number[] {
  const all = [pid]
  for (let i = 0; i < all.length; i++) {
    let children: string[] = []
    try {
      for (const task of readdirSync(`/proc/${all[i]}/task`)) {
        children = children.concat(readFileSync(`/proc/${all[i]}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean))
      }
    } catch {
      // The process ended while we looked.
    }
    all.push(...children.map(Number))
  }
  return all
}

/** Sum of the RSS of a process and its descendants, in bytes. */
export function treeRssBytes(pid: number): number {
  let total = 0
  for (const member of processTree(pid)) {
    try {
      total += rssBytes(member)
    } catch {
      // Gone.
    }
  }
  return total
}

/** CPU time the whole machine spent busy (not idle, not waiting for I/O), in milliseconds. */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
  return ((user + nice + system + irq + softirq + steal) * 1000) / TICKS_PER_SECOND
}

/**
 * Measures how much CPU processes other than the bench's own (server, workers, this process) used over
 * a stretch of time: on a shared machine, other work inflates latencies and this says by how much.
 */
export class Contention {
  private readonly machineStart = machineBusyMs()
  private readonly ownStart: number
  private readonly startedAt = Date.now()

  constructor(private readonly pids: number[]) {
    this.ownStart = this.ownMs()
  }

  private ownMs(): number {
    let total = 0
    for (const pid of [process.pid, ...this.pids]) {
      try {
        total += cpuMs(pid)
      } catch {
        // Gone.
      }
    }
    return total
  }

  /** Cores used, on average, by everything / by the bench's processes / by everything else. */
  stop(): { machineCores: number; benchCores: number; otherCores: number } {
    const ms = Date.now() - this.startedAt
    const machine = (machineBusyMs() - this.machineStart) / ms
    const bench = (this.ownMs() - this.ownStart) / ms
    return { machineCores: machine, benchCores: bench, otherCores: Math.max(0, machine - bench) }
  }
}
