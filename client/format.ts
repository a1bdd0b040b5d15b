import { DATE_FORMAT_ERROR, readDayMonthYear, ukDateTime } from '../shared/plan/dates.ts'

/** UK dates for people: "23 November 2026". */
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })

/** A moment as the server writes it too ("23 November 2026 at 14:05"), in the device's time; '' if not one. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : ukDateTime(date, 'local')
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date)
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

/** An instant as the UK short date of the local day it falls on: "31/07/2027". */
export function toUkDateText(iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`
}

export type ParsedDate = { ok: true; iso: string | null } | { ok: false; error: string }

/**
 * Reads a date typed the UK way (31/07/2027, 31-7-2027, 31.07.2027; or 2027-07-31) as the last moment
 * of that local day, in ISO form. Empty means no date. Dates before today are refused.
 */
export function parseUkDate(text: string, now = new Date()): ParsedDate {
  const value = text.trim()
  if (!value) return { ok: true, iso: null }
  const parts = readDayMonthYear(value)
  if (!parts) return { ok: false, error: DATE_FORMAT_ERROR }
  const { day, month, year } = parts
  const date = new Date(year, month - 1, day, 23, 59, 59, 999)
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
    return { ok: false, error: 'Enter a real date, for example 31/07/2027.' }
  }
  if (date.getTime() < now.getTime()) return { ok: false, error: 'The date must be today or later.' }
  return { ok: true, iso: date.toISOString() }
}

export function formatWait(seconds: number): string {
  if (seconds < 60) return seconds <= 1 ? '1 second' : `${seconds} seconds`
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`
  const hours = Math.ceil(minutes / 60)
  return hours === 1 ? '1 hour' : `${hours} hours`
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  if (parts.length === 0) return '?'
  const first = parts[0][0] ?? ''
  const last = parts.length > 1 ? parts[parts.length - 1][0] ?? '' : ''
  return (first + last).toUpperCase()
}
