export * from './common.ts';
export * from './evaluations.ts';
export * from './summary.ts';
export * from './admin.ts';
export * from './results.ts';
export * from './routes.ts';
