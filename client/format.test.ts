import { describe, expect, it } from 'vitest'
import { formatDateTime, formatWait, initials, parseUkDate, toUkDateText } from './format.ts'

describe('UK dates', () => {
  it('formats an instant as "23 November 2026 at 14:05"', () => {
    const local = new Date(2026, 10, 23, 14, 5)
    expect(formatDateTime(local.toISOString())).toBe('23 November 2026 at 14:05')
  })

  it('reads day/month/year as the end of that local day', () => {
    const now = new Date(2026, 0, 1)
    const parsed = parseUkDate('31/07/2027', now)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok || !parsed.iso) throw new Error('expected a date')
    const date = new Date(parsed.iso)
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes()]).toEqual([2027, 6, 31, 23, 59])
    expect(toUkDateText(parsed.iso)).toBe('31/07/2027')
  })

  it('accepts other separators and ISO dates, and empty as no date', () => {
    const now = new Date(2026, 0, 1)
    expect(parseUkDate('1-2-2027', now).ok).toBe(true)
    expect(parseUkDate('2027-02-01', now).ok).toBe(true)
    expect(parseUkDate('  ', now)).toEqual({ ok: true, iso: null })
  })

  it('refuses impossible, badly written and past dates', () => {
    const now = new Date(2026, 5, 1)
    expect(parseUkDate('31/02/2027', now).ok).toBe(false)
    expect(parseUkDate('next Tuesday', now).ok).toBe(false)
    expect(parseUkDate('07/31/2027', now).ok).toBe(false)
    expect(parseUkDate('01/01/2026', now)).toEqual({ ok: false, error: 'The date must be today or later.' })
  })
})

describe('small helpers', () => {
  it('says how long to wait', () => {
    expect(formatWait(1)).toBe('1 second')
    expect(formatWait(45)).toBe('45 seconds')
    expect(formatWait(61)).toBe('2 minutes')
  })

  it('makes initials from a name', () => {
    expect(initials('Alice Visiting')).toBe('AV')
    expect(initials('Cher')).toBe('C')
    expect(initials('  ')).toBe('?')
  })
})
