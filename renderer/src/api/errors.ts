// The one error type the renderer deals with, whatever the transport. Its message already tells the bookkeeper
// what to do (the server writes it that way), so the UI shows it as it is.
import type { ApiError } from '../../../preload/contract';

export type FieldProblem = NonNullable<ApiError['problems']>[number];

export class ApiCallError extends Error {
  readonly code: string;
  readonly problems: FieldProblem[];
  readonly status: number | null;

  constructor(code: string, message: string, problems: FieldProblem[] = [], status: number | null = null) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
    this.problems = problems;
    this.status = status;
  }
}

// Electron's ipcRenderer.invoke wraps a handler's error as "Error invoking remote method 'x': Error: message".
const IPC_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

/** Turns anything thrown by a transport into an ApiCallError, keeping code and problems where present. */
export function toApiCallError(error: unknown): ApiCallError {
  if (error instanceof ApiCallError) return error;
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: unknown; message?: unknown; problems?: unknown; error?: unknown };
    if (typeof e.error === 'object' && e.error !== null) return toApiCallError(e.error);
    const message = typeof e.message === 'string' ? e.message.replace(IPC_PREFIX, '') : String(error);
    const problems = Array.isArray(e.problems)
      ? e.problems.filter(
          (p): p is FieldProblem =>
            typeof p === 'object' && p !== null && typeof (p as FieldProblem).message === 'string',
        )
      : [];
    return new ApiCallError(typeof e.code === 'string' ? e.code : 'internal', message, problems);
  }
  return new ApiCallError('internal', String(error));
}
