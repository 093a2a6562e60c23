export * from './model/index.ts';
export * from './model/validate.ts';
export * from './numbers/index.ts';
export * from './audit/index.ts';
export * from './frameworks/index.ts';
export * from './scoring/index.ts';
export * from './summary/index.ts';
export * from './monitoring/index.ts';
