/**
 * Reads a plan document (a ProseMirror node of the plan schema) into a typed model: the plan details,
 * findings with their evidence, targets, priorities with their actions, and review points. Pure: the
 * client reads its editor's document with it, the server a Y.Doc converted with the same schema.
 * Tolerant: a value that does not fit (an unknown status, a malformed date) reads as "not set".
 */
import type { Node as PMNode } from '@tiptap/pm/model'
import { isBlockId } from '../schema/attributes.ts'
import { FIELD_NODE } from '../schema/blockFields.ts'
import { isIsoDate } from './dates.ts'
import {
  ACTION_STATUSES, CONFIDENCE_LEVELS, DIRECTIONS, EVALUATION_AREAS, EVIDENCE_KINDS, FINDING_KINDS, INSPECTION_GRADES,
  LEADER_ROLES, PHASES, RAGS, SAFEGUARDING, isOneOf,
  type ActionStatus, type Confidence, type Direction, type EvaluationArea, type EvidenceKind, type FindingKind,
  type InspectionGrade, type LeaderRole, type Phase, type Rag, type Safeguarding,
} from './vocabulary.ts'

export interface PlanDetailsModel {
  id: string
  schoolName: string
  urn: string
  phase: Phase | null
  trust: string
  periodStart: string | null
  periodEnd: string | null
  visitingLeader: string
  visitingLeaderRole: LeaderRole | null
  hostHeadteacher: string
  chairOfGovernors: string
  inspectionDate: string | null
  inspectionGrades: Partial<Record<EvaluationArea, InspectionGrade>>
  safeguarding: Safeguarding | null
}

export interface EvidenceModel {
  id: string
  kind: EvidenceKind | null
  date: string | null
  source: string
  note: string
}

export interface FindingModel {
  id: string
  area: EvaluationArea | null
  kind: FindingKind
  confidence: Confidence | null
  inPlan: boolean
  statement: string
  rootCause: string
  notInPlanReason: string
  evidence: EvidenceModel[]
}

export interface TargetModel {
  id: string
  measure: string
  dataSource: string
  owner: string
  direction: Direction
  unit: string
  baselineValue: number | null
  baselineDate: string | null
  milestones: { autumn: number | null; spring: number | null; summer: number | null }
  targetValue: number | null
  targetDate: string | null
  currentValue: number | null
  linkedFindings: string[]
  ragOverride: Rag | null
}

export interface ActionModel {
  id: string
  priorityId: string
  description: string
  owner: string
  resources: string
  successCriteria: string
  start: string | null
  due: string | null
  status: ActionStatus
  linkedTargets: string[]
}

export interface PriorityModel {
  id: string
  title: string
  rationale: string
  lead: string
  actions: ActionModel[]
}

export interface ReviewPointModel {
  id: string
  date: string | null
  reviewer: string
  impact: string
  nextSteps: string
  priorityRag: Record<string, Rag>
}

export interface PlanModel {
  details: PlanDetailsModel | null
  findings: FindingModel[]
  targets: TargetModel[]
  priorities: PriorityModel[]
  reviewPoints: ReviewPointModel[]
}

/** The text of a block's field, line breaks as "\n"; '' when the field is missing. */
export function fieldText(block: PMNode, name: string): string {
  let text = ''
  block.forEach((child) => {
    if (child.type.name === FIELD_NODE && child.attrs.name === name && text === '') {
      text = child.textBetween(0, child.content.size, '\n', '\n')
    }
  })
  return text.trim()
}

const oneOf = <T extends string>(values: readonly T[], value: unknown): T | null => (isOneOf(values, value) ? value : null)
const date = (value: unknown): string | null => (isIsoDate(value) ? value : null)
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const id = (node: PMNode): string => (typeof node.attrs.id === 'string' ? node.attrs.id : '')
const ids = (value: unknown): string[] => (Array.isArray(value) ? [...new Set(value.filter(isBlockId))] : [])

function record<K extends string, V extends string>(value: unknown, validKey: (key: string) => key is K, values: readonly V[]): Partial<Record<K, V>> {
  const result: Partial<Record<K, V>> = {}
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) if (validKey(key) && isOneOf(values, item)) result[key] = item
  }
  return result
}

