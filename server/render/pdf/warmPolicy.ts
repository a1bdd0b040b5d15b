/**
 * When the server warms a PDF thread (PdfWorkerPool.warm): while someone is editing a long plan.
 *
 * What a warm thread buys and costs, measured on a 2-core server running the compiled code, with nothing
 * else to do: a cold thread adds 0.25 to 0.35 s to any export, whatever its length. A plan made from a
 * template exports in 0.35 s instead of 0.12 s; a 20-page plan in 0.7 s instead of 0.37 s; a 40-page plan in
 * 0.8 to 0.95 s instead of 0.55 to 0.65 s, over a second once the machine has other work. A warm idle thread
 * costs 55 to 70 MB of the server's resident memory just after its warm-up, about 40 MB once V8 has trimmed
 * its heap (10 to 20 s later), against 70 to 105 MB for the whole server without one.
 *
 * So memory is spent where the difference shows. Not at start-up: that would add the thread to every server,
 * used or not, for the first export after a restart only. Not for every plan being edited: most plans are
 * short, their exports quick from a cold thread, and a server in use would then hold a thread for good. When
 * a long plan (LONG_PLAN_CHARACTERS of text, about 15 pages, or more) is being edited, the export that often
 * follows finds a thread ready; the pool lets it go some minutes after the last such edit (its `idleMs`).
 */
import * as Y from 'yjs'

/** About 15 pages of text (the bench's 40-page plan has 139,000 characters; a template plan about 1,000). */
export const LONG_PLAN_CHARACTERS = 50_000

export interface PdfWarmPolicyOptions {
  /** The least text (in characters) that makes a plan long. */
  longPlanCharacters: number
  /** How long a plan's length is trusted before it is measured again (it is measured on an edit). */
  remeasureMs: number
}

export const DEFAULT_PDF_WARM_POLICY: PdfWarmPolicyOptions = { longPlanCharacters: LONG_PLAN_CHARACTERS, remeasureMs: 30_000 }

/** The characters of text in a plan's document: its XmlText lengths, added up without building a string. */
export function planTextLength(node: Y.XmlFragment | Y.XmlElement): number {
  let total = 0
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) total += child.length
    else if (child instanceof Y.XmlElement) total += planTextLength(child)
  }
  return total
}

export class PdfWarmPolicy {
  /** Plans measured lately: when, and whether they were long. */
  private readonly measured = new Map<string, { at: number; long: boolean }>()
  private readonly options: PdfWarmPolicyOptions

  constructor(
    private readonly pool: { warm(): Promise<boolean> },
    /** The plan's text length (planTextLength of its document); may reject (the plan is gone). */
    private readonly measure: (planId: string) => Promise<number>,
    options: Partial<PdfWarmPolicyOptions> = {},
  ) {
    this.options = { ...DEFAULT_PDF_WARM_POLICY, ...options }
  }

  /** A person's change to a plan was stored. Cheap: a plan is measured at most once per `remeasureMs`. */
  edited(planId: string): void {
    const now = Date.now()
    const known = this.measured.get(planId)
    if (known && now - known.at < this.options.remeasureMs) {
      if (known.long) void this.pool.warm()
      return
    }
    const entry = { at: now, long: known?.long ?? false }
    this.measured.set(planId, entry)
    if (this.measured.size > 1000) this.forgetOld(now)
    this.measure(planId).then((characters) => {
      entry.long = characters >= this.options.longPlanCharacters
      if (entry.long) void this.pool.warm()
    }, () => undefined)
  }

  private forgetOld(now: number): void {
    for (const [planId, entry] of this.measured) if (now - entry.at >= this.options.remeasureMs) this.measured.delete(planId)
  }
}
