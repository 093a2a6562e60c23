export * from './plan.ts';
export * from './lamp.ts';
export * from './survey.ts';
export * from './builtin.ts';
export * from './status.ts';
export * from './rectification.ts';
