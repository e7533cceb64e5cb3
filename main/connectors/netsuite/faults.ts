// NetSuite's REST errors ({type, title, status, o:errorDetails: [{detail, o:errorCode, o:errorPath}]}) turned into
// what a bookkeeper can act on: a closed posting period, a missing role permission (named), an inactive or deleted
// reference, a duplicate, throttling. The technical detail goes to the integration log.
import { z } from 'zod';
import { ConnectorError } from '../contract.js';

export const NsErrorBody = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  'o:errorDetails': z
    .array(
      z.object({
        detail: z.string().default(''),
        'o:errorCode': z.string().default(''),
        'o:errorPath': z.string().optional(),
      }),
    )
    .default([]),
});

export interface NsFaultInfo {
  status: number;
  code: string;
  detail: string;
  path?: string;
  retryAfterMs?: number;
}

export function faultInfoOf(status: number, json: unknown, text: string): NsFaultInfo {
  const parsed = NsErrorBody.safeParse(json);
  const first = parsed.success ? parsed.data['o:errorDetails'][0] : undefined;
  return {
    status,
    code: first?.['o:errorCode'] ?? '',
    detail: first?.detail ?? (parsed.success ? (parsed.data.title ?? '') : text.slice(0, 300)),
    ...(first?.['o:errorPath'] ? { path: first['o:errorPath'] } : {}),
  };
}

export function isThrottle(info: NsFaultInfo): boolean {
  return (
    info.status === 429 ||
    info.code === 'SSS_REQUEST_LIMIT_EXCEEDED' ||
    info.code === 'CONCURRENCY_LIMIT_EXCEEDED'
  );
}

export function isNotFound(info: NsFaultInfo): boolean {
  return info.status === 404;
}

export function describeFault(info: NsFaultInfo): string {
  return [`HTTP ${info.status}`, info.code, info.detail, info.path ? `at ${info.path}` : null]
    .filter(Boolean)
    .join(' · ');
}

/** The permission NetSuite names in its answer ("Permission Violation: You need the 'Lists -> Vendors' permission"). */
function permissionIn(detail: string): string | null {
  return /(?:need|requires?) (?:the |a )?['"‘]?([^'"’]+?)['"’]? permission/i.exec(detail)?.[1] ?? null;
}

export function messageFor(
  info: NsFaultInfo,
  what: string,
): { kind: ConnectorError['kind']; message: string } {
  const text = info.detail;
  if (isThrottle(info)) {
    return {
      kind: 'transient',
      message:
        'NetSuite asked us to slow down: its request limit is shared with the other integrations of this account. Ledgerbridge retries on its own.',
    };
  }
  if (info.status === 401 || info.code === 'INVALID_LOGIN') {
    return {
      kind: 'auth',
      message:
        "NetSuite did not accept this connection's sign-in. Check the account id, that the token or certificate is still active, and that the role has the 'REST Web Services' and 'Log in using Access Tokens' (or OAuth 2.0) permissions; NetSuite's Login Audit Trail shows the reason. Then connect again.",
    };
  }
  if (/period is closed|closed period|posting period.*(closed|locked)/i.test(text)) {
    return {
      kind: 'needs_user',
      message: `NetSuite refused ${what}: its date falls in a closed or locked posting period. Reopen the period in NetSuite (Setup → Accounting → Manage Accounting Periods), or revise the document to a date in an open period, then send again.`,
    };
  }
  const permission = permissionIn(text);
  if (info.status === 403 || info.code === 'INSUFFICIENT_PERMISSION' || permission) {
    return {
      kind: 'needs_user',
      message: `NetSuite refused ${what}: the integration's role lacks the ${permission ? `'${permission}'` : 'needed'} permission. Add it to the role in Setup → Users/Roles → Manage Roles, then send again.`,
    };
  }
  if (
    info.code === 'INVALID_KEY_OR_REF' ||
    /inactive|invalid reference|Invalid .* reference key/i.test(text)
  ) {
    return {
      kind: 'needs_user',
      message: `NetSuite refused ${what}: something it refers to${info.path ? ` (${info.path})` : ''} is inactive, deleted or not available in this subsidiary. Make it active again in NetSuite, or choose another one and import the lists again, then send again. (${text})`,
    };
  }
  if (/already exists|duplicate|unique/i.test(text)) {
    return {
      kind: 'needs_user',
      message: `NetSuite refused ${what}: a record with the same number or name already exists (${text}). Check the number; if it is a different document, give it a distinct number and send again.`,
    };
  }
  if (/Please enter value\(s\) for:?\s*Subsidiary\b/i.test(text)) {
    return {
      kind: 'needs_user',
      message: `NetSuite refused ${what}: it needs a subsidiary, and this connection has none chosen. Choose the subsidiary this company is in the connection's NetSuite settings, then send again.`,
    };
  }
  if (/Please enter value\(s\) for/i.test(text)) {
    return {
      kind: 'needs_user',
      message: `NetSuite refused ${what}: a required field is missing (${text.replace(/^.*Please enter value\(s\) for:?\s*/i, '')}). This NetSuite account requires it; fill it on the document or ask us to map it, then send again.`,
    };
  }
  if (info.status >= 500) {
    return {
      kind: 'transient',
      message: 'NetSuite had a problem on its side. Ledgerbridge retries on its own.',
    };
  }
  return { kind: 'needs_user', message: `NetSuite refused ${what}: ${text || `HTTP ${info.status}`}.` };
}

/** What the bookkeeper calls the line fields NetSuite names in an error path. */
const LINE_FIELDS: Record<string, string> = {
  item: 'item',
  account: 'expense account',
  class: 'class',
  location: 'location',
  department: 'department',
  customer: 'customer or project',
  taxCode: 'tax code',
};

/**
 * A refused reference on one of our lines, said by line number and field ("the location on line 2") rather than by
 * NetSuite's sublist path, which counts item and expense lines apart. Null when the fault is not that.
 */
export function lineFaultError(
  info: NsFaultInfo,
  what: string,
  at: { line: number; field: string },
): ConnectorError | null {
  const field = LINE_FIELDS[at.field];
  const refused =
    info.code === 'INVALID_KEY_OR_REF' ||
    /inactive|invalid reference|Invalid .* reference key/i.test(info.detail);
  if (!field || !refused) return null;
  return new ConnectorError(
    'needs_user',
    `NetSuite refused ${what}: the ${field} on line ${at.line} is inactive, deleted or not available in this subsidiary. Choose another ${field} for line ${at.line} in a revision, or make it active again in NetSuite and import the lists again, then send again. (${info.detail})`,
    { detail: describeFault(info) },
  );
}

export function faultError(info: NsFaultInfo, what: string): ConnectorError {
  const { kind, message } = messageFor(info, what);
  return new ConnectorError(kind, message, {
    detail: describeFault(info),
    ...(info.retryAfterMs !== undefined ? { retryAfterMs: info.retryAfterMs } : {}),
  });
}

/** A fault NetSuite answered with, keeping the parsed detail for callers that act on it (404, dependent records). */
export class NsFault extends ConnectorError {
  constructor(
    readonly info: NsFaultInfo,
    what: string,
  ) {
    const base = faultError(info, what);
    super(base.kind, base.userMessage, {
      ...(base.detail !== undefined ? { detail: base.detail } : {}),
      ...(base.retryAfterMs !== undefined ? { retryAfterMs: base.retryAfterMs } : {}),
    });
  }
}
