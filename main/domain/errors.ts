// Every error that can reach a person carries a message that says what happened and how to fix it
// (Conductor's error model). `code` is stable for automation; `detail` is technical and may go to the
// integration log, never to a toast. Nothing secret may be put in any of the three.

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'validation_failed'
  | 'invalid_transition'
  | 'document_locked'
  | 'conflict'
  | 'secret_too_large'
  | 'keychain_unavailable'
  | 'not_supported'
  | 'unauthorized'
  | 'forbidden'
  /** The other system (QuickBooks, Xero, ServiceTrade, ...) refused or failed; the message says what to do. */
  | 'external_system'
  | 'internal';

export interface FieldProblem {
  /** Dotted path into the input, e.g. `lines.2.quantity`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Plain-language message for the bookkeeper: what is wrong and what to do about it. */
  readonly userMessage: string;
  readonly problems: FieldProblem[];
  readonly detail: string | undefined;

  constructor(
    code: ErrorCode,
    userMessage: string,
    options: { problems?: FieldProblem[]; detail?: string } = {},
  ) {
    super(userMessage);
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
    this.problems = options.problems ?? [];
    this.detail = options.detail;
  }
}

export function notFound(what: string, id: string): AppError {
  return new AppError(
    'not_found',
    `${what} ${id} does not exist. It may have been deleted; reload and try again.`,
  );
}

export function validationFailed(problems: FieldProblem[]): AppError {
  const first = problems[0];
  const summary =
    problems.length === 1 && first
      ? first.message
      : `${problems.length} problems need fixing before this can be saved${first ? `, starting with: ${first.message}` : '.'}`;
  return new AppError('validation_failed', summary, { problems });
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
