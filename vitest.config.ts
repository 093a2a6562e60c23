import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    reporters: ['default', './scripts/vitest-summary.ts'],
  },
});
