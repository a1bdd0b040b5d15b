import { MemoryDocumentStore } from '../../../server/storage/memory/memoryDocumentStore.ts'
import { documentStoreContract } from './documentStoreContract.ts'

documentStoreContract('the memory store', async () => {
  const store = new MemoryDocumentStore()
  // Closing the memory store keeps its contents, as a disk keeps its files.
  return { store, reopen: async () => store }
})
