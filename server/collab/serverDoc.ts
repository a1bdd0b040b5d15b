import * as Y from 'yjs'

/**
 * A Y.Doc for the server's own use: a plan in memory, a scratch copy, a document to render.
 *
 * Yjs names each new document with a random UUID unless given a guid, and lib0 makes it from 31 separate
 * calls to `crypto.getRandomValues`. A guid only tells subdocuments apart; plans have none, and nothing on
 * the server reads it, so the server's documents share one. (When 5,000 people opened 1,000 plans in bench
 * scenario 3, those UUIDs were about 6 % of the server's busy time.) The client id that a document writes
 * with is still random, one call.
 */
export function serverDoc(options: { gc: boolean } = { gc: true }): Y.Doc {
  return new Y.Doc({ gc: options.gc, guid: 'uplift-plan' })
}
