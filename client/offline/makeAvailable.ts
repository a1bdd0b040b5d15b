/**
 * "Make available offline": fetches a plan into this browser's copy ahead of a visit, without opening
 * the editor (and without appearing to others as present in the plan).
 */
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import type { PlanSummary } from '../../shared/api.ts'
import { MessageType } from '../../shared/protocol.ts'
import { collabServerUrl } from '../collab/openPlan.ts'
import { recordKeptPlan } from './keptPlans.ts'
import { LocalCopy } from './localCopy.ts'

const SYNC_TIMEOUT_MS = 20_000

export async function makeAvailableOffline(userId: string, plan: PlanSummary): Promise<void> {
  const doc = new Y.Doc()
  const localCopy = new LocalCopy(doc, userId, plan.id)
  let provider: WebsocketProvider | null = null
  try {
    await localCopy.loaded
    if (!localCopy.isAvailable) throw new Error('This browser cannot keep plans for offline use (its storage is switched off or full).')
    provider = new WebsocketProvider(collabServerUrl(), plan.id, doc, { connect: false, disableBc: true, maxBackoffTime: 2000 })
    // Not shown in anyone's list of people here: this is a download, not a visit.
    provider.awareness.setLocalState(null)
    // Uplift's own messages mean nothing to a download (and would be logged as unknown).
    for (const type of [MessageType.stored, MessageType.notice, MessageType.presence]) provider.messageHandlers[type] = () => {}
    const opened = provider
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The plan could not be fetched in time. Check your connection and try again.')), SYNC_TIMEOUT_MS)
      opened.on('sync', (synced: boolean) => {
        if (!synced) return
        clearTimeout(timer)
        resolve()
      })
      opened.on('connection-close', (event: CloseEvent | null) => {
        if (event && event.code >= 4400 && event.code < 4500) {
          clearTimeout(timer)
          reject(new Error(event.reason || 'The server refused to send this plan.'))
        }
      })
      opened.connect()
    })
    await localCopy.flush()
    recordKeptPlan(userId, plan)
  } finally {
    provider?.destroy()
    localCopy.destroy()
    doc.destroy()
  }
}
