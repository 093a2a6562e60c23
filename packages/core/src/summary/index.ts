export * from './money.ts';
export * from './evaluation-money.ts';
export * from './lines.ts';
