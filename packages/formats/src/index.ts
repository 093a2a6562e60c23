export * from './frameworks/load.ts';
