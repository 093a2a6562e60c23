#!/usr/bin/env node
// Starts the compiled command (dist/jixiao.js, built by `npm install`'s prepare step) when it is as new as
// every source it was built from; otherwise — a source edited since, or no build yet — runs the TypeScript
// sources through tsx, which is slower to start but never runs stale code.
import { buildIsCurrent } from './build-state.js';

if (process.env.JIXIAO_FROM_SOURCES !== '1' && buildIsCurrent()) {
  await import('../../../dist/jixiao.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
