// Runs against a real Secret Service (gnome-keyring in the private D-Bus session that scripts/test.sh starts),
// never a mock: what is being tested is precisely what the keychain accepts and returns.

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import keytar from 'keytar';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors';
import { KeychainSecretStore, MAX_SECRET_BYTES, REDACTED, SecretRedactor } from '../../../main/secrets';
import { isCI, probeKeychain, uniqueService } from './keychain-probe';

const probe = await probeKeychain();
if (!probe.available && !isCI) {
  console.warn(`\n[secrets] SKIPPING the keychain tests: ${probe.reason}\n`);
}

// Everything the tests ever stored, and values that must never show up in an error.
const secretsUsed: string[] = [];
function secret(label: string): string {
  const value = `s3cr3t-${label}-${Math.random().toString(36).slice(2)}`;
  secretsUsed.push(value);
  return value;
}

function expectNoSecretIn(error: unknown, ...values: string[]): void {
  const e = error as AppError;
  const text = [e.message, e.userMessage, e.detail ?? '', e.stack ?? '', JSON.stringify(e), String(e)].join(
    '\n',
  );
  for (const value of values) expect(text).not.toContain(value);
}

async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the call to be refused');
}

describe.runIf(probe.available || isCI)('KeychainSecretStore with a real Secret Service', () => {
  const service = uniqueService();
  let redactor: SecretRedactor;
  let store: KeychainSecretStore;

  beforeEach(() => {
    redactor = new SecretRedactor();
    store = new KeychainSecretStore({ service, redactor });
  });

  afterAll(async () => {
    if (!probe.available) return;
    for (const { account } of await keytar.findCredentials(service))
      await keytar.deletePassword(service, account);
  });

  it('has a Secret Service to talk to (under CI=true a missing one fails here instead of skipping)', () => {
    expect(probe.reason).toBe('');
    expect(probe.available).toBe(true);
  });

  it('stores, reads back and overwrites a value under one entry per secret', async () => {
    const first = secret('first');
    const second = secret('second');
    expect(await store.get('conn-set', 'refresh_token')).toBeNull();

    await store.set('conn-set', 'refresh_token', first);
    expect(await store.get('conn-set', 'refresh_token')).toBe(first);
    // The entry is the documented one, so it can be found and removed by hand in Seahorse or Keychain Access.
    expect(await keytar.getPassword(service, 'conn-set/refresh_token')).toBe(first);

    await store.set('conn-set', 'refresh_token', second);
    expect(await store.get('conn-set', 'refresh_token')).toBe(second);
    const entries = (await keytar.findCredentials(service)).filter(
      (c) => c.account === 'conn-set/refresh_token',
    );
    expect(entries).toHaveLength(1);
  });

  it('deletes one value and reports whether there was one', async () => {
    await store.set('conn-del', 'client_secret', secret('del'));
    await store.set('conn-del', 'refresh_token', secret('keep'));

    expect(await store.delete('conn-del', 'client_secret')).toBe(true);
    expect(await store.get('conn-del', 'client_secret')).toBeNull();
    expect(await store.delete('conn-del', 'client_secret')).toBe(false);
    expect(await store.names('conn-del')).toEqual(['refresh_token']);
  });

  it('lists the names of one connection only, sorted', async () => {
    await store.set('conn-a', 'refresh_token', secret('a1'));
    await store.set('conn-a', 'client_secret', secret('a2'));
    await store.set('conn-a2', 'refresh_token', secret('other'));
    await store.set('conn-b', 'token_secret', secret('b'));

    // 'conn-a2' shares a prefix with 'conn-a' and must not leak into its listing.
    expect(await store.names('conn-a')).toEqual(['client_secret', 'refresh_token']);
    expect(await store.names('conn-b')).toEqual(['token_secret']);
    expect(await store.names('conn-none')).toEqual([]);
  });

  it('deleteAll removes every value of a connection and nothing of another', async () => {
    const kept = secret('kept');
    await store.set('conn-x', 'refresh_token', secret('x1'));
    await store.set('conn-x', 'client_secret', secret('x2'));
    await store.set('conn-x', 'webconnector_password', secret('x3'));
    await store.set('conn-y', 'refresh_token', kept);

    expect(await store.deleteAll('conn-x')).toBe(3);
    expect(await store.names('conn-x')).toEqual([]);
    expect(await store.get('conn-x', 'refresh_token')).toBeNull();
    expect(await store.get('conn-y', 'refresh_token')).toBe(kept);
    expect(await store.deleteAll('conn-x')).toBe(0);
  });

  it('accepts a value of exactly 2,500 bytes and reads it back intact', async () => {
    const value = 'k'.repeat(MAX_SECRET_BYTES);
    await store.set('conn-size', 'token_secret', value);
    expect(await store.get('conn-size', 'token_secret')).toBe(value);
  });

  it('refuses a 2,501-byte value before writing anything, and keeps the previous value', async () => {
    const tooBig = 'z'.repeat(MAX_SECRET_BYTES + 1);
    const error = await caught(store.set('conn-big', 'refresh_token', tooBig));
    expect(error.code).toBe('secret_too_large');
    expect(error.userMessage).toContain('2,501 bytes');
    expect(error.userMessage).toContain('at most 2,500');
    expectNoSecretIn(error, tooBig);
    expect(await store.names('conn-big')).toEqual([]);
    expect(await keytar.getPassword(service, 'conn-big/refresh_token')).toBeNull();

    const previous = secret('previous');
    await store.set('conn-big', 'refresh_token', previous);
    await expect(store.set('conn-big', 'refresh_token', tooBig)).rejects.toMatchObject({
      code: 'secret_too_large',
    });
    expect(await store.get('conn-big', 'refresh_token')).toBe(previous);
  });

  it('counts UTF-8 bytes, not characters', async () => {
    // 'é' is 2 bytes and '🔑' is 4: both values are 2,500 bytes but far fewer characters.
    const accented = 'é'.repeat(1_250);
    const keys = '🔑'.repeat(625);
    await store.set('conn-utf8', 'accented', accented);
    await store.set('conn-utf8', 'keys', keys);
    expect(await store.get('conn-utf8', 'accented')).toBe(accented);
    expect(await store.get('conn-utf8', 'keys')).toBe(keys);

    // 1,251 characters, 2,501 bytes: refused, though a character count would let it through.
    const over = `${accented}a`;
    const error = await caught(store.set('conn-utf8', 'over', over));
    expect(error.code).toBe('secret_too_large');
    expect(error.userMessage).toContain('2,501 bytes');
    expectNoSecretIn(error, over);
    expect(await store.names('conn-utf8')).toEqual(['accented', 'keys']);
  });

  it('registers values with the redactor on set and on get', async () => {
    const written = secret('written');
    await store.set('conn-red', 'refresh_token', written);
    expect(redactor.redact(`refresh failed for token ${written}`)).toBe(
      `refresh failed for token ${REDACTED}`,
    );

    // A value stored by an earlier run is only known once it has been read.
    const earlier = secret('earlier');
    await keytar.setPassword(service, 'conn-red/client_secret', earlier);
    expect(redactor.redact(earlier)).toBe(earlier);
    expect(await store.get('conn-red', 'client_secret')).toBe(earlier);
    expect(redactor.redact(`body: {"client_secret":"${earlier}"}`)).toBe(
      `body: {"client_secret":"${REDACTED}"}`,
    );
  });

  it('refuses bad connection ids and names without echoing them', async () => {
    const value = secret('bad-name');
    for (const [connectionId, name] of [
      ['', 'refresh_token'],
      ['conn/1', 'refresh_token'],
      ['conn-1', ''],
      ['conn-1', '../refresh'],
      ['conn-1', 'has space'],
      ['conn-1', value + '\n'],
    ] as const) {
      const error = await caught(store.set(connectionId, name, value));
      expect(error.code).toBe('invalid_input');
      expectNoSecretIn(error, value);
    }
    const empty = await caught(store.set('conn-1', 'refresh_token', ''));
    expect(empty.code).toBe('invalid_input');
    expect(await store.names('conn-1')).toEqual([]);
  });

  it('never puts a value it has stored into any error it raises', async () => {
    const stored = secret('stored');
    await store.set('conn-err', 'refresh_token', stored);
    const errors = [
      await caught(store.set('conn-err', 'refresh_token', stored + 'x'.repeat(MAX_SECRET_BYTES))),
      await caught(store.get('conn err', 'refresh_token')),
      await caught(store.names('')),
    ];
    for (const error of errors) expectNoSecretIn(error, stored, ...secretsUsed);
  });
});

describe.runIf(process.platform === 'linux')('KeychainSecretStore without a Secret Service', () => {
  it('fails with keychain_unavailable and instructions, and without the secret', async () => {
    const value = `s3cr3t-unreachable-${Math.random().toString(36).slice(2)}`;
    const script = fileURLToPath(new URL('./fixtures/unreachable-keychain.ts', import.meta.url));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // A bus that does not exist, and no X display to autolaunch one from.
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ledgerbridge-test-bus',
      PROBE_SECRET: value,
    };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      env,
      timeout: 20_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(result.ok).toBe(false);
    expect(result.code).toBe('keychain_unavailable');
    expect(result.userMessage).toMatch(/gnome-keyring/i);
    expect(result.userMessage).toMatch(/unlocked/);
    expect(stdout).not.toContain(value);
  });
});
