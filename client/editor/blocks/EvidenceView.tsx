/** One item of evidence inside a finding. */
import type { NodeViewProps } from '@tiptap/react'
import { readEvidence } from '../../../shared/plan/model.ts'
import { EVIDENCE_KINDS, EVIDENCE_KIND_LABELS } from '../../../shared/plan/vocabulary.ts'
import { BlockFrame } from './BlockFrame.tsx'
import { ControlGrid, DateControl, SelectControl } from './inputs.tsx'
import { useSetAttributes } from './useSetAttributes.ts'

export function EvidenceView(props: NodeViewProps) {
  const set = useSetAttributes(props)
  const evidence = readEvidence(props.node)
  return (
    <BlockFrame
      view={props}
      type="evidence"
      nested
      title={[evidence.kind ? EVIDENCE_KIND_LABELS[evidence.kind] : '', evidence.source].filter(Boolean).join(', ')}
      before={(
        <ControlGrid>
          <SelectControl label="Kind of evidence" value={evidence.kind} options={EVIDENCE_KINDS} labels={EVIDENCE_KIND_LABELS}
            onChange={(kind) => set({ kind })} />
          <DateControl label="Date" value={evidence.date} onChange={(date) => set({ date })} />
        </ControlGrid>
      )}
    />
  )
}
