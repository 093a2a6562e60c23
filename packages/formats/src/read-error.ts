/** Largest file read, in bytes: a self-evaluation report is a few hundred KB; 20 MB is not a report. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** A file that cannot be read as a report; the message is in Chinese and names the file. */
export class ReadError extends Error {
  file: string;
  line?: number;
  constructor(file: string, message: string, line?: number) {
    super(message);
    this.name = 'ReadError';
    this.file = file;
    if (line !== undefined) this.line = line;
  }
}
