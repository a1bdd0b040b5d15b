import { describe, expect, it } from 'vitest'
import { readNumber } from './inputs.tsx'

describe('a figure read where it cannot be changed', () => {
  it('is written as the PDF writes it, with its unit', () => {
    expect(readNumber(58, '%')).toBe('58%')
    expect(readNumber(1250, 'pupils')).toBe('1,250 pupils')
    expect(readNumber(92.5, '')).toBe('92.5')
    expect(readNumber(-3, ' days')).toBe('-3 days')
  })

  it('is empty when there is none, so the view says "Not filled in"', () => {
    expect(readNumber(null, '%')).toBe('')
  })
})
