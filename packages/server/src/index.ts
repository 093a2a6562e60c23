export type { Database, Queryable } from './db/database.ts';
export { openDatabase, type OpenOptions } from './db/open.ts';
export { migrate, loadMigrations } from './db/migrate.ts';
export * from './store/evaluations.ts';
export * from './store/errors.ts';
export { importSamples } from './store/samples.ts';
export { buildApp } from './http/app.ts';
export { ensureFirstAdmin, createUser, type Role, type User } from './auth/users.ts';
