import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // Time limits here only catch hangs; a loaded CI machine may run a heavy test several times slower.
      { test: { name: 'shared', include: ['shared/src/**/*.test.ts'], environment: 'node', testTimeout: 20_000 } },
      {
        test: {
          name: 'server',
          include: ['server/test/**/*.test.ts', 'server/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
    ],
  },
});
