export * from './money.ts';
export * from './evaluation-money.ts';
export * from './lines.ts';
export * from './engine-version.ts';
export * from './sums.ts';
