// Defence in depth for the integration log. The secrets layer's redactor removes every secret value it has
// seen; this removes the shapes credentials take in text we never wrote (request dumps, provider error bodies,
// exception messages) even when the value itself was never registered, e.g. an access token minted by a refresh
// that failed half-way.

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
