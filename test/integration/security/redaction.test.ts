// One redaction path for everything stored or printed (issue 14, item 6): a token or secret planted in each path —
// Web Connector session problems, the API's error answers, the console lines of the server, the Web Connector
// endpoint and the sync worker, and a minted access token — never reaches a database row, an API answer or the
// console.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../../main/app.js';
import { AccessTokens } from '../../../main/connectors/http/access-tokens.js';
import { AppError } from '../../../main/domain/errors.js';
import { toApiError } from '../../../main/api/errors.js';
import { secretRedactor } from '../../../main/secrets/index.js';
import { startServer } from '../../../main/server.js';
import { enqueueSend } from '../../../main/sync/outbox.js';
import { describeError, redactText } from '../../../main/sync/redact.js';
import { SyncWorker } from '../../../main/sync/worker.js';
import { EchoQuickBooks, FakeExchange } from '../qbwc/fake-exchange.js';
import { startQbwc, type QbwcHarness } from '../qbwc/harness.js';
import { wsdlOracleAvailable } from '../../simulators/web-connector/fake-web-connector.js';
import { TestConnector } from '../../simulators/test-connector.js';
import {
  insertCompany,
  insertConnection,
  insertDocument,
  insertSupplier,
  loadDocument,
  loadSupplier,
  tempDatabase,
} from '../../fixtures/sync/db.js';

// A value the secrets layer has seen (as the keychain store registers every value it reads or writes).
const REGISTERED = 'reg-5ecret-8c1d2e3f4a5b6c7d';
// Shapes no registry knows: a bearer token and a password field in text a provider or QuickBooks wrote.
const BEARER = 'eyJhbGciOiJSUzI1NiJ9.never-registered-token.sig';
const PASSWORD = 'hunter2-pa55word-1234';

const planted = `failed: Authorization: Bearer ${BEARER}; password=${PASSWORD}; key ${REGISTERED}`;
const SECRETS = [REGISTERED, BEARER, PASSWORD];

function expectClean(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

function captureConsole() {
  const lines: string[] = [];
  const record = (...args: unknown[]) =>
    void lines.push(args.map((a) => (typeof a === 'string' ? a : describeUnredacted(a))).join(' '));
  const spies = [
    vi.spyOn(console, 'error').mockImplementation(record),
    vi.spyOn(console, 'warn').mockImplementation(record),
    vi.spyOn(console, 'log').mockImplementation(record),
  ];
  return {
    lines,
    restore: () => spies.forEach((s) => s.mockRestore()),
  };
}

// What the console itself would print for an object: its message, stack and every own field.
function describeUnredacted(value: unknown): string {
  if (value instanceof Error) {
    return `${value.stack ?? ''} ${JSON.stringify(Object.fromEntries(Object.entries(value)))}`;
  }
  return JSON.stringify(value);
}

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
  vi.restoreAllMocks();
});

secretRedactor.add(REGISTERED);

describe('the one redaction path', () => {
  it('redactText removes registered values and credential shapes; describeError summarises without the object', () => {
    const out = redactText(planted);
    expectClean(out);
    expect(out).toContain('[redacted]');
    const error = Object.assign(new AppError('internal', `boom ${REGISTERED}`, { detail: planted }), {
      request: { headers: { authorization: `Bearer ${BEARER}` }, body: PASSWORD },
    });
    const summary = describeError(error);
    expectClean(summary);
    expect(summary).toContain('AppError: boom [redacted]');
    expect(summary).not.toContain('headers');
    // Cut after redaction: a long text never leaves half a secret behind.
    const long = describeError(new Error(`${'x'.repeat(95)}${REGISTERED}`), 100);
    expect(long).not.toContain(REGISTERED.slice(0, 5));
  });

  it('minted access tokens are registered with the secret redactor', async () => {
    const minted = 'minted-access-token-0a1b2c3d4e5f60718293';
    const tokens = new AccessTokens(0);
    const got = await tokens.get('c1', async () => ({ accessToken: minted, expiresInSeconds: 3600 }));
    expect(got).toBe(minted);
    expect(secretRedactor.redact(`GET /v3 failed with token ${minted}`)).toBe(
      'GET /v3 failed with token [redacted]',
    );
    const signIn = 'signed-in-access-token-9z8y7x6w5v4u';
    tokens.remember('c2', { accessToken: signIn, expiresInSeconds: 3600 });
    expect(redactText(`400 ${encodeURIComponent(signIn)}`)).toBe('400 [redacted]');
  });

  it('API error answers are redacted', () => {
    const { body } = toApiError(
      new AppError('external_system', `QuickBooks said: ${planted}`, {
        problems: [{ field: 'clientSecret', message: `not ${REGISTERED}` }],
      }),
    );
    expectClean(JSON.stringify(body));
    expect(body.message).toContain('QuickBooks said');
  });
});

