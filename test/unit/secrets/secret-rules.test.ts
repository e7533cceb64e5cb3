// The checks that run before any keychain is touched; these run on every machine, keychain or not.

import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors';
import {
  MAX_SECRET_BYTES,
  checkConnectionId,
  checkSecretName,
  checkSecretValue,
} from '../../../main/secrets';

function refusal(check: () => void): AppError {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('secret rules', () => {
  it('limits values to 2,500 UTF-8 bytes', () => {
    expect(() => checkSecretValue('token', 'a'.repeat(MAX_SECRET_BYTES))).not.toThrow();
    expect(() => checkSecretValue('token', 'é'.repeat(1_250))).not.toThrow();
    const error = refusal(() => checkSecretValue('token', `${'é'.repeat(1_250)}a`));
    expect(error.code).toBe('secret_too_large');
    expect(error.userMessage).toBe(
      'The token credential is 2,501 bytes; the keychain accepts at most 2,500 bytes per credential. ' +
        'Check that you pasted only the key or token itself (not a whole file or extra text), then try again.',
    );
  });

  it('refuses an empty value', () => {
    expect(refusal(() => checkSecretValue('token', '')).code).toBe('invalid_input');
  });

  it('accepts ids and names from a safe alphabet only, without echoing a refused one', () => {
    for (const ok of ['a', 'refresh_token', 'conn-1.b', '3f2504e0-4f89-11d3-9a0c-0305e82c3301']) {
      expect(() => checkSecretName(ok)).not.toThrow();
      expect(() => checkConnectionId(ok)).not.toThrow();
    }
    for (const bad of ['', '-x', '.x', 'a/b', 'a b', 'a\nb', 'x'.repeat(129), 'naïve']) {
      const error = refusal(() => checkSecretName(bad));
      expect(error.code).toBe('invalid_input');
      if (bad.length > 3) expect(error.userMessage).not.toContain(bad);
      expect(refusal(() => checkConnectionId(bad)).code).toBe('invalid_input');
    }
  });
});
