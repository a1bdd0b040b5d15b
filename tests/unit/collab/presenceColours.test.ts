import { describe, expect, it } from 'vitest'
import { colourAmong, colourFor, isPresenceColour, PRESENCE_COLOURS } from '../../../shared/presence.ts'

describe('presence colours in a plan', () => {
  it('gives a person their own colour when nobody present has it', () => {
    expect(colourAmong('user-a', new Set())).toBe(colourFor('user-a'))
    const others = new Set(PRESENCE_COLOURS.filter((colour) => colour !== colourFor('user-a')).slice(0, 4))
    expect(colourAmong('user-a', others)).toBe(colourFor('user-a'))
  })

  it('gives the next free colour in the palette when someone present has theirs', () => {
    const own = colourFor('user-b')
    const next = PRESENCE_COLOURS[((PRESENCE_COLOURS as readonly string[]).indexOf(own) + 1) % PRESENCE_COLOURS.length]
    expect(colourAmong('user-b', new Set([own]))).toBe(next)
  })

  it('keeps ten people apart, and gives an eleventh their own colour', () => {
    const taken = new Set<string>()
    for (let i = 0; i < PRESENCE_COLOURS.length; i++) {
      const colour = colourAmong(`person-${i}`, taken)
      expect(taken.has(colour)).toBe(false)
      taken.add(colour)
    }
    expect(taken.size).toBe(PRESENCE_COLOURS.length)
    expect(colourAmong('person-10', taken)).toBe(colourFor('person-10'))
  })

  it('recognises only the palette’s colours', () => {
    expect(isPresenceColour(PRESENCE_COLOURS[3])).toBe(true)
    expect(isPresenceColour('#000000')).toBe(false)
    expect(isPresenceColour('red')).toBe(false)
    expect(isPresenceColour(null)).toBe(false)
  })
})

describe('the presence palette', () => {
  /** WCAG relative luminance of #rrggbb. */
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }

  it('keeps white labels readable on every colour (at least 4.5:1)', () => {
    for (const colour of PRESENCE_COLOURS) expect(1.05 / (luminance(colour) + 0.05)).toBeGreaterThanOrEqual(4.5)
  })
})
