import { describe, expect, it } from 'vitest';
import { REDACTED, SecretRedactor } from '../../../main/secrets';

describe('SecretRedactor', () => {
  it('replaces every occurrence of every known value', () => {
    const redactor = new SecretRedactor();
    redactor.add('tok-123456');
    redactor.add('sec-abcdef');
    expect(redactor.redact('a tok-123456 b sec-abcdef c tok-123456')).toBe(
      `a ${REDACTED} b ${REDACTED} c ${REDACTED}`,
    );
  });

  it('leaves text alone when it holds no known value, and ignores values under 4 characters', () => {
    const redactor = new SecretRedactor();
    redactor.add('abc');
    redactor.add('');
    expect(redactor.size).toBe(0);
    expect(redactor.redact('abc abcd')).toBe('abc abcd');
  });

  it('redacts values of exactly 4 characters', () => {
    const redactor = new SecretRedactor();
    redactor.add('w0rd');
    expect(redactor.redact('pw=w0rd')).toBe(`pw=${REDACTED}`);
  });

  it('replaces a longer value whole when it contains a shorter known one', () => {
    const redactor = new SecretRedactor();
    redactor.add('abcd');
    redactor.add('abcdefgh');
    expect(redactor.redact('x abcdefgh y abcd')).toBe(`x ${REDACTED} y ${REDACTED}`);
  });

  it('also catches the URL-encoded and JSON-escaped forms of a value', () => {
    const redactor = new SecretRedactor();
    const value = 'a+b/c=d "q" é';
    redactor.add(value);
    const form = new URLSearchParams({ refresh_token: value }).toString();
    expect(redactor.redact(form)).toBe(`refresh_token=${REDACTED}`);
    expect(redactor.redact(`?t=${encodeURIComponent(value)}`)).toBe(`?t=${REDACTED}`);
    expect(redactor.redact(JSON.stringify({ t: value }))).toBe(`{"t":"${REDACTED}"}`);
  });

  it('forgets the least recently seen values past its limit, keeping the ones still in use', () => {
    const redactor = new SecretRedactor({ maxValues: 3 });
    redactor.add('old-1');
    redactor.add('old-2');
    redactor.add('old-3');
    redactor.add('old-1'); // seen again: now the youngest
    redactor.add('new-4');
    expect(redactor.size).toBe(3);
    expect(redactor.redact('old-1 old-2 old-3 new-4')).toBe(`${REDACTED} old-2 ${REDACTED} ${REDACTED}`);
  });
});
