// How long a refused Web Connector sign-in takes for a known user name (wrong password) and for an unknown one,
// through the service with the real keychain when one is available (an in-memory store otherwise): the work
// alone (floor 0) and as answered (the default 250 ms floor). Equal figures mean the time says nothing about
// whether a user name exists. Each name's throttle row is cleared between attempts so every one is checked.
// Run: npx tsx bench/qbwc-sign-in-timing.ts [attempts]   (on Linux, inside scripts/test.sh's keyring for keytar)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createWebConnectorService } from '../main/connectors/quickbooks-desktop/qbwc/service.js';
import { SignInThrottle } from '../main/connectors/quickbooks-desktop/qbwc/sign-in-throttle.js';
import { openDatabase } from '../main/db/database.js';
import { insertConnection } from '../main/db/repos/connections.js';
import { KeychainSecretStore, type SecretStore } from '../main/secrets/index.js';

const ATTEMPTS = Number(process.argv[2] ?? 40);
const USER = 'bench-qbwc-user';

class MemoryStore implements Pick<SecretStore, 'get' | 'set'> {
  private readonly values = new Map<string, string>();
  get(id: string, name: string) {
    return Promise.resolve(this.values.get(`${id}/${name}`) ?? null);
  }
  set(id: string, name: string, value: string) {
    this.values.set(`${id}/${name}`, value);
    return Promise.resolve();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-bench-sign-in-'));
const db = openDatabase(dir);
const keychain = new KeychainSecretStore({ service: `Ledgerbridge-bench-${process.pid}` });
let store: Pick<SecretStore, 'get' | 'set'> = keychain;
let storeName = 'system keychain';
try {
  db.prepare(
    `INSERT INTO companies (id, name, base_currency, created_at) VALUES ('c1', 'Bench', 'USD', ?)`,
  ).run(new Date().toISOString());
  const connection = insertConnection(db, {
    companyId: 'c1',
    system: 'quickbooks_desktop',
    name: 'QuickBooks',
    settings: { username: USER },
  });
  try {
    await keychain.set(connection.id, 'webConnectorPassword', 'the right password for the bench');
  } catch {
    store = new MemoryStore();
    storeName = 'in-memory store (no keychain here)';
    await store.set(connection.id, 'webConnectorPassword', 'the right password for the bench');
  }
  const throttle = new SignInThrottle(db);
  console.log(`Refused Web Connector sign-ins, ${ATTEMPTS} each, ${storeName}; median and max in ms`);
  for (const floor of [0, 250]) {
    const service = createWebConnectorService({
      db,
      secrets: store,
      exchange: null,
      version: 'bench',
      refusalFloorMs: floor,
    });
    const times: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    for (let i = 0; i < ATTEMPTS; i += 1) {
      for (const kind of i % 2 === 0 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)) {
        const name = kind === 'known' ? USER : `nobody-${i}`;
        throttle.clear(name);
        const start = performance.now();
        await service.authenticate(name, 'a wrong password');
        times[kind].push(performance.now() - start);
      }
    }
    for (const kind of ['known', 'unknown'] as const) {
      console.log(
        `  floor ${String(floor).padStart(3)} ms  ${kind.padEnd(7)}  median ${median(times[kind]).toFixed(2).padStart(7)}  max ${Math.max(
          ...times[kind],
        )
          .toFixed(2)
          .padStart(7)}`,
      );
    }
    service.close();
  }
  if (store === keychain) await keychain.deleteAll(connection.id);
} finally {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
