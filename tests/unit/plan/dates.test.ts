import { describe, expect, it } from 'vitest'
import {
  academicYearOf, daysBetween, formatLongDate, formatUkDate, isIsoDate, londonToday, nextTermEnd, parseUkDate, termLabel, termOf, ukDateTime,
} from '../../../shared/plan/dates.ts'

describe('plan dates', () => {
  it('reads dates typed the UK way, day first', () => {
    expect(parseUkDate('4/3/2027')).toEqual({ ok: true, iso: '2027-03-04' })
    expect(parseUkDate('04/03/2027')).toEqual({ ok: true, iso: '2027-03-04' })
    expect(parseUkDate(' 31.07.2027 ')).toEqual({ ok: true, iso: '2027-07-31' })
    expect(parseUkDate('2027-07-31')).toEqual({ ok: true, iso: '2027-07-31' })
    expect(parseUkDate('')).toEqual({ ok: true, iso: null })
    // Past dates are fine: baselines and inspections are in the past.
    expect(parseUkDate('01/09/2019')).toEqual({ ok: true, iso: '2019-09-01' })
  })

  it('refuses dates that do not exist or are not day/month/year', () => {
    expect(parseUkDate('31/02/2027').ok).toBe(false)
    expect(parseUkDate('29/02/2027').ok).toBe(false)
    expect(parseUkDate('29/02/2028')).toEqual({ ok: true, iso: '2028-02-29' })
    expect(parseUkDate('March 4').ok).toBe(false)
    expect(parseUkDate('March 4 2027').ok).toBe(false)
    expect(parseUkDate('12/31/2027')).toEqual({ ok: false, error: 'Enter a real date, for example 31/07/2027.' })
    expect(parseUkDate('4 Smarch 2027').ok).toBe(false)
    expect(parseUkDate('4/3/927').ok).toBe(false)
  })

  it('reads two-digit years as this century, and months in words', () => {
    expect(parseUkDate('4/3/27')).toEqual({ ok: true, iso: '2027-03-04' })
    expect(parseUkDate('31/12/27')).toEqual({ ok: true, iso: '2027-12-31' })
    expect(parseUkDate('1/9/19')).toEqual({ ok: true, iso: '2019-09-01' })
    expect(parseUkDate('31 Dec 2027')).toEqual({ ok: true, iso: '2027-12-31' })
    expect(parseUkDate('31 December 2027')).toEqual({ ok: true, iso: '2027-12-31' })
    expect(parseUkDate('1st September 2026')).toEqual({ ok: true, iso: '2026-09-01' })
    expect(parseUkDate('4 Sept 26')).toEqual({ ok: true, iso: '2026-09-04' })
    expect(parseUkDate('22nd of March, 2027')).toEqual({ ok: true, iso: '2027-03-22' })
    expect(parseUkDate('30 Feb 2027').ok).toBe(false)
  })

  it('shows dates as dd/mm/yyyy and in words', () => {
    expect(formatUkDate('2027-03-04')).toBe('04/03/2027')
    expect(formatLongDate('2027-03-04')).toBe('4 March 2027')
    expect(formatUkDate(null)).toBe('')
    expect(formatUkDate('2027-02-30')).toBe('')
    expect(isIsoDate('2027-13-01')).toBe(false)
  })

  it('takes today in England, across midnight and the clock change', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
    expect(londonToday(new Date('2027-06-30T23:30:00Z'))).toBe('2027-07-01')
    // In winter London is on UTC.
    expect(londonToday(new Date('2027-01-15T23:30:00Z'))).toBe('2027-01-15')
  })

  it('places dates in the English school year', () => {
    expect(termOf('2026-09-01')).toBe('autumn')
    expect(termOf('2026-12-18')).toBe('autumn')
    expect(termOf('2027-01-05')).toBe('spring')
    expect(termOf('2027-03-31')).toBe('spring')
    expect(termOf('2027-04-20')).toBe('summer')
    expect(termOf('2027-07-21')).toBe('summer')
    expect(termOf('2027-08-10')).toBeNull()
    expect(academicYearOf('2026-09-01')).toBe('2026/27')
    expect(academicYearOf('2027-08-31')).toBe('2026/27')
    expect(academicYearOf('1999-10-01')).toBe('1999/00')
    expect(termLabel('2027-02-01')).toBe('Spring term 2026/27')
  })

  it('finds the next end of a term after a date', () => {
    expect(nextTermEnd('autumn', '2026-09-01')).toBe('2026-12-31')
    expect(nextTermEnd('spring', '2026-09-01')).toBe('2027-03-31')
    expect(nextTermEnd('summer', '2026-09-01')).toBe('2027-07-31')
    expect(nextTermEnd('autumn', '2026-12-31')).toBe('2027-12-31')
    expect(daysBetween('2026-09-01', '2027-09-01')).toBe(365)
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2)
  })
})

describe('moments in words', () => {
  it('writes a moment as "23 November 2026 at 14:05", in England’s time', () => {
    expect(ukDateTime('2026-11-23T14:05:00Z')).toBe('23 November 2026 at 14:05')
    // British Summer Time: an hour ahead of UTC.
    expect(ukDateTime('2026-07-01T13:05:00Z')).toBe('1 July 2026 at 14:05')
    // Just after midnight is 00:05, not 24:05.
    expect(ukDateTime('2026-11-23T00:05:00Z')).toBe('23 November 2026 at 00:05')
  })

  it('writes it in another time zone when asked', () => {
    expect(ukDateTime('2026-11-23T14:05:00Z', 'Asia/Tokyo')).toBe('23 November 2026 at 23:05')
  })
})
