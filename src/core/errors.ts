/**
 * Every error we raise on purpose is an AppError: a stable `code` for logs and tests, the
 * `context` that explains it, the `cause` it wraps, and whether trying again can help.
 * Entry points (HTTP, CLI, jobs) catch these at one boundary and decide what the user sees.
 */
export class AppError extends Error {
  override readonly name: string = 'AppError';
  readonly code: string;
  readonly context: Readonly<Record<string, unknown>>;
  readonly retryable: boolean;

  constructor(
    code: string,
    message: string,
    options: { context?: Record<string, unknown>; cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.context = Object.freeze({ ...(options.context ?? {}) });
    this.retryable = options.retryable ?? false;
  }
}

/** Input that a person or a file gave us and that we refuse; retrying the same input cannot help. */
export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, issues: readonly ValidationIssue[], context: Record<string, unknown> = {}) {
    super('VALIDATION_FAILED', message, { context: { ...context, issueCount: issues.length } });
    this.issues = issues;
  }
}

/** One reason a piece of input was refused, pointing at where it is (row, column, field). */
export interface ValidationIssue {
  /** 1-based row number as the user sees it in their spreadsheet (header is row 1). */
  row?: number;
  column?: string;
  sheet?: string;
  message: string;
}

/** Something the caller asked for does not exist (a unit code, an invitation). */
export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  constructor(entity: string, key: string, context: Record<string, unknown> = {}) {
    super('NOT_FOUND', `${entity} not found: ${key}`, { context: { ...context, entity, key } });
  }
}

/** The caller may not see or change this (a leader outside their subtree, a wrong unit). */
export class ForbiddenError extends AppError {
  override readonly name = 'ForbiddenError';
  constructor(message: string, context: Record<string, unknown> = {}) {
    super('FORBIDDEN', message, { context });
  }
}

/** Turns anything thrown into text for a log line or a terminal, keeping the cause chain. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    if (current instanceof Error) {
      const code = current instanceof AppError ? ` [${current.code}]` : '';
      parts.push(`${current.name}${code}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join('\n  caused by ');
}
