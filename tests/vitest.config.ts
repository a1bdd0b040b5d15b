import { defineConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

// Three projects: unit (pure functions and stores), integration (a real server on a loopback port with
// real y-websocket clients) and e2e (Debian's Chromium driven by playwright-core against the built app).
export default defineConfig({
  root,
  test: {
    projects: [
      // (Unit tests take under 2 s; some start worker threads, which a busy machine slows several times over.)
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'client/**/*.test.ts', 'shared/**/*.test.ts'], environment: 'node', testTimeout: 20_000 } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } },
      {
        extends: true,
        test: {
          name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000,
          // One browser test file at a time: Chromium is heavy on the 2-core machines.
          fileParallelism: false,
          // A page waited for (opening, syncing) can take more than the default second on a busy machine.
          expect: { poll: { timeout: 5_000 } },
        },
      },
    ],
  },
})
