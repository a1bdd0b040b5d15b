/**
 * Child process: the floor. A WebSocket relay that forwards every frame, undecoded, to everyone else in
 * the same room (the URL path). It keeps no document, so a client syncs from the other clients.
 *
 * One concession so that the first client of a room counts as synced (nobody else is there to answer
 * its sync step 1): on joining an empty room the relay sends a fixed, precomputed frame, y-protocols'
 * sync step 2 carrying the empty update [0, 0]. It never reads what clients send.
 */
import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'

const EMPTY_SYNC_STEP2 = Uint8Array.from([0, 1, 2, 0, 0])
/** @type {Map<string, Set<import('ws').WebSocket>>} */
const rooms = new Map()
const http = createServer((_req, res) => res.end('relay'))
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })

http.on('upgrade', (req, socket, head) => {
  const room = (req.url ?? '/').split('?')[0]
  wss.handleUpgrade(req, socket, head, (ws) => {
    let peers = rooms.get(room)
    if (!peers) rooms.set(room, (peers = new Set()))
    if (peers.size === 0) ws.send(EMPTY_SYNC_STEP2)
    peers.add(ws)
    ws.on('message', (data, isBinary) => {
      for (const peer of peers) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data, { binary: isBinary })
    })
    ws.on('close', () => {
      peers.delete(ws)
      if (peers.size === 0) rooms.delete(room)
    })
    ws.on('error', () => ws.terminate())
  })
})

http.listen(0, '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (http.address())
  console.log(`relay listening on 127.0.0.1:${port}`)
})
process.on('SIGTERM', () => process.exit(0))
