// What every transport sends for a thrown error: the user's message when it was written for the user, never
// internals or a stack.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toApiError } from '../../../main/api/errors.js';
import { ConnectorError } from '../../../main/connectors/contract.js';
import { AppError } from '../../../main/domain/errors.js';

describe('toApiError', () => {
  it('passes an AppError through with its HTTP status and problems', () => {
    const error = new AppError('validation_failed', 'Fix the lines.', {
      problems: [{ field: 'lines.0.quantity', message: 'must be positive' }],
      detail: 'internal detail',
    });
    expect(toApiError(error)).toEqual({
      status: 422,
      body: {
        code: 'validation_failed',
        message: 'Fix the lines.',
        problems: [{ field: 'lines.0.quantity', message: 'must be positive' }],
      },
    });
  });

  it("gives a connector's message to the user, without its technical detail", () => {
    const error = new ConnectorError(
      'auth',
      'ServiceTrade refused the client secret. Check it in ServiceTrade and enter it again.',
      { detail: 'HTTP 401 invalid_client token=abc' },
    );
    const { status, body } = toApiError(error);
    expect(status).toBe(502);
    expect(body).toEqual({
      code: 'external_system',
      message: 'ServiceTrade refused the client secret. Check it in ServiceTrade and enter it again.',
    });
    expect(JSON.stringify(body)).not.toContain('abc');
  });

  it('turns a zod error into field problems', () => {
    const parsed = z.object({ name: z.string() }).safeParse({});
    if (parsed.success) throw new Error('expected a failure');
    const { status, body } = toApiError(parsed.error);
    expect(status).toBe(400);
    expect(body.code).toBe('invalid_input');
    expect(body.problems?.[0]?.field).toBe('name');
  });

  it('hides anything else behind a generic message', () => {
    const { status, body } = toApiError(new Error('SQLITE_CORRUPT at /home/user/secret/path'));
    expect(status).toBe(500);
    expect(body.code).toBe('internal');
    expect(body.message).not.toContain('/home/user');
  });
});
