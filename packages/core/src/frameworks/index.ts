export * from './schema.ts';
export * from './error.ts';
export * from './parse.ts';
export * from './registry.ts';
export * from './detect.ts';
export { normaliseName, sameName } from './names.ts';
export { BUILTIN_FRAMEWORK_FILES, builtinRegistry } from './builtin.ts';
