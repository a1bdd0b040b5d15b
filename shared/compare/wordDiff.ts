/**
 * A word-level diff of two texts: the longest common subsequence of their words (whitespace kept as its own
 * tokens, so the marked text reads exactly as written). Written here rather than taken from a package:
 * blocks of a plan are short (a paragraph, a field), so a plain LCS after trimming the common start and
 * end is quick, and a dozen lines avoid a dependency. Past MAX_CELLS the middle is shown as one deletion
 * and one insertion, which stays correct, only coarser.
 */

export type DiffOp = 'equal' | 'insert' | 'delete'

export interface DiffSegment {
  op: DiffOp
  text: string
}

/** Beyond this many LCS table cells the changed middle is reported whole. */
const MAX_CELLS = 4_000_000

export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? []
}

export function wordDiff(before: string, after: string): DiffSegment[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : []
  const a = tokenize(before)
  const b = tokenize(after)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB-- }

  const segments: DiffSegment[] = []
  const push = (op: DiffOp, text: string) => {
    if (!text) return
    const last = segments[segments.length - 1]
    if (last && last.op === op) last.text += text
    else segments.push({ op, text })
  }
  push('equal', a.slice(0, start).join(''))
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  if (midA.length * midB.length > MAX_CELLS) {
    push('delete', midA.join(''))
    push('insert', midB.join(''))
  } else {
    for (const [op, token] of lcsOps(midA, midB)) push(op, token)
  }
  push('equal', a.slice(endA).join(''))
  return order(segments)
}

function lcsOps(a: string[], b: string[]): [DiffOp, string][] {
  const n = a.length
  const m = b.length
  // lengths[i][j]: LCS of a[i..] and b[j..], in one flat array.
  const width = m + 1
  const lengths = new Uint32Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = a[i] === b[j]
        ? lengths[(i + 1) * width + j + 1] + 1
        : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
    }
  }
  const ops: [DiffOp, string][] = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (a[i] === b[j]) { ops.push(['equal', a[i]]); i++; j++ }
    else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) { ops.push(['delete', a[i]]); i++ }
    else { ops.push(['insert', b[j]]); j++ }
  }
  while (i < n) ops.push(['delete', a[i++]])
  while (j < m) ops.push(['insert', b[j++]])
  return ops
}

/**
 * Puts each deletion before the insertion that replaces it, and folds a lone space between two changes
 * into them, so "old words" → "new words" reads as one replacement rather than a patchwork.
 */
function order(segments: DiffSegment[]): DiffSegment[] {
  const result: DiffSegment[] = []
  for (let k = 0; k < segments.length; k++) {
    const segment = segments[k]
    const prev = result[result.length - 1]
    const next = segments[k + 1]
    if (segment.op === 'equal' && /^\s+$/.test(segment.text) && prev && prev.op !== 'equal' && next && next.op !== 'equal') {
      // "a b" → "c d" becomes delete "a b", insert "c d" rather than alternating around the space.
      addTo(result, 'delete', segment.text)
      addTo(result, 'insert', segment.text)
      continue
    }
    addTo(result, segment.op, segment.text)
  }
  // Within each run of changes, deletions first.
  const tidy: DiffSegment[] = []
  let run: DiffSegment[] = []
  const flush = () => {
    const deleted = run.filter((s) => s.op === 'delete').map((s) => s.text).join('')
    const inserted = run.filter((s) => s.op === 'insert').map((s) => s.text).join('')
    if (deleted) tidy.push({ op: 'delete', text: deleted })
    if (inserted) tidy.push({ op: 'insert', text: inserted })
    run = []
  }
  for (const segment of result) {
    if (segment.op === 'equal') { flush(); tidy.push(segment) } else run.push(segment)
  }
  flush()
  return tidy
}

function addTo(list: DiffSegment[], op: DiffOp, text: string): void {
  const last = list[list.length - 1]
  if (last && last.op === op) last.text += text
  else list.push({ op, text })
}
