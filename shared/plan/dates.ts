/**
 * Calendar dates in a plan: stored as ISO `yyyy-mm-dd` (a day, no time or zone), entered and shown the UK
 * way (dd/mm/yyyy), and placed in the English school year: autumn term September to December, spring
 * term January to March (to Easter; March is used as its end), summer term April to July.
 */
import type { Term } from './vocabulary.ts'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const match = ISO_DATE.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

function isoOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`
}

/** `2027-03-04` → `04/03/2027`; anything else → ''. */
export function formatUkDate(iso: string | null | undefined): string {
  if (!isIsoDate(iso)) return ''
  const [year, month, day] = iso.split('-')
  return `${day}/${month}/${year}`
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** `2027-03-04` → `4 March 2027`. */
export function formatLongDate(iso: string | null | undefined): string {
  if (!isIsoDate(iso)) return ''
  const [year, month, day] = iso.split('-').map(Number)
  return `${day} ${MONTHS[month - 1]} ${year}`
}

export type ParsedPlanDate = { ok: true; iso: string | null } | { ok: false; error: string }

/** What a date typed in another form is told (month first, words, anything but day/month/year). */
export const DATE_FORMAT_ERROR = 'Enter the date as day/month/year, for example 31/07/2027.'

/**
 * The day, month and year in a date typed the UK way, day first: 4/3/2027, 04/03/27, 4-3-2027, 4.3.2027,
 * 4 3 2027, "4 March 2027", "4th Mar 27", "4 Sept 2027", or ISO 2027-03-04. A two-digit year is this
 * century's (plans are about now, and their baselines a few years back). Null for anything else: month
 * first (3/31/2027 fails as a real date, "March 4" as a form), or words that are not a month.
 * Whether the day exists is for the caller (see `isIsoDate`).
 */
export function readDayMonthYear(text: string): { day: number; month: number; year: number } | null {
  const value = text.trim().toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ')
  const numeric = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4}|\d{2})$/.exec(value)
  if (numeric) return { day: Number(numeric[1]), month: Number(numeric[2]), year: fullYear(numeric[3]) }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value)
  if (iso) return { day: Number(iso[3]), month: Number(iso[2]), year: Number(iso[1]) }
  const words = /^(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]{3,9})\.? (\d{4}|\d{2})$/.exec(value)
  const month = words ? monthNamed(words[2]) : 0
  if (words && month) return { day: Number(words[1]), month, year: fullYear(words[3]) }
  return null
}

function fullYear(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits)
}

/** 1-12 for a month's name or its usual short form ("sep", "sept"), else 0. */
function monthNamed(word: string): number {
  const index = MONTHS.findIndex((name) => {
    const full = name.toLowerCase()
    return word === full || (word.length >= 3 && full.startsWith(word)) || (word === 'sept' && full === 'september')
  })
  return index + 1
}

/**
 * Reads a date typed the UK way (see `readDayMonthYear`). Empty means no date. Past dates are allowed: a
 * plan records baselines and inspections.
 */
export function parseUkDate(text: string): ParsedPlanDate {
  if (!text.trim()) return { ok: true, iso: null }
  const parts = readDayMonthYear(text)
  if (!parts) return { ok: false, error: DATE_FORMAT_ERROR }
  const result = isoOf(parts.year, parts.month, parts.day)
  if (!isIsoDate(result)) return { ok: false, error: 'Enter a real date, for example 31/07/2027.' }
  return { ok: true, iso: result }
}

/** Today's date in England (Europe/London), as ISO `yyyy-mm-dd`. */
export function londonToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now)
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** Days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayNumber(to) - dayNumber(from)))
}

function dayNumber(iso: string): number {
  const [year, month, day] = iso.split('-').map(Number)
  return Date.UTC(year, month - 1, day) / 86_400_000
}

/** The school year a date belongs to, named by its two calendar years: `2026/27` for 1 September 2026 to 31 August 2027. */
export function academicYearOf(iso: string): string {
  const [year, month] = iso.split('-').map(Number)
  const start = month >= 9 ? year : year - 1
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`
}

/** The term a date falls in, or null in the summer holiday (August). */
export function termOf(iso: string): Term | null {
  const month = Number(iso.split('-')[1])
  if (month >= 9) return 'autumn'
  if (month <= 3) return 'spring'
  if (month <= 7) return 'summer'
  return null
}

/** The last day of a term: 31 December (autumn), 31 March (spring), 31 July (summer) of the given calendar year. */
function termEnd(term: Term, year: number): string {
  if (term === 'autumn') return isoOf(year, 12, 31)
  if (term === 'spring') return isoOf(year, 3, 31)
  return isoOf(year, 7, 31)
}

/** The first end of `term` that falls after `date`. */
export function nextTermEnd(term: Term, date: string): string {
  const year = Number(date.split('-')[0])
  const thisYear = termEnd(term, year)
  return thisYear > date ? thisYear : termEnd(term, year + 1)
}

/** "Autumn term 2026/27". */
export function termLabel(iso: string): string {
  const term = termOf(iso)
  const name = term === 'autumn' ? 'Autumn term' : term === 'spring' ? 'Spring term' : term === 'summer' ? 'Summer term' : 'Summer holiday'
  return `${name} ${academicYearOf(iso)}`
}

// ---- Moments (timestamps) in words, in England's time zone ----

const LONDON = 'Europe/London'

/** "23 Nov 2026": dates in UK style, in the school's time zone. */
export function ukDate(date: Date | string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: LONDON }).format(new Date(date))
}

/** "23 November 2026" */
export function ukLongDate(date: Date | string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: LONDON }).format(new Date(date))
}

/**
 * "23 November 2026 at 14:05": the one way a moment is written, on the page, in notices and in the PDF.
 * In England's time zone unless another is given (`'local'`: the device's own, for what a page shows).
 */
export function ukDateTime(date: Date | string, timeZone: string = LONDON): string {
  const d = new Date(date)
  const zone = timeZone === 'local' ? undefined : timeZone
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(d)
  // (Date and time formatted apart: ICU versions join them differently, with " at " or a comma.)
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(d)
  return `${day} at ${time}`
}
