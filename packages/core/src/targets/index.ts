export * from './targets.ts';
export * from './view.ts';
