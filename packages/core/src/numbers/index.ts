export * from './decimal.ts';
export * from './parse.ts';
export * from './tolerance.ts';
export * from './execution.ts';
export * from './format.ts';
