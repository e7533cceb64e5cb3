// Turns anything thrown by a handler into the wire error every transport returns. Only AppError messages are
// shown as they are; anything else becomes a generic message (its text may hold internals), and no transport
// ever sends a stack trace.
import { ZodError } from 'zod';
import type { ApiError } from '../../preload/contract.js';
import { ConnectorError } from '../connectors/contract.js';
import { AppError, type ErrorCode } from '../domain/errors.js';
import { redactText } from '../sync/redact.js';

const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  validation_failed: 422,
  not_found: 404,
  invalid_transition: 409,
  document_locked: 409,
  conflict: 409,
  secret_too_large: 400,
  keychain_unavailable: 503,
  not_supported: 400,
  unauthorized: 401,
  forbidden: 403,
  external_system: 502,
  internal: 500,
};

/** zod issues as field problems with dotted paths (`lines.2.quantity`). */
export function fromZodError(error: ZodError, what = 'The request'): AppError {
  const problems = error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    // A key the schema does not declare: one problem per key, on that key, named in the message.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const field = [...at, key].join('.');
        return {
          field,
          message: `${field} is not a setting Ledgerbridge knows; remove it (a secret belongs in the credentials, which go to the keychain)`,
        };
      });
    }
    const field = at.join('.');
    return [{ field, message: field ? `${field} ${issue.message}` : issue.message }];
  });
  const first = problems[0];
  const summary =
    problems.length === 1 && first
      ? `${what} is not valid: ${first.message}.`
      : `${what} has ${problems.length} problems${first ? `, starting with: ${first.message}` : ''}.`;
  return new AppError('invalid_input', summary, { problems });
}

export function toApiError(error: unknown): { status: number; body: ApiError } {
  const appError =
    error instanceof AppError
      ? error
      : error instanceof ZodError
        ? fromZodError(error)
        : error instanceof ConnectorError
          ? // A connector's message is written for the bookkeeper (how to fix it); its detail stays in the log.
            new AppError('external_system', error.userMessage)
          : new AppError(
              'internal',
              'Something went wrong inside Ledgerbridge. Try again; if it keeps happening, send the log from Activity to support.',
            );
  // Messages are written not to hold secrets; the redaction is the last line should one quote a provider's answer.
  const body: ApiError = { code: appError.code, message: redactText(appError.userMessage) };
  if (appError.problems.length > 0) {
    body.problems = appError.problems.map((p) => ({ field: p.field, message: redactText(p.message) }));
  }
  return { status: HTTP_STATUS[appError.code], body };
}
