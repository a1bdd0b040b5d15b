import type { WebsocketProvider } from 'y-websocket'

/**
 * Presence across a lost connection, both ways. When a connection closes, the server and the others drop
 * the person's presence but keep its clock, and take a state with that same clock for an echo of what they
 * dropped; this page does the same with everyone else's.
 *
 * - This page announces its presence with a new clock on every connection. The state is often the same
 *   when the page comes back: typing at the end of a paragraph leaves the caret's position as it was. The
 *   person then stayed missing from the others' "People here now", their caret unseen, until Yjs renewed
 *   the state, up to 15 s later.
 * - It forgets the clocks of the people it dropped, so that the states the server sends on connecting are
 *   taken as they are: someone who had not moved since stayed missing here for as long.
 */
export function reannounceOnConnecting(provider: WebsocketProvider): void {
  const { awareness } = provider
  provider.on('status', ({ status }: { status: string }) => {
    if (status !== 'connected') return
    for (const [clientId, meta] of awareness.meta) {
      // (Below any clock a state can have: a state's first clock is 0.)
      if (clientId !== awareness.clientID && !awareness.states.has(clientId)) awareness.meta.set(clientId, { ...meta, clock: -1 })
    }
    const state = awareness.getLocalState()
    if (state !== null) awareness.setLocalState(state)
  })
}
