/**
 * The editor's views of the plan's blocks: the shared schema's nodes, given React node views (and a plain
 * DOM view for text fields, said to be read-only where the plan cannot be changed), the keys that move
 * between fields, and presses on a block's blank space, which go to its nearest field.
 */
import type { AnyExtension, Node } from '@tiptap/core'
import { ReactNodeViewRenderer, type NodeViewProps } from '@tiptap/react'
import type { ReactElement } from 'react'
import { ActionView } from './ActionView.tsx'
import { BlankClick } from './blankClick.ts'
import { EvidenceView } from './EvidenceView.tsx'
import { FieldReadOnly, fieldView } from './fieldView.ts'
import { FieldKeys } from './fieldKeys.ts'
import { FindingView } from './FindingView.tsx'
import { PlanDetailsView } from './PlanDetailsView.tsx'
import { PriorityView } from './PriorityView.tsx'
import { redrawWhenDue } from './redraw.ts'
import { ReviewPointView } from './ReviewPointView.tsx'
import { TargetView } from './TargetView.tsx'
import './blocks.css'

const VIEWS: Record<string, (props: NodeViewProps) => ReactElement> = {
  planDetails: PlanDetailsView,
  finding: FindingView,
  evidence: EvidenceView,
  target: TargetView,
  priority: PriorityView,
  action: ActionView,
  reviewPoint: ReviewPointView,
}

/** The schema's extensions with the plan's block views attached, plus the field keys and blank-space presses. */
export function withBlockViews(extensions: AnyExtension[]): AnyExtension[] {
  return [
    ...extensions.map((extension) => {
      if (extension.name === 'field') return (extension as Node).extend({ addNodeView: () => fieldView })
      const view = VIEWS[extension.name]
      if (!view) return extension
      return (extension as Node).extend({
        // (A renderer per node: its waiting redraw is keyed by the node's own view.)
        addNodeView: () => (props) => ReactNodeViewRenderer(view, { className: 'plan-block-host', update: redrawWhenDue() })(props),
      })
    }),
    FieldKeys,
    FieldReadOnly,
    BlankClick,
  ]
}
