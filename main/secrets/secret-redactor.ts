// The log and error layers cannot know which strings are secret: a refresh token can turn up inside a
// provider's error body, a request dump or an exception message that we never wrote. So every secret value
// that passes through the secret store is registered here, and any text bound for a log line, an error
// `detail` or the renderer is run through `redact()` first. This is the last line of defence; the first is
// not putting secrets into such text at all.

export const REDACTED = '[redacted]';

/**
 * Values shorter than this are not registered: redacting every "1234" or "true" in a log would make the log
 * useless and protect nothing, since real credentials are far longer.
 */
export const MIN_REDACTED_LENGTH = 4;

/**
 * A long-running headless server rotates refresh tokens for many connections for months. Old values are kept
 * (a rotated token may still be valid at the provider, and may still sit in a queued error), but not forever:
 * the oldest are dropped past this many, which bounds memory. Values in use are re-registered on every read,
 * so they stay at the young end.
 */
const DEFAULT_MAX_VALUES = 10_000;

export class SecretRedactor {
  // Insertion-ordered, so the first key is the least recently seen value.
  private readonly values = new Map<string, true>();
  // Longest first, so a value that contains another known value is replaced whole, not in pieces.
  private sorted: string[] | undefined;
  private readonly maxValues: number;

  constructor(options: { maxValues?: number } = {}) {
    this.maxValues = options.maxValues ?? DEFAULT_MAX_VALUES;
  }

  /** Registers a secret value (and the forms it takes once URL- or JSON-encoded) for redaction. */
  add(value: string): void {
    if (typeof value !== 'string' || value.length < MIN_REDACTED_LENGTH) return;
    for (const form of encodedForms(value)) {
      // Re-inserting moves the value to the young end of the eviction order.
      this.values.delete(form);
      this.values.set(form, true);
    }
    while (this.values.size > this.maxValues) {
      const oldest = this.values.keys().next().value;
      if (oldest === undefined) break;
      this.values.delete(oldest);
    }
    this.sorted = undefined;
  }

  /** Replaces every known secret value in `text` with "[redacted]". */
  redact(text: string): string {
    if (this.values.size === 0 || text.length < MIN_REDACTED_LENGTH) return text;
    this.sorted ??= [...this.values.keys()].sort((a, b) => b.length - a.length);
    let result = text;
    for (const value of this.sorted) {
      if (result.includes(value)) result = result.split(value).join(REDACTED);
    }
    return result;
  }

  /** How many values (including encoded forms) are registered; for diagnostics, never the values themselves. */
  get size(): number {
    return this.values.size;
  }

  /** Forgets every value. For tests and for shutting down; the app itself never needs to forget. */
  clear(): void {
    this.values.clear();
    this.sorted = undefined;
  }
}

// A token sent in a form body or embedded in JSON is no longer the same string as the raw value, and those are
// exactly the places (request dumps, provider error bodies) where secrets leak into logs.
function encodedForms(value: string): string[] {
  const forms = new Set<string>([value]);
  forms.add(encodeURIComponent(value));
  forms.add(new URLSearchParams({ v: value }).toString().slice(2));
  forms.add(JSON.stringify(value).slice(1, -1));
  return [...forms].filter((form) => form.length >= MIN_REDACTED_LENGTH);
}

/**
 * The process-wide registry. The keychain store registers into it by default; the logger and the error layer
 * redact through it.
 */
export const secretRedactor = new SecretRedactor();
