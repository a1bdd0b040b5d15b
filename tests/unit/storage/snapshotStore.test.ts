// The snapshot store contract, run against every implementation; and what the embedded files do with damage.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SnapshotFiles } from '../../../server/storage/embedded/snapshotFiles.ts'
import { MemorySnapshotStore } from '../../../server/storage/memory/memorySnapshotStore.ts'
import type { SnapshotStore } from '../../../server/storage/types.ts'

const dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
})
async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'uplift-snapshots-'))
  dirs.push(dir)
  return dir
}

const implementations: [string, () => Promise<SnapshotStore>][] = [
  ['memory', async () => new MemorySnapshotStore()],
  ['embedded files', async () => new SnapshotFiles({ root: await folder(), fsync: false })],
]

describe.each(implementations)('snapshot store contract: %s', (_name, make) => {
  it('reads back what was written, per document, and nothing for what was not', async () => {
    const store = await make()
    await store.write('planAAAA', 'snapshot1', new Uint8Array([1, 2, 3]))
    await store.write('planBBBB', 'snapshot1', new Uint8Array([9]))
    expect(await store.read('planAAAA', 'snapshot1')).toEqual(new Uint8Array([1, 2, 3]))
    expect(await store.read('planBBBB', 'snapshot1')).toEqual(new Uint8Array([9]))
    expect(await store.read('planAAAA', 'snapshot2')).toBeUndefined()
  })

  it('removes states, ignoring missing ones', async () => {
    const store = await make()
    await store.write('planAAAA', 'snapshot1', new Uint8Array([1]))
    await store.remove('planAAAA', ['snapshot1', 'missing12'])
    expect(await store.read('planAAAA', 'snapshot1')).toBeUndefined()
  })
})

describe('embedded snapshot files', () => {
  it('writes one file per state and leaves no temporary files; a damaged file reads as missing', async () => {
    const root = await folder()
    const store = new SnapshotFiles({ root })
    await store.write('planAAAA', 'snapshot1', new Uint8Array([1, 2, 3, 4]))
    expect(await readdir(join(root, 'planAAAA', 'snapshots'))).toEqual(['snapshot1.bin'])
    await writeFile(join(root, 'planAAAA', 'snapshots', 'snapshot1.bin'), Buffer.from([4, 0, 0, 0, 1, 2, 3, 4, 9, 9, 9, 9]))
    expect(await store.read('planAAAA', 'snapshot1')).toBeUndefined()
    await expect(store.read('../../etc', 'snapshot1')).rejects.toThrow()
  })
})
