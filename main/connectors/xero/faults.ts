// What Xero answers when something goes wrong, as messages a bookkeeper can act on. xero-node rejects API calls
// with a JSON string {response:{statusCode, body, headers}} (older versions crashed on an empty 429 body, so every
// part is optional here); validation problems come as a ValidationException with Elements[].ValidationErrors, or,
// with summarizeErrors=false, as HasErrors on each element of a 200 answer.
import { z } from 'zod';
import { ConnectorError } from '../contract.js';
import { retryAfterMs as retryAfterHeaderMs } from '../http/throttle.js';

const Messages = z.array(z.object({ Message: z.string().optional() }).passthrough());

export const ValidationBody = z
  .object({
    ErrorNumber: z.number().optional(),
    Type: z.string().optional(),
    Message: z.string().optional(),
    Elements: z.array(z.object({ ValidationErrors: Messages.optional() }).passthrough()).optional(),
  })
  .passthrough();

const Rejection = z.object({
  response: z
    .object({
      statusCode: z.number().optional(),
      body: z.unknown().optional(),
      headers: z.record(z.string(), z.unknown()).optional(),
    })
    .passthrough()
    .optional(),
});

export interface XeroFailure {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** What xero-node threw, as status, body and headers (status 0: no answer at all). */
export function failureOf(error: unknown): XeroFailure {
  let value: unknown = error;
  if (typeof error === 'string') {
    try {
      value = JSON.parse(error);
    } catch {
      return { status: 0, body: error, headers: {} };
    }
  }
  const parsed = Rejection.safeParse(value);
  const response = parsed.success ? parsed.data.response : undefined;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(response?.headers ?? {})) headers[k.toLowerCase()] = String(v);
  return {
    status: response?.statusCode ?? 0,
    body: response?.body ?? (error instanceof Error ? error.message : null),
    headers,
  };
}

export function retryAfterMs(failure: XeroFailure): number | undefined {
  return retryAfterHeaderMs(failure.headers['retry-after']);
}

/** The validation messages of an answer (a 400, or one element of a summarizeErrors=false answer). */
export function validationMessages(body: unknown): string[] {
  const parsed = ValidationBody.safeParse(body);
  if (!parsed.success) return [];
  const nested = (parsed.data.Elements ?? [])
    .flatMap((e) => e.ValidationErrors ?? [])
    .map((v) => v.Message ?? '');
  const list = nested.filter(Boolean);
  return list.length > 0 ? list : parsed.data.Message ? [parsed.data.Message] : [];
}

/** Xero's validation messages, translated where we know how to fix them. */
export function explainValidation(messages: string[], what: string): ConnectorError {
  const text = messages.join(' ');
  const detail = messages.join(' | ').slice(0, 1000);
  if (/lock date|locked period|period lock|end of year lock/i.test(text)) {
    return new ConnectorError(
      'needs_user',
      `Not sent: ${what} is dated inside a period that is locked in Xero. Ask your adviser to move the lock date (Xero → Accounting → Advanced → Financial settings), or revise the document to a later date.`,
      { detail },
    );
  }
  if (/already assigned to another contact/i.test(text)) {
    return new ConnectorError(
      'needs_user',
      `Xero already has another contact with this name (contact names are unique in Xero). Pair the supplier with that contact in Suppliers, or rename one of them.`,
      { detail },
    );
  }
  if (/Account code .* is not a valid code|Account code .*not valid|Account must be valid/i.test(text)) {
    return new ConnectorError(
      'needs_user',
      `Xero does not accept the account on a line of ${what}. Import the chart of accounts again, choose an active expense account on the line, and send again.`,
      { detail },
    );
  }
  if (/TaxType|Tax rate|tax type/i.test(text)) {
    return new ConnectorError(
      'needs_user',
      `Xero does not accept the tax rate on a line of ${what} (it must be an active rate for expenses). Import the tax rates again, pair the rate, and send again.`,
      { detail },
    );
  }
  if (/Tracking/i.test(text)) {
    return new ConnectorError(
      'needs_user',
      `Xero does not recognise the tracking on ${what}. Import the tracking categories again and choose active options (at most two categories).`,
      { detail },
    );
  }
  if (/cannot be deleted|cannot be voided|has been billed|BILLED|payments? (have|has) been/i.test(text)) {
    return new ConnectorError(
      'needs_user',
      `Xero refused to change ${what}: ${messages[0] ?? 'it is in a state that does not allow it'}. Resolve it in Xero (for example remove the payment or un-bill the order), then try again.`,
      { detail },
    );
  }
  return new ConnectorError(
    'needs_user',
    `Xero refused ${what}: ${messages[0] ?? 'it did not say why'}. Correct it in a revision and approve again.`,
    { detail },
  );
}

/** An HTTP failure of one call as our error. */
export function errorOf(failure: XeroFailure, what: string): ConnectorError {
  const detail = `HTTP ${failure.status} ${JSON.stringify(failure.body ?? '').slice(0, 500)}`;
  const wait = retryAfterMs(failure);
  if (failure.status === 429) {
    const problem = failure.headers['x-rate-limit-problem'] ?? 'minute';
    if (problem === 'day') {
      return new ConnectorError(
        'transient',
        `Xero's daily limit of 5,000 calls for this organisation is used up. Sending pauses and resumes on its own when Xero resets the limit${wait ? ` (in about ${Math.ceil(wait / 3_600_000)} h)` : ''}.`,
        { detail: `${detail} · limit ${problem}`, retryAfterMs: wait ?? 3_600_000 },
      );
    }
    return new ConnectorError(
      'transient',
      'Xero asked Ledgerbridge to slow down. Sending resumes on its own.',
      {
        detail: `${detail} · limit ${problem}`,
        retryAfterMs: wait ?? 60_000,
      },
    );
  }
  if (failure.status === 401) {
    return new ConnectorError(
      'auth',
      'The Xero authorization has expired or was revoked. Choose Reconnect in Connections; nothing waiting to be sent is lost.',
      { detail },
    );
  }
  if (failure.status === 403) {
    return new ConnectorError(
      'auth',
      'Xero did not allow this: the organisation was disconnected, or the app lacks a permission (scope). Choose Reconnect in Connections and allow access to the organisation.',
      { detail },
    );
  }
  if (failure.status === 400) return explainValidation(validationMessages(failure.body), what);
  if (failure.status === 404) {
    return new ConnectorError('needs_user', `Xero no longer has ${what}. It may have been deleted there.`, {
      detail,
    });
  }
  if (failure.status === 0) {
    return new ConnectorError('transient', 'Xero did not answer. Ledgerbridge retries on its own.', {
      detail,
    });
  }
  return new ConnectorError(
    'transient',
    `Xero had a problem with ${what} (HTTP ${failure.status}). Ledgerbridge retries.`,
    {
      detail,
    },
  );
}
