export * from './frameworks/load.ts';
export { readText, type ReadTextOptions } from './text/read-text.ts';
export { readDocumentFile, readDocumentBytes, ReadError, MAX_FILE_BYTES } from './read-file.ts';
export * from './report/index.ts';
