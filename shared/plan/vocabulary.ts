/**
 * The words of an improvement plan: every enumeration a block can hold, with the label people see.
 * Values are stored in the document (Y.Doc attributes), so they never change; labels may.
 */

/** Ofsted's evaluation areas in the 2025 school inspection framework (report cards). */
export const EVALUATION_AREAS = [
  'inclusion', 'curriculum-and-teaching', 'achievement', 'attendance-and-behaviour',
  'personal-development-and-wellbeing', 'leadership-and-governance', 'early-years', 'sixth-form',
] as const
export type EvaluationArea = (typeof EVALUATION_AREAS)[number]
export const EVALUATION_AREA_LABELS: Record<EvaluationArea, string> = {
  'inclusion': 'Inclusion',
  'curriculum-and-teaching': 'Curriculum and teaching',
  'achievement': 'Achievement',
  'attendance-and-behaviour': 'Attendance and behaviour',
  'personal-development-and-wellbeing': 'Personal development and well-being',
  'leadership-and-governance': 'Leadership and governance',
  'early-years': 'Early years',
  'sixth-form': 'Sixth form',
}

/** The 2025 report card's five-point scale, best first. */
export const INSPECTION_GRADES = ['exceptional', 'strong', 'expected', 'needs-attention', 'urgent-improvement'] as const
export type InspectionGrade = (typeof INSPECTION_GRADES)[number]
export const INSPECTION_GRADE_LABELS: Record<InspectionGrade, string> = {
  'exceptional': 'Exceptional',
  'strong': 'Strong standard',
  'expected': 'Expected standard',
  'needs-attention': 'Needs attention',
  'urgent-improvement': 'Urgent improvement',
}

export const SAFEGUARDING = ['met', 'not-met'] as const
export type Safeguarding = (typeof SAFEGUARDING)[number]
export const SAFEGUARDING_LABELS: Record<Safeguarding, string> = { 'met': 'Met', 'not-met': 'Not met' }

export const PHASES = ['nursery', 'primary', 'middle', 'secondary', 'all-through', 'special', 'alternative-provision', 'post-16'] as const
export type Phase = (typeof PHASES)[number]
export const PHASE_LABELS: Record<Phase, string> = {
  'nursery': 'Nursery',
  'primary': 'Primary',
  'middle': 'Middle',
  'secondary': 'Secondary',
  'all-through': 'All-through',
  'special': 'Special',
  'alternative-provision': 'Alternative provision',
  'post-16': '16 to 19',
}

export const LEADER_ROLES = ['middle-leader', 'nle', 'other'] as const
export type LeaderRole = (typeof LEADER_ROLES)[number]
export const LEADER_ROLE_LABELS: Record<LeaderRole, string> = {
  'middle-leader': 'Middle leader',
  'nle': 'National Leader in Education',
  'other': 'Other',
}

export const FINDING_KINDS = ['strength', 'development'] as const
export type FindingKind = (typeof FINDING_KINDS)[number]
export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  'strength': 'Strength',
  'development': 'Area for development',
}

export const CONFIDENCE_LEVELS = ['high', 'medium', 'low'] as const
export type Confidence = (typeof CONFIDENCE_LEVELS)[number]
export const CONFIDENCE_LABELS: Record<Confidence, string> = { high: 'High', medium: 'Medium', low: 'Low' }

export const EVIDENCE_KINDS = ['lesson-visit', 'work-scrutiny', 'pupil-voice', 'staff-voice', 'parent-voice', 'data', 'document'] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  'lesson-visit': 'Lesson visit',
  'work-scrutiny': 'Work scrutiny',
  'pupil-voice': 'Pupil voice',
  'staff-voice': 'Staff voice',
  'parent-voice': 'Parent voice',
  'data': 'Data',
  'document': 'Document',
}

export const DIRECTIONS = ['higher', 'lower'] as const
export type Direction = (typeof DIRECTIONS)[number]
export const DIRECTION_LABELS: Record<Direction, string> = { higher: 'Higher is better', lower: 'Lower is better' }

export const RAGS = ['red', 'amber', 'green'] as const
export type Rag = (typeof RAGS)[number]
export const RAG_LABELS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' }
/** What each status means, in words, so colour is never the only signal. */
export const RAG_MEANINGS: Record<Rag, string> = {
  red: 'Red: behind',
  amber: 'Amber: slightly behind',
  green: 'Green: on track',
}

export const ACTION_STATUSES = ['not-started', 'in-progress', 'done', 'blocked'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  'done': 'Done',
  'blocked': 'Blocked',
}

export const TERMS = ['autumn', 'spring', 'summer'] as const
export type Term = (typeof TERMS)[number]
export const TERM_LABELS: Record<Term, string> = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' }

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value)
}
