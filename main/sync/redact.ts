// Defence in depth for the integration log. The secrets layer's redactor removes every secret value it has
// seen; this removes the shapes credentials take in text we never wrote (request dumps, provider error bodies,
// exception messages) even when the value itself was never registered, e.g. an access token minted by a refresh
// that failed half-way.
//
// redactText and describeError are the one path for anything the app stores or prints: the integration log, the
// job ledger's columns, Web Connector session problems, the API's error answers and console lines.
import { secretRedactor } from '../secrets/secret-redactor.js';

const REDACTED = '[redacted]';

// accessToken, access_token, access-token, ... as JSON keys, form fields and query parameters.
const SENSITIVE_KEY =
  '(?:access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|consumer[_-]?secret|token[_-]?secret|oauth[_-]?token[_-]?secret|code[_-]?verifier|password|api[_-]?key)';

// The closing quote may be missing: provider bodies are often cut to a length before they reach a log.
const JSON_FIELD = new RegExp(`("${SENSITIVE_KEY}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*(?:"|$)`, 'gi');
const QUERY_PARAM = new RegExp(`(^|[?&;,\\s{(])(${SENSITIVE_KEY})=([^&\\s"'#;,)}]*)`, 'gi');
const JSON_AUTHORIZATION = /("authorization"\s*:\s*)"(?:[^"\\]|\\.)*(?:"|$)/gi;
// The header as it appears in a request dump: everything after the colon up to the end of the line.
const HEADER_AUTHORIZATION = /(\b(?:proxy-)?authorization\s*:\s*)(?!\[redacted\])[^\r\n]+/gi;
const BEARER = /\b(Bearer|Basic)\s+(?!\[redacted\])[A-Za-z0-9\-._~+/]+=*/g;

/** Strips Authorization header values, bearer tokens and credential fields from free text. */
export function stripCredentials(text: string): string {
  return text
    .replace(JSON_AUTHORIZATION, `$1"${REDACTED}"`)
    .replace(HEADER_AUTHORIZATION, `$1${REDACTED}`)
    .replace(JSON_FIELD, `$1"${REDACTED}"`)
    .replace(QUERY_PARAM, `$1$2=${REDACTED}`)
    .replace(BEARER, `$1 ${REDACTED}`);
}

export type Redact = (text: string) => string;

/** The secrets layer's redaction first (known values), then the shape-based stripping. */
export function composeRedact(redact: Redact): Redact {
  return (text) => stripCredentials(redact(text));
}

/** The one redaction for text that is stored or printed: every known secret value, then credential shapes. */
export const redactText: Redact = composeRedact((text) => secretRedactor.redact(text));

/**
 * A redacted one-block summary of anything thrown, for a console line: name, message, the technical detail our
 * errors carry and the stack — never the object itself, whose other fields (a request, headers, a response body)
 * would be printed whole.
 */
export function describeError(error: unknown, maxLength = 4_000): string {
  let text: string;
  if (error instanceof Error) {
    const detail = (error as { detail?: unknown }).detail;
    const head = `${error.name}: ${error.message}`;
    const stack = typeof error.stack === 'string' ? error.stack : '';
    // The stack's first line repeats name and message; keep only the frames.
    const frames = stack.startsWith(head) ? stack.slice(head.length) : stack ? `\n${stack}` : '';
    text = `${head}${typeof detail === 'string' && detail ? `\n${detail}` : ''}${frames}`;
    const cause = (error as { cause?: unknown }).cause;
    if (cause !== undefined && cause !== error) {
      text += `\nCaused by: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : safeString(cause)}`;
    }
  } else {
    text = safeString(error);
  }
  // Redacted before it is cut: half a secret would no longer match its registered value.
  const redacted = redactText(text);
  return redacted.length > maxLength ? `${redacted.slice(0, maxLength)}…` : redacted;
}

function safeString(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
