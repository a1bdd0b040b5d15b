import { describe, expect, it } from 'vitest'
import { DATE_FORMAT_ERROR } from '../../../shared/plan/dates.ts'
import { readDateEntry } from './dateEntry.ts'

describe('a date typed into a block', () => {
  it('reads UK dates, and empty as no date', () => {
    expect(readDateEntry('31/12/2026')).toEqual({ ok: true, iso: '2026-12-31' })
    expect(readDateEntry('1.1.2027')).toEqual({ ok: true, iso: '2027-01-01' })
    expect(readDateEntry('  ')).toEqual({ ok: true, iso: null })
  })

  it('asks for day/month/year when the month comes first, as in the United States', () => {
    expect(readDateEntry('12/31/2026')).toEqual({ ok: false, error: DATE_FORMAT_ERROR })
    expect(readDateEntry('2-13-2027')).toEqual({ ok: false, error: DATE_FORMAT_ERROR })
    expect(readDateEntry('12/31/26')).toEqual({ ok: false, error: DATE_FORMAT_ERROR })
  })

  it('reads a date in words, day first; month first it asks for day/month/year', () => {
    expect(readDateEntry('31 Dec 2026')).toEqual({ ok: true, iso: '2026-12-31' })
    expect(readDateEntry('Dec 31 2026')).toEqual({ ok: false, error: DATE_FORMAT_ERROR })
  })

  it('asks for a real date when the day or month does not exist', () => {
    expect(readDateEntry('31/02/2027')).toEqual({ ok: false, error: 'Enter a real date, for example 31/07/2027.' })
    expect(readDateEntry('12/32/2026')).toEqual({ ok: false, error: 'Enter a real date, for example 31/07/2027.' })
  })
})
