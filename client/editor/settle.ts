/**
 * Work that follows the plan's changes but need not follow every keystroke: it runs once changes pause for
 * QUIET_MS, and at least every MAX_WAIT_MS while they go on. With the caret in the editor, every React
 * commit walks the editor's whole DOM (React saves the selection around each commit), so in a long plan a
 * commit per keystroke was most of the cost of typing: about 30 ms a key in a plan of 150 blocks.
 */
export const QUIET_MS = 300
export const MAX_WAIT_MS = 1000

export interface Settler {
  /** Something changed: run later. */
  changed(): void
  /** Forget a run that is due. */
  cancel(): void
}

export function settler(run: () => void, quietMs = QUIET_MS, maxWaitMs = MAX_WAIT_MS): Settler {
  let timer: ReturnType<typeof setTimeout> | null = null
  /** When the first change not yet handled came (performance.now()), or null when none is waiting. */
  let since: number | null = null
  const fire = () => {
    timer = null
    since = null
    run()
  }
  return {
    changed() {
      const now = performance.now()
      since ??= now
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(fire, Math.max(0, Math.min(quietMs, since + maxWaitMs - now)))
    },
    cancel() {
      if (timer !== null) clearTimeout(timer)
      timer = null
      since = null
    },
  }
}
