import { defineConfig } from 'vitest/config';

/** 端到端测试 — one headless-Chromium run over the built UI and an in-process server. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    // A page read on a loaded CI machine can take seconds; the default 1 s poll gave up before the page had drawn.
    expect: { poll: { timeout: 15_000 } },
  },
});
