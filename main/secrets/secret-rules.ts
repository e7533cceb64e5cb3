// The checks every secret store applies before it touches storage, kept apart from keytar so that they are
// the same for any store and can be reasoned about without a keychain.

import { AppError } from '../domain/errors';

/**
 * Windows Credential Manager refuses a credential blob over 2,560 bytes (CRED_MAX_CREDENTIAL_BLOB_SIZE), and
 * keytar stores the UTF-8 bytes there. 2,500 leaves a margin and is the same limit on every OS, so a secret
 * that works on a Linux or macOS machine also works on the bookkeeper's Windows workstation.
 */
export const MAX_SECRET_BYTES = 2_500;

// Connection ids and names become part of the keychain account (`${connectionId}/${name}`), which the user can
// see in Keychain Access, Credential Manager or Seahorse. A small safe alphabet keeps that account readable,
// keeps '/' unambiguous as the separator, and keeps control characters and paths out of the keychain.
const SAFE_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function checkConnectionId(connectionId: string): void {
  if (typeof connectionId !== 'string' || !SAFE_PART.test(connectionId)) {
    throw new AppError(
      'invalid_input',
      'This connection has an id that cannot be used to store its credentials. Remove the connection and add it again.',
      {
        problems: [
          { field: 'connectionId', message: 'Use 1 to 128 letters, digits, dots, underscores or hyphens.' },
        ],
      },
    );
  }
}

export function checkSecretName(name: string): void {
  if (typeof name !== 'string' || !SAFE_PART.test(name)) {
    // The rejected name is not echoed: a caller that mixed up its arguments could be passing a secret here.
    throw new AppError(
      'invalid_input',
      'A credential could not be stored because its name is not valid. This is a bug in Ledgerbridge; please report it.',
      {
        problems: [{ field: 'name', message: 'Use 1 to 128 letters, digits, dots, underscores or hyphens.' }],
      },
    );
  }
}

/** Refuses a value that is empty, not text, or too large for the keychain. The value never enters the error. */
export function checkSecretValue(name: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new AppError(
      'invalid_input',
      `The ${name} credential is empty. Enter it again; to remove a credential, disconnect instead.`,
      { problems: [{ field: 'value', message: 'Must not be empty.' }] },
    );
  }
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_SECRET_BYTES) {
    throw new AppError(
      'secret_too_large',
      `The ${name} credential is ${formatCount(bytes)} bytes; the keychain accepts at most ` +
        `${formatCount(MAX_SECRET_BYTES)} bytes per credential. Check that you pasted only the key or token ` +
        `itself (not a whole file or extra text), then try again.`,
      { problems: [{ field: 'value', message: `At most ${formatCount(MAX_SECRET_BYTES)} bytes (UTF-8).` }] },
    );
  }
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
