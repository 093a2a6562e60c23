/** A save that started from an older version than the one now stored: refused, nothing overwritten. */
export class ConflictError extends Error {
  readonly status = 409;
  constructor(
    message: string,
    readonly current: { version: number; updatedAt: string; updatedBy: string },
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

export class NotFoundError extends Error {
  readonly status = 404;
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Something that may be created once only (a framework version) already exists: nothing replaced. */
export class AlreadyExistsError extends Error {
  readonly status = 409;
  constructor(message: string) {
    super(message);
    this.name = 'AlreadyExistsError';
  }
}