export function readPlanDetails(node: PMNode): PlanDetailsModel {
  const a = node.attrs
  return {
    id: id(node),
    schoolName: fieldText(node, 'schoolName'),
    urn: fieldText(node, 'urn'),
    phase: oneOf(PHASES, a.phase),
    trust: fieldText(node, 'trust'),
    periodStart: date(a.periodStart),
    periodEnd: date(a.periodEnd),
    visitingLeader: fieldText(node, 'visitingLeader'),
    visitingLeaderRole: oneOf(LEADER_ROLES, a.visitingLeaderRole),
    hostHeadteacher: fieldText(node, 'hostHeadteacher'),
    chairOfGovernors: fieldText(node, 'chairOfGovernors'),
    inspectionDate: date(a.inspectionDate),
    inspectionGrades: record(a.inspectionGrades, (key): key is EvaluationArea => isOneOf(EVALUATION_AREAS, key), INSPECTION_GRADES),
    safeguarding: oneOf(SAFEGUARDING, a.safeguarding),
  }
}

export function readEvidence(node: PMNode): EvidenceModel {
  return {
    id: id(node),
    kind: oneOf(EVIDENCE_KINDS, node.attrs.kind),
    date: date(node.attrs.date),
    source: fieldText(node, 'source'),
    note: fieldText(node, 'note'),
  }
}

export function readFinding(node: PMNode): FindingModel {
  const evidence: EvidenceModel[] = []
  node.forEach((child) => { if (child.type.name === 'evidence') evidence.push(readEvidence(child)) })
  return {
    id: id(node),
    area: oneOf(EVALUATION_AREAS, node.attrs.area),
    kind: oneOf(FINDING_KINDS, node.attrs.kind) ?? 'development',
    confidence: oneOf(CONFIDENCE_LEVELS, node.attrs.confidence),
    inPlan: node.attrs.inPlan !== false,
    statement: fieldText(node, 'statement'),
    rootCause: fieldText(node, 'rootCause'),
    notInPlanReason: fieldText(node, 'notInPlanReason'),
    evidence,
  }
}

export function readTarget(node: PMNode): TargetModel {
  const a = node.attrs
  return {
    id: id(node),
    measure: fieldText(node, 'measure'),
    dataSource: fieldText(node, 'dataSource'),
    owner: fieldText(node, 'owner'),
    direction: oneOf(DIRECTIONS, a.direction) ?? 'higher',
    unit: typeof a.unit === 'string' ? a.unit : '',
    baselineValue: number(a.baselineValue),
    baselineDate: date(a.baselineDate),
    milestones: { autumn: number(a.milestoneAutumn), spring: number(a.milestoneSpring), summer: number(a.milestoneSummer) },
    targetValue: number(a.targetValue),
    targetDate: date(a.targetDate),
    currentValue: number(a.currentValue),
    linkedFindings: ids(a.linkedFindings),
    ragOverride: oneOf(RAGS, a.ragOverride),
  }
}

export function readAction(node: PMNode, priorityId: string): ActionModel {
  const a = node.attrs
  return {
    id: id(node),
    priorityId,
    description: fieldText(node, 'description'),
    owner: fieldText(node, 'owner'),
    resources: fieldText(node, 'resources'),
    successCriteria: fieldText(node, 'successCriteria'),
    start: date(a.start),
    due: date(a.due),
    status: oneOf(ACTION_STATUSES, a.status) ?? 'not-started',
    linkedTargets: ids(a.linkedTargets),
  }
}

export function readPriority(node: PMNode): PriorityModel {
  const actions: ActionModel[] = []
  node.forEach((child) => { if (child.type.name === 'action') actions.push(readAction(child, id(node))) })
  return { id: id(node), title: fieldText(node, 'title'), rationale: fieldText(node, 'rationale'), lead: fieldText(node, 'lead'), actions }
}

export function readReviewPoint(node: PMNode): ReviewPointModel {
  return {
    id: id(node),
    date: date(node.attrs.date),
    reviewer: fieldText(node, 'reviewer'),
    impact: fieldText(node, 'impact'),
    nextSteps: fieldText(node, 'nextSteps'),
    priorityRag: record(node.attrs.priorityRag, isBlockId, RAGS) as Record<string, Rag>,
  }
}

/** The plan's blocks in document order. A second plan-details block is ignored: the first one counts. */
export function readPlan(doc: PMNode): PlanModel {
  const model: PlanModel = { details: null, findings: [], targets: [], priorities: [], reviewPoints: [] }
  doc.forEach((node) => {
    switch (node.type.name) {
      case 'planDetails': model.details ??= readPlanDetails(node); break
      case 'finding': model.findings.push(readFinding(node)); break
      case 'target': model.targets.push(readTarget(node)); break
      case 'priority': model.priorities.push(readPriority(node)); break
      case 'reviewPoint': model.reviewPoints.push(readReviewPoint(node)); break
    }
  })
  return model
}
