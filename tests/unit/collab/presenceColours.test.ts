import { describe, expect, it } from 'vitest'
import { colourAmong, colourFor, isPresenceColour, PRESENCE_COLOURS } from '../../../shared/presence.ts'

describe('presence colours in a plan', () => {
  it('gives a person their own colour when nobody present has it', () => {
    expect(colourAmong('user-a', new Set())).toBe(colourFor('user-a'))
    // (Colours unlike every other: blue, green, violet and slate.)
    const others = new Set(['#1d4ed8', '#047857', '#7c3aed', '#475569'].filter((colour) => colour !== colourFor('user-a')))
    expect(colourAmong('user-a', others)).toBe(colourFor('user-a'))
  })

  it('gives another colour when someone present has theirs, or one like it', () => {
    const own = colourFor('user-b')
    const given = colourAmong('user-b', new Set([own]))
    expect(given).not.toBe(own)
    // Amber and orange, or red and orange, are too alike for two carets side by side.
    expect(colourAmong('user-b', new Set(['#b45309']))).not.toMatch(/^#(b45309|c2410c)$/)
    expect(colourAmong('user-b', new Set(['#c2410c']))).not.toMatch(/^#(b45309|c2410c|b91c1c)$/)
  })

  it('puts the first two people in a plan in colours far apart, whoever they are', () => {
    for (let i = 0; i < 200; i++) {
      const first = colourAmong(`first-${i}`, new Set())
      const second = colourAmong(`second-${i}`, new Set([first]))
      const pair = [first, second].sort().join(' ')
      expect(['#b45309 #c2410c', '#b91c1c #c2410c']).not.toContain(pair)
    }
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
