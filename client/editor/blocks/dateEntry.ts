/**
 * A date as typed into a block's date box, read the UK way (dd/mm/yyyy, see parseUkDate), with an error
 * that says how to put it right. A date written month first, as in the United States (12/31/2026), is
 * a date in the wrong order rather than one that does not exist, so its error asks for day/month/year.
 */
import { DATE_FORMAT_ERROR, parseUkDate, type ParsedPlanDate } from '../../../shared/plan/dates.ts'

const NUMERIC_DATE = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](?:\d{4}|\d{2})$/

function isMonthFirst(text: string): boolean {
  const match = NUMERIC_DATE.exec(text.trim())
  if (!match) return false
  const [first, second] = [Number(match[1]), Number(match[2])]
  return first >= 1 && first <= 12 && second > 12 && second <= 31
}

export function readDateEntry(text: string): ParsedPlanDate {
  const parsed = parseUkDate(text)
  if (parsed.ok || !isMonthFirst(text)) return parsed
  return { ok: false, error: DATE_FORMAT_ERROR }
}
