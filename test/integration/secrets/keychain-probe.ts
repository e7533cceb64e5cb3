// Decides whether the keychain tests can run here. They need a real Secret Service (DESIGN §10); on a
// developer machine without one they are skipped with a reason, but under CI=true a missing keychain is a
// failure, so CI can never go green by silently skipping them.

import { randomUUID } from 'node:crypto';
import { KeychainSecretStore } from '../../../main/secrets';
import { SecretRedactor } from '../../../main/secrets';

export interface KeychainProbe {
  available: boolean;
  reason: string;
}

export const isCI = process.env.CI === 'true';

export function uniqueService(): string {
  return `Ledgerbridge-test-${process.pid}-${randomUUID()}`;
}

/** A full write/read/delete round trip, bounded in time: a Secret Service waiting on an unlock prompt hangs. */
export async function probeKeychain(timeoutMs = 10_000): Promise<KeychainProbe> {
  const store = new KeychainSecretStore({ service: uniqueService(), redactor: new SecretRedactor() });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${timeoutMs} ms (a locked keyring?)`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([
      (async () => {
        await store.set('probe', 'probe', 'probe-value');
        const read = await store.get('probe', 'probe');
        await store.delete('probe', 'probe');
        if (read !== 'probe-value') throw new Error('the value read back differs from the value written');
      })(),
      timeout,
    ]);
    return { available: true, reason: '' };
  } catch (error) {
    const detail =
      error instanceof Error ? ((error as { detail?: string }).detail ?? error.message) : String(error);
    return {
      available: false,
      reason:
        `No usable Secret Service (${detail}). Run the tests with \`npm test\` (scripts/test.sh starts a ` +
        'private D-Bus session with gnome-keyring), or install: sudo apt-get install gnome-keyring dbus libsecret-1-dev',
    };
  } finally {
    clearTimeout(timer);
  }
}
