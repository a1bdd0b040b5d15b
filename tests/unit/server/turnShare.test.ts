// A socket that keeps the server busy is paused until the event loop's next round, then resumed.
import { describe, expect, it } from 'vitest'
import { TURN_SHARE_MS, TurnShare } from '../../../server/http/turnShare.ts'

function socket() {
  const calls: string[] = []
  return { calls, pause: () => calls.push('pause'), resume: () => calls.push('resume') }
}

const nextRound = () => new Promise((resolve) => setImmediate(resolve))

describe('a socket\'s share of a turn', () => {
  it('leaves a socket alone while its work stays under the share', async () => {
    const ws = socket()
    const share = new TurnShare(ws)
    share.spent(TURN_SHARE_MS / 4)
    share.spent(TURN_SHARE_MS / 4)
    await nextRound()
    expect(ws.calls).toEqual([])
  })

  it('pauses it once past the share, and resumes it in the next round with a fresh share', async () => {
    const ws = socket()
    const share = new TurnShare(ws)
    share.spent(TURN_SHARE_MS / 2)
    share.spent(TURN_SHARE_MS / 2)
    // Messages already read still arrive while paused: they do not pause it again.
    share.spent(TURN_SHARE_MS)
    expect(ws.calls).toEqual(['pause'])
    await nextRound()
    expect(ws.calls).toEqual(['pause', 'resume'])
    share.spent(TURN_SHARE_MS / 2)
    expect(ws.calls).toEqual(['pause', 'resume'])
  })
})
