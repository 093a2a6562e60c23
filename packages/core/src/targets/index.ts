export * from './targets.ts';
export * from './view.ts';
export * from './library.ts';
