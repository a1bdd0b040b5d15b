/**
 * The plan's typed blocks and the free-text fields each holds, in document order. A field is a `field`
 * node (its text merges character by character when several people type); everything else a block holds
 * (enumerations, dates, numbers, links) is a node attribute. The schema's content expressions, the
 * integrity plugin and the plan reader all follow these lists.
 */
export const BLOCK_FIELDS = {
  planDetails: ['schoolName', 'urn', 'trust', 'visitingLeader', 'hostHeadteacher', 'chairOfGovernors'],
  finding: ['statement', 'rootCause', 'notInPlanReason'],
  evidence: ['source', 'note'],
  target: ['measure', 'dataSource', 'owner'],
  priority: ['title', 'rationale', 'lead'],
  action: ['description', 'owner', 'resources', 'successCriteria'],
  reviewPoint: ['reviewer', 'impact', 'nextSteps'],
} as const

export type BlockType = keyof typeof BLOCK_FIELDS
export type FieldName = (typeof BLOCK_FIELDS)[BlockType][number]

export const BLOCK_TYPES = Object.keys(BLOCK_FIELDS) as BlockType[]

/** What each block is called wherever people read it: the editor, the insert menu, what changed. */
export const BLOCK_TYPE_LABELS: Record<BlockType, string> = {
  planDetails: 'Plan details',
  finding: 'Finding',
  evidence: 'Evidence',
  target: 'Target',
  priority: 'Priority',
  action: 'Action',
  reviewPoint: 'Review point',
}

/** Blocks that stand in the document's top level (actions live in priorities, evidence in findings). */
export const TOP_LEVEL_BLOCKS = ['planDetails', 'finding', 'target', 'priority', 'reviewPoint'] as const
export type TopLevelBlockType = (typeof TOP_LEVEL_BLOCKS)[number]

/** The group the top-level blocks belong to; the document accepts it beside ordinary blocks. */
export const PLAN_BLOCK_GROUP = 'planBlock'

export const FIELD_NODE = 'field'

export function isBlockType(name: string): name is BlockType {
  return Object.hasOwn(BLOCK_FIELDS, name)
}

/** `field{n}`: the fields of a block, by count; their names are kept in order by the integrity plugin. */
export function fieldsContent(type: BlockType): string {
  return `${FIELD_NODE}{${BLOCK_FIELDS[type].length}}`
}
