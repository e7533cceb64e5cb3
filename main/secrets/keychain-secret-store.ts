// Secrets live only in the OS keychain (DESIGN §7): macOS Keychain, Windows Credential Manager, or a Secret
// Service (GNOME Keyring, KWallet, KeePassXC) on Linux, all through keytar.

import type * as Keytar from 'keytar';
import { AppError, isAppError } from '../domain/errors';
import { type SecretRedactor, secretRedactor } from './secret-redactor';
import { checkConnectionId, checkSecretName, checkSecretValue } from './secret-rules';
import type { SecretStore } from './secret-store';

export const DEFAULT_KEYCHAIN_SERVICE = 'Ledgerbridge';

type KeytarApi = typeof Keytar;

export interface KeychainSecretStoreOptions {
  /** The keychain service name. Tests pass a unique one so they never touch a real user's entries. */
  service?: string;
  /** Where values are registered for redaction; the process-wide registry unless a test isolates it. */
  redactor?: SecretRedactor;
}

/**
 * One keychain entry per secret, service "Ledgerbridge", account `${connectionId}/${name}`. One entry per
 * secret (rather than one JSON blob per connection) keeps each entry under Windows Credential Manager's size
 * limit and lets a refresh-token rotation rewrite only that token.
 */
export class KeychainSecretStore implements SecretStore {
  readonly service: string;
  private readonly redactor: SecretRedactor;

  constructor(options: KeychainSecretStoreOptions = {}) {
    this.service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
    this.redactor = options.redactor ?? secretRedactor;
    if (this.service.length === 0) throw new Error('KeychainSecretStore: service must not be empty');
  }

  async get(connectionId: string, name: string): Promise<string | null> {
    const account = accountFor(connectionId, name);
    const value = await this.keychain('read', (keytar) => keytar.getPassword(this.service, account));
    if (value !== null) this.redactor.add(value);
    return value;
  }

  async set(connectionId: string, name: string, value: string): Promise<void> {
    const account = accountFor(connectionId, name);
    // Checked before keytar is even loaded, so a refused value leaves the keychain exactly as it was
    // (including any previous value under the same name).
    checkSecretValue(name, value);
    // Registered before the write: if the write fails, its error text must already be scrubbed of the value.
    this.redactor.add(value);
    await this.keychain('write', (keytar) => keytar.setPassword(this.service, account, value));
  }

  async delete(connectionId: string, name: string): Promise<boolean> {
    const account = accountFor(connectionId, name);
    // The value stays registered in the redactor: a deleted or rotated token may still be valid at the
    // provider and may still appear in text that is about to be logged.
    return this.keychain('delete', (keytar) => keytar.deletePassword(this.service, account));
  }

  async deleteAll(connectionId: string): Promise<number> {
    const names = await this.names(connectionId);
    let removed = 0;
    for (const name of names) {
      if (await this.delete(connectionId, name)) removed += 1;
    }
    return removed;
  }

  async names(connectionId: string): Promise<string[]> {
    checkConnectionId(connectionId);
    const prefix = `${connectionId}/`;
    // keytar can only list a whole service, and the listing carries the values too. They are in this process
    // now either way, so they are registered for redaction like any other value read.
    const credentials = await this.keychain('list', (keytar) => keytar.findCredentials(this.service));
    const names: string[] = [];
    for (const { account, password } of credentials) {
      if (!account.startsWith(prefix)) continue;
      this.redactor.add(password);
      names.push(account.slice(prefix.length));
    }
    return names.sort();
  }

  /** Runs one keytar call, turning any failure into an AppError that says how to get the keychain working. */
  private async keychain<T>(operation: string, call: (keytar: KeytarApi) => Promise<T>): Promise<T> {
    const keytar = await loadKeytar();
    try {
      return await call(keytar);
    } catch (error) {
      if (isAppError(error)) throw error;
      // keytar's messages come from libsecret, Security.framework or the Win32 API and name the failure, not
      // the value; they are redacted anyway because `detail` goes to the integration log.
      throw keychainUnavailable(this.redactor.redact(`keychain ${operation} failed: ${describe(error)}`));
    }
  }
}

function accountFor(connectionId: string, name: string): string {
  checkConnectionId(connectionId);
  checkSecretName(name);
  return `${connectionId}/${name}`;
}

// keytar is a native module that links libsecret on Linux. Loading it lazily means a machine without
// libsecret still starts (headless mode, the unit tests, the parts of the app that need no secret) and the
// failure surfaces as a keychain_unavailable error with instructions, at the moment a secret is needed.
let keytarModule: Promise<KeytarApi> | undefined;

function loadKeytar(): Promise<KeytarApi> {
  keytarModule ??= import('keytar').then(
    (mod: KeytarApi & { default?: KeytarApi }) => mod.default ?? mod,
    (error: unknown) => {
      // Not cached: the user may install the missing library and retry without restarting.
      keytarModule = undefined;
      throw keychainUnavailable(`could not load keytar: ${describe(error)}`);
    },
  );
  return keytarModule;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function keychainUnavailable(detail: string): AppError {
  return new AppError('keychain_unavailable', keychainHelp(process.platform), { detail });
}

function keychainHelp(platform: NodeJS.Platform): string {
  const what =
    'Ledgerbridge keeps passwords and sign-in tokens in the system keychain, and could not use it.';
  switch (platform) {
    case 'win32':
      return (
        `${what} Windows Credential Manager is not available. Sign in to Windows with your own user account ` +
        '(not a temporary or guest profile), check that Credential Manager opens from the Control Panel, ' +
        'then try again.'
      );
    case 'darwin':
      return (
        `${what} Open Keychain Access, make sure the login keychain is unlocked, and choose "Allow" when ` +
        'macOS asks whether Ledgerbridge may use it. Then try again.'
      );
    default:
      return (
        `${what} Linux needs a Secret Service: install GNOME Keyring (on Debian or Ubuntu: ` +
        'sudo apt install gnome-keyring libsecret-1-0) or use another Secret Service such as KWallet or ' +
        'KeePassXC, make sure it is running and unlocked in your desktop session, then try again. On a server ' +
        'without a desktop, run Ledgerbridge inside a D-Bus session with an unlocked gnome-keyring-daemon.'
      );
  }
}
