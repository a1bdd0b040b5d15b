// Figures with their units, as the plan, its PDF and the comparison show them.
import { describe, expect, it } from 'vitest'
import { formatFigure, withUnit } from '../../../shared/plan/units.ts'

describe('a figure with its unit', () => {
  it('puts a symbol against the number and a word a space away', () => {
    expect(withUnit('70', '%')).toBe('70%')
    expect(withUnit('9', 'months')).toBe('9 months')
    expect(withUnit('12', ' pupils ')).toBe('12 pupils')
    expect(withUnit('1,200', 'µg')).toBe('1,200 µg')
  })

  it('leaves a figure with no unit alone', () => {
    expect(withUnit('4.5', '')).toBe('4.5')
    expect(withUnit('4.5', '   ')).toBe('4.5')
  })

  it('writes figures the UK way, with thousands separated', () => {
    expect(formatFigure(1250, '%')).toBe('1,250%')
    expect(formatFigure(62.5, 'pupils')).toBe('62.5 pupils')
    expect(formatFigure(-3)).toBe('-3')
  })
})
