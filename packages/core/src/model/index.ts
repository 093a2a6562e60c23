export * from './source.ts';
export * from './stated.ts';
export * from './evaluation.ts';
export * from './finding.ts';
export * from './result.ts';
export * from './build.ts';
export * from './blank.ts';
export * from './total-line.ts';
