/**
 * Reads a Yjs (V1) update from end to end without building it: every struct, its content and the delete
 * set are read with lib0's decoders as `Y.decodeUpdate` reads them (which is a little stricter than what
 * `Y.applyUpdate` tolerates, and what every other reader of stored updates uses), but no Item, ID or Doc is
 * made. Whatever Yjs could not read (truncated, garbled, an unknown content or type, bad JSON, a value
 * nested past the stack) fails here too; and clocks and lengths are bounds-checked on the way.
 *
 * It does for every keystroke what `Y.decodeUpdate` did at about a fifth of the cost: that one builds the
 * whole update as objects (a Y.Doc included) only for the check to throw them away. The property tests in
 * tests/unit/collab/scanUpdate.test.ts hold it to `Y.decodeUpdate`'s verdict on mangled updates.
 */
import * as decoding from 'lib0/decoding'

const BITS5 = 31
const BIT6 = 32
const BIT7 = 64
const BIT8 = 128

/** Content refs Yjs knows (info & 31): 1 deleted … 9 doc; 0 is GC and 10 Skip, read apart. */
const CONTENT_DELETED = 1
const CONTENT_JSON = 2
const CONTENT_BINARY = 3
const CONTENT_STRING = 4
const CONTENT_EMBED = 5
const CONTENT_FORMAT = 6
const CONTENT_TYPE = 7
const CONTENT_ANY = 8
const CONTENT_DOC = 9
const SKIP = 10
/** Type refs of ContentType: 3 (XmlElement) and 5 (XmlHook) carry a name; 0-6 exist. */
const TYPE_XML_ELEMENT = 3
const TYPE_XML_HOOK = 5
const TYPE_REFS = 7

export class UnreadableUpdate extends Error {}

/** Reads one item's content; returns its length in clock units (as Yjs's content.getLength()). */
function readContent(decoder: decoding.Decoder, ref: number): number {
  switch (ref) {
    case CONTENT_DELETED:
      return decoding.readVarUint(decoder)
    case CONTENT_JSON: {
      const count = decoding.readVarUint(decoder)
      for (let i = 0; i < count; i++) {
        const json = decoding.readVarString(decoder)
        if (json !== 'undefined') JSON.parse(json)
      }
      return count
    }
    case CONTENT_BINARY:
      decoding.readVarUint8Array(decoder)
      return 1
    case CONTENT_STRING:
      // Clock units are UTF-16 code units, as in Yjs.
      return decoding.readVarString(decoder).length
    case CONTENT_EMBED:
      JSON.parse(decoding.readVarString(decoder))
      return 1
    case CONTENT_FORMAT:
      decoding.readVarString(decoder)
      JSON.parse(decoding.readVarString(decoder))
      return 1
    case CONTENT_TYPE: {
      const type = decoding.readVarUint(decoder)
      if (type >= TYPE_REFS) throw new UnreadableUpdate(`unknown type ${type}`)
      if (type === TYPE_XML_ELEMENT || type === TYPE_XML_HOOK) decoding.readVarString(decoder)
      return 1
    }
    case CONTENT_ANY: {
      const count = decoding.readVarUint(decoder)
      for (let i = 0; i < count; i++) decoding.readAny(decoder)
      return count
    }
    case CONTENT_DOC:
      decoding.readVarString(decoder)
      decoding.readAny(decoder)
      return 1
    default:
      throw new UnreadableUpdate(`unknown content ${ref}`)
  }
}

/**
 * Reads the whole update; throws (UnreadableUpdate, or lib0's and JSON's own errors) where Yjs could not read
 * it, and UnreadableUpdate for a clock or length past `maxClock`.
 */
export function scanUpdate(update: Uint8Array, maxClock: number): void {
  const decoder = decoding.createDecoder(update)
  const clients = decoding.readVarUint(decoder)
  for (let c = 0; c < clients; c++) {
    const structs = decoding.readVarUint(decoder)
    decoding.readVarUint(decoder) // client
    let clock = decoding.readVarUint(decoder)
    for (let s = 0; s < structs; s++) {
      const info = decoding.readUint8(decoder)
      const ref = info & BITS5
      let length: number
      // A Skip is exactly 10 (Yjs writes no flags with it, and its update reader takes 42 for an item of
      // unknown content); any info whose low five bits are 0 is a GC.
      if (ref === 0 || info === SKIP) {
        length = decoding.readVarUint(decoder)
      } else {
        if (info & BIT8) { decoding.readVarUint(decoder); decoding.readVarUint(decoder) } // origin
        if (info & BIT7) { decoding.readVarUint(decoder); decoding.readVarUint(decoder) } // right origin
        if ((info & (BIT7 | BIT8)) === 0) {
          // Parent: a named root type, or the ID of the item of a nested type; then maybe a map key.
          if (decoding.readVarUint(decoder) === 1) decoding.readVarString(decoder)
          else { decoding.readVarUint(decoder); decoding.readVarUint(decoder) }
          if (info & BIT6) decoding.readVarString(decoder)
        }
        length = readContent(decoder, ref)
      }
      clock += length
      if (clock > maxClock) throw new UnreadableUpdate('clock out of range')
    }
  }
  const deleting = decoding.readVarUint(decoder)
  for (let c = 0; c < deleting; c++) {
    decoding.readVarUint(decoder) // client
    const ranges = decoding.readVarUint(decoder)
    for (let r = 0; r < ranges; r++) {
      const clock = decoding.readVarUint(decoder)
      const length = decoding.readVarUint(decoder)
      if (clock + length > maxClock) throw new UnreadableUpdate('delete range out of range')
    }
  }
}
