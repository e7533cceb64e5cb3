// What each QuickBooks status code, request-processor HRESULT and Web Connector error means for a bookkeeper,
// and what Ledgerbridge does about it. Sources: ../shared/reference/qbwc.md §1.6 (HRESULTs), §2.3 (status codes),
// §3.1 (pain points) and the QBWC Programmer's Guide appendix A (QBWCnnnn). The tables are exported so the
// troubleshooting page in docs/ can be generated from them and checked against them.
//
// Kinds:
// - transient:  try again later without the user (QuickBooks busy, record locked, stale EditSequence → re-query);
// - needs_user: the bookkeeper must change something in Ledgerbridge, QuickBooks or the Web Connector;
// - auth:       the Web Connector or QuickBooks refused access (password, permission prompt);
// - mapping:    a name/reference does not match QuickBooks' lists: pair it or create it.
//
// The tables: error-codes.ts (status codes, HRESULTs) and qbwc-codes.ts (the Web Connector's own).
import { HRESULTS, STATUS_CODES, type Classified, type ErrorEntry } from './error-codes.js';
import { QBWC_CODES } from './qbwc-codes.js';

export { HRESULTS, QBWC_CODES, STATUS_CODES };
export type { Classified, ErrorEntry, ErrorKind } from './error-codes.js';

const STATUS_BY_CODE = new Map(STATUS_CODES.map((x) => [Number(x.code), x]));
const HRESULT_BY_CODE = new Map(HRESULTS.map((x) => [x.code.toLowerCase(), x]));
const QBWC_BY_CODE = new Map(QBWC_CODES.map((x) => [x.code, x]));

function fill(fix: string, name: string | undefined, detail: string): string {
  return fix
    .replaceAll('{name}', name ? `"${name}"` : 'you used')
    .replaceAll('{detail}', detail || 'no detail given');
}

/** The quoted name in messages like: The name "Acme" of the list element is already in use. */
function quotedName(message: string): string | undefined {
  return /"([^"]*)"/.exec(message)?.[1];
}

/** Lock / in-use wording: consolibyte treats 3170–3180 as transient when the message says so. */
const LOCKED = /(lock|in use|being (edited|modified)|modified by another user|another user)/i;
/** Closing-date wording, as QuickBooks reports it on 3170/3180 (and on 3210 in some releases). */
const CLOSING_DATE = /closing date|closed period|closing-date/i;

/** What a qbXML statusCode means and what to do. Info codes (0) come back as transient with "Nothing to do". */
export function classifyStatus(code: number, message: string): Classified {
  const detail = message.trim();
  if (CLOSING_DATE.test(detail)) {
    return {
      kind: 'needs_user',
      userMessage:
        `The date is on or before the QuickBooks closing date (${detail}). Change the document date, or ask the ` +
        'QuickBooks administrator to move the closing date or give the closing-date password, then send again.',
    };
  }
  if (code >= 3170 && code <= 3180 && LOCKED.test(detail)) {
    return {
      kind: 'transient',
      userMessage: `The record is in use in QuickBooks (${detail}). Close it there; Ledgerbridge tries again at the next run.`,
    };
  }
  const entry = STATUS_BY_CODE.get(code);
  if (entry) return { kind: entry.kind, userMessage: fill(entry.fix, quotedName(detail), detail) };
  if (code >= 9100 && code <= 9199) {
    return {
      kind: 'needs_user',
      userMessage: `QuickBooks reported a macro error ${code} (${detail}). Please report this to Ledgerbridge support.`,
    };
  }
  if (code >= 2000 && code <= 2999) {
    return {
      kind: 'needs_user',
      userMessage: `This QuickBooks edition does not support the request (${code}: ${detail}). Update QuickBooks Desktop or stop sending this document type.`,
    };
  }
  if (code >= 500 && code < 1000) {
    return { kind: 'needs_user', userMessage: `QuickBooks warned: ${detail || `status ${code}`}.` };
  }
  return {
    kind: code >= 3000 ? 'needs_user' : 'transient',
    userMessage: `QuickBooks refused the request (status ${code}: ${detail || 'no message'}). Correct the document and send again, or report it to Ledgerbridge support.`,
  };
}

/** Normalises "0x80040400", "-2147220480" or "80040400" to "0x80040400". */
export function normalizeHresult(hresult: string): string {
  const h = hresult.trim();
  if (/^-\d+$/.test(h)) return `0x${(Number(h) >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
  const hex = /^(0x)?([0-9a-f]{8})$/i.exec(h);
  return hex ? `0x${(hex[2] ?? '').toUpperCase()}` : h;
}

/** What an HRESULT (receiveResponseXML / connectionError) or a QBWCnnnn code means and what to do. */
export function classifyHresult(hresult: string, message: string): Classified {
  const detail = message.trim();
  const qbwc = /QBWC\d{4}/.exec(`${hresult} ${detail}`)?.[0];
  const h = normalizeHresult(hresult);
  const entry = HRESULT_BY_CODE.get(h.toLowerCase()) ?? (qbwc ? QBWC_BY_CODE.get(qbwc) : undefined);
  if (entry) return { kind: entry.kind, userMessage: entry.fix };
  return {
    kind: 'transient',
    userMessage: `QuickBooks could not process the request (${h || 'no code'}${detail ? `: ${detail}` : ''}). Make sure QuickBooks is open with the right company file and run the Web Connector again.`,
  };
}

/** Every documented code: the docs page lists these and a test checks the page against them. */
export const ERROR_TABLE: readonly ErrorEntry[] = [...STATUS_CODES, ...HRESULTS, ...QBWC_CODES];

/** Severity by code range (Intuit: 0–499 Info, 500–999 Warn, 1000+ Error). */
export function isErrorStatus(code: number): boolean {
  return code >= 1000;
}
