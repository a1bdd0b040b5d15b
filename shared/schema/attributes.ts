/**
 * Attribute definitions for the plan's blocks. Each attribute is stored under its own key in the Y.Doc
 * (y-tiptap writes only the keys that changed), so two people changing different attributes of one block
 * both keep their change. In HTML (copy and paste, drag) each is a `data-` attribute; values are checked
 * when read back, so pasted HTML cannot smuggle in something the plan cannot show.
 */
import type { Attribute } from '@tiptap/core'
import { isIsoDate } from '../plan/dates.ts'
import { isOneOf } from '../plan/vocabulary.ts'

const BLOCK_ID = /^[A-Za-z0-9_-]{8,64}$/

function data(name: string): string {
  return `data-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`
}

/** The block's stable id: others link to it. Never copied by a split; duplicates are renamed by the integrity plugin. */
export function idAttribute(): Attribute {
  return {
    default: null,
    keepOnSplit: false,
    parseHTML: (element) => {
      const value = element.getAttribute('data-id')
      return value && BLOCK_ID.test(value) ? value : null
    },
    renderHTML: (attributes) => (attributes.id ? { 'data-id': attributes.id } : {}),
  }
}

export function isBlockId(value: unknown): value is string {
  return typeof value === 'string' && BLOCK_ID.test(value)
}

export function enumAttribute<T extends string>(name: string, values: readonly T[], fallback: T | null): Attribute {
  return {
    default: fallback,
    parseHTML: (element) => {
      const value = element.getAttribute(data(name))
      return isOneOf(values, value) ? value : fallback
    },
    renderHTML: (attributes) => (attributes[name] ? { [data(name)]: attributes[name] } : {}),
  }
}

/** A calendar date as ISO `yyyy-mm-dd` (shown to people as dd/mm/yyyy), or null. */
export function dateAttribute(name: string): Attribute {
  return {
    default: null,
    parseHTML: (element) => {
      const value = element.getAttribute(data(name))
      return isIsoDate(value) ? value : null
    },
    renderHTML: (attributes) => (attributes[name] ? { [data(name)]: attributes[name] } : {}),
  }
}

export function numberAttribute(name: string): Attribute {
  return {
    default: null,
    parseHTML: (element) => {
      const text = element.getAttribute(data(name))
      if (text === null || text.trim() === '') return null
      const value = Number(text)
      return Number.isFinite(value) ? value : null
    },
    renderHTML: (attributes) => (typeof attributes[name] === 'number' ? { [data(name)]: String(attributes[name]) } : {}),
  }
}

export function booleanAttribute(name: string, fallback: boolean): Attribute {
  return {
    default: fallback,
    parseHTML: (element) => {
      const value = element.getAttribute(data(name))
      return value === null ? fallback : value === 'true'
    },
    renderHTML: (attributes) => ({ [data(name)]: attributes[name] ? 'true' : 'false' }),
  }
}

/** Short free text that is set as a whole (a unit such as "%"); longer text belongs in a field. */
export function shortTextAttribute(name: string, maxLength: number): Attribute {
  return {
    default: null,
    parseHTML: (element) => {
      const value = element.getAttribute(data(name))
      return value ? value.slice(0, maxLength) : null
    },
    renderHTML: (attributes) => (attributes[name] ? { [data(name)]: attributes[name] } : {}),
  }
}

/** A list of block ids (links to other blocks). */
export function idListAttribute(name: string): Attribute {
  return {
    default: [],
    parseHTML: (element) => {
      const parsed = parseJson(element.getAttribute(data(name)))
      return Array.isArray(parsed) ? [...new Set(parsed.filter(isBlockId))] : []
    },
    renderHTML: (attributes) => {
      const value = attributes[name]
      return Array.isArray(value) && value.length > 0 ? { [data(name)]: JSON.stringify(value) } : {}
    },
  }
}

/** A map from a key (a block id, an evaluation area) to one of a set of values. */
export function recordAttribute<T extends string>(name: string, values: readonly T[], validKey: (key: string) => boolean): Attribute {
  return {
    default: {},
    parseHTML: (element) => {
      const parsed = parseJson(element.getAttribute(data(name)))
      const result: Record<string, T> = {}
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        for (const [key, value] of Object.entries(parsed)) {
          if (validKey(key) && isOneOf(values, value)) result[key] = value
        }
      }
      return result
    },
    renderHTML: (attributes) => {
      const value = attributes[name]
      return value && typeof value === 'object' && Object.keys(value).length > 0 ? { [data(name)]: JSON.stringify(value) } : {}
    },
  }
}

function parseJson(text: string | null): unknown {
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
