import type { WebsocketProvider } from 'y-websocket'

/**
 * Announces this page's presence with a new clock on every connection. When a connection closes, the server
 * and the others drop the person's presence but keep its clock, and take a state with that same clock for an
 * echo of what they dropped. The state is often the same when the page comes back: typing at the end of a
 * paragraph leaves the caret's position as it was. The person then stayed missing from the others' "People
 * here now", their caret unseen, until Yjs renewed the state, up to 15 s later.
 */
export function reannounceOnConnecting(provider: WebsocketProvider): void {
  provider.on('status', ({ status }: { status: string }) => {
    const state = provider.awareness.getLocalState()
    if (status === 'connected' && state !== null) provider.awareness.setLocalState(state)
  })
}
