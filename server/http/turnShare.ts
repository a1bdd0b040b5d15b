/**
 * One socket's share of a turn of the event loop. libuv reads a socket up to 32 times 64 KB in one go, and
 * each part is handled as it is read: a client sending thousands of changes back to back (a long catch-up,
 * a script) held the loop for a second at a time, and a person opening a plan meanwhile waited for it (bench
 * scenario 4: 1.25 s before the server even read their request). Past TURN_SHARE_MS of work in a turn the
 * socket is paused until the loop's next round (setImmediate), so that other sockets are read in between;
 * what it sent waits in the socket, in order.
 */
export const TURN_SHARE_MS = 10

export class TurnShare {
  private used = 0
  private paused = false
  private windowStart = 0

  constructor(private readonly ws: { pause(): void; resume(): void }) {}

  spent(ms: number): void {
    const now = performance.now()
    // Work more than a share ago belongs to an earlier turn.
    if (now - this.windowStart > TURN_SHARE_MS * 5) {
      this.windowStart = now
      this.used = 0
    }
    this.used += ms
    if (this.used < TURN_SHARE_MS || this.paused) return
    this.paused = true
    this.ws.pause()
    setImmediate(() => {
      this.paused = false
      this.used = 0
      this.windowStart = performance.now()
      this.ws.resume()
    })
  }
}