describe('console lines', () => {
  it('the headless server prints a redacted summary of a failure, and answers without it', async () => {
    const failing = {
      call: () => {
        throw Object.assign(new Error(`database exploded ${planted}`), { config: { password: PASSWORD } });
      },
      onEvent: () => () => {},
    } as unknown as App;
    const server = await startServer({ app: failing, port: 0 });
    cleanup.push(() => server.close());
    const out = captureConsole();
    const res = await fetch(`${server.url}/api/companies.list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    out.restore();
    expect(res.status).toBe(500);
    expectClean(await res.text());
    expect(out.lines.join('\n')).toContain('database exploded');
    expectClean(out.lines.join('\n'));
  });

  it('the sync worker prints a redacted summary of its own failures', async () => {
    const { db, cleanup: done } = tempDatabase();
    const connector = new TestConnector({});
    const companyId = insertCompany(db);
    const connectionId = insertConnection(db, companyId);
    const supplierId = insertSupplier(db, companyId, 'Acme Supplies');
    connector.seed('supplier', 'Acme Supplies');
    const worker = new SyncWorker({
      db,
      connectors: new Map([[connector.system, connector]]),
      secrets: { get: async () => null, set: async () => {}, delete: async () => {} },
      loadDocument: (id) => loadDocument(db, id),
      loadSupplier: (id) => loadSupplier(db, id),
      // A listener that fails with a secret in its error: the worker reports it on the console.
      emit: () => {
        throw Object.assign(new Error(`listener failed: ${planted}`), { token: BEARER });
      },
      redact: (t) => secretRedactor.redact(t),
    });
    cleanup.push(async () => {
      await worker.stop();
      done();
    });
    const out = captureConsole();
    const documentId = insertDocument(db, { companyId, supplierId, number: 'PO-1' });
    db.transaction(() =>
      enqueueSend(db, {
        documentId,
        connectionId,
        revision: loadDocument(db, documentId).revision,
        reason: 'auto',
        now: new Date(),
      }),
    )();
    await worker.start();
    worker.kick();
    await worker.whenIdle();
    out.restore();
    const printed = out.lines.join('\n');
    expect(printed).toContain('[sync worker]');
    expect(printed).toContain('listener failed');
    expectClean(printed);
  });
});

describe('Web Connector session problems', () => {
  let h: QbwcHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it.skipIf(!wsdlOracleAvailable())(
    'are redacted in qbwc_sessions and in qbd.sessions, rows written before included',
    async () => {
      h = await startQbwc({ exchange: new FakeExchange(3) });
      const quickbooks = new EchoQuickBooks();
      quickbooks.openFailures.push({
        hresult: '0x80040408',
        message: `Could not start QuickBooks. ${planted}`,
      });
      await h.webConnector(quickbooks).runSession();
      const second = new EchoQuickBooks();
      second.failMessages.push({ hresult: '0x80040400', message: `QuickBooks found an error. ${planted}` });
      await h.webConnector(second).runSession();

      const db = new Database(`${h.core.dataDir}/ledgerbridge.db`);
      try {
        const rows = db.prepare(`SELECT errors_json, summary_json FROM qbwc_sessions`).all();
        expect(JSON.stringify(rows)).toContain('[redacted]');
        expectClean(JSON.stringify(rows));
        // A row stored before problems were redacted on the way in is redacted on the way out.
        db.prepare(`UPDATE qbwc_sessions SET errors_json = ?`).run(
          JSON.stringify([{ code: '0x1', message: planted, fix: `retry with ${REGISTERED}` }]),
        );
      } finally {
        db.close();
      }
      const { sessions } = await h.core.call('qbd.sessions', { connectionId: h.connectionId, limit: 10 });
      expect(sessions.length).toBeGreaterThan(0);
      expect(JSON.stringify(sessions)).toContain('[redacted]');
      expectClean(JSON.stringify(sessions));
    },
  );
});
