/** Snapshot states in memory: for tests and throwaway servers. */
import type { SnapshotStore } from '../types.ts'

export class MemorySnapshotStore implements SnapshotStore {
  private readonly states = new Map<string, Uint8Array>()

  async write(documentId: string, id: string, state: Uint8Array): Promise<void> {
    this.states.set(`${documentId}/${id}`, new Uint8Array(state))
  }

  async read(documentId: string, id: string): Promise<Uint8Array | undefined> {
    const state = this.states.get(`${documentId}/${id}`)
    return state ? new Uint8Array(state) : undefined
  }

  async remove(documentId: string, ids: string[]): Promise<void> {
    for (const id of ids) this.states.delete(`${documentId}/${id}`)
  }
}
