export * from './model/index.ts';
export * from './numbers/index.ts';
export * from './audit/index.ts';
