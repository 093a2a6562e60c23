export * from './budget-use.ts';
export * from './carry-over.ts';
