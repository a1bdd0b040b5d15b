// What the cover says about the plan: the metadata, completed by the plan details block when there is one.
import type { JSONContent } from '@tiptap/core'
import { LEADER_ROLE_LABELS } from '../../../shared/plan/vocabulary.ts'
import { planPeriod } from './blocks.ts'
import type { CoverDetails } from './cover.ts'
import { plainText } from './text.ts'
import type { PdfPlanMetadata } from './types.ts'

export function coverDetails(doc: JSONContent, plan: PdfPlanMetadata): CoverDetails {
  const details = (doc.content ?? []).find((node) => node.type === 'planDetails')
  if (!details) return { schoolName: plan.schoolName, title: plan.title, visitingLeader: plan.ownerName }
  const field = (name: string) =>
    plainText((details.content ?? []).find((child) => child.type === 'field' && child.attrs?.name === name)).trim()
  const role = details.attrs?.visitingLeaderRole as keyof typeof LEADER_ROLE_LABELS | undefined
  const leader = field('visitingLeader')
  return {
    schoolName: plan.schoolName,
    title: plan.title,
    period: planPeriod(asDate(details.attrs?.periodStart), asDate(details.attrs?.periodEnd)) ?? undefined,
    visitingLeader: leader ? `${leader}${role && LEADER_ROLE_LABELS[role] ? ` (${LEADER_ROLE_LABELS[role]})` : ''}` : plan.ownerName,
    headteacher: field('hostHeadteacher') || undefined,
    extra: field('chairOfGovernors') ? [{ label: 'Chair of governors', value: field('chairOfGovernors') }] : [],
  }
}

function asDate(value: unknown): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null
}
