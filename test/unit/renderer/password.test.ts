import { describe, expect, it } from 'vitest';
import {
  GENERATED_PASSWORD_LENGTH,
  PASSWORD_ALPHABET,
  generatePassword,
} from '../../../renderer/src/lib/password';

describe('generatePassword', () => {
  it('makes 24 characters of unambiguous letters and digits, different every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const password = generatePassword();
      expect(password).toHaveLength(GENERATED_PASSWORD_LENGTH);
      expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]+$/);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
    expect(PASSWORD_ALPHABET).not.toMatch(/[0O1lI]/);
    expect(new Set(PASSWORD_ALPHABET).size).toBe(PASSWORD_ALPHABET.length);
  });

  it('draws again for bytes that would bias the first symbols', () => {
    const n = PASSWORD_ALPHABET.length;
    const limit = 256 - (256 % n);
    // Every byte at or above the limit is skipped; the ones below map straight onto the alphabet.
    const bytes = [limit, 255, 0, limit + 1, 1, n, 2 * n + 3];
    let calls = 0;
    const password = generatePassword(4, (count) => {
      calls += 1;
      return Uint8Array.from({ length: count }, (_, i) => bytes[i] ?? 0);
    });
    expect(password).toBe([0, 1, 0, 3].map((i) => PASSWORD_ALPHABET[i]).join(''));
    expect(calls).toBe(1);
  });

  it('uses each symbol about equally often', () => {
    const counts = new Map<string, number>();
    const rounds = 2_000;
    for (let i = 0; i < rounds; i += 1) {
      for (const c of generatePassword()) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const expected = (rounds * GENERATED_PASSWORD_LENGTH) / PASSWORD_ALPHABET.length;
    expect(counts.size).toBe(PASSWORD_ALPHABET.length);
    for (const count of counts.values()) {
      expect(Math.abs(count - expected) / expected).toBeLessThan(0.2);
    }
  });
});
