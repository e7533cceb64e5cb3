import { afterEach, describe, expect, it } from 'vitest';
import { stripCredentials } from '../../../main/sync/redact.js';
import { appendLog, listLog } from '../../../main/sync/log.js';
import { createHarness, type Harness } from '../../fixtures/sync/harness.js';
import { logRows } from '../../fixtures/sync/db.js';

let h: Harness;
afterEach(async () => {
  await h?.cleanup();
});

const REFRESH = 'AB11-refresh-9f8e7d6c5b4a3928171615141312111009';
const UNKNOWN_ACCESS = 'eyJhbGciOiJSUzI1NiJ9.unregistered-access-token.sig';
const CLIENT_SECRET = 'cs_live_5up3r53cr3tv4lu3';

describe('secrets never reach the integration log', () => {
  it('strips credential shapes even when the value is unknown', () => {
    const text = [
      `Authorization: Bearer ${UNKNOWN_ACCESS}`,
      `{"access_token":"${UNKNOWN_ACCESS}","refresh_token":"${REFRESH}","token_type":"bearer"}`,
      `POST /oauth2/token?grant_type=refresh_token&refresh_token=${REFRESH}&client_secret=${CLIENT_SECRET}`,
      `headers: {"Authorization":"Basic ${Buffer.from(`id:${CLIENT_SECRET}`).toString('base64')}"}`,
      `{"clientSecret": "${CLIENT_SECRET}", "accessToken": "${UNKNOWN_ACCESS}"}`,
    ].join('\n');
    const out = stripCredentials(text);
    for (const secret of [
      UNKNOWN_ACCESS,
      REFRESH,
      CLIENT_SECRET,
      Buffer.from(`id:${CLIENT_SECRET}`).toString('base64'),
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('"token_type":"bearer"');
    expect(out).toContain('grant_type=refresh_token');
  });

  it('strips a credential whose value a length limit cut off before its closing quote', () => {
    const body = `{"token_type":"bearer","access_token":"${UNKNOWN_ACCESS}","expires_in":3600}`;
    const cut = `token endpoint HTTP 200: ${body.slice(0, body.indexOf(UNKNOWN_ACCESS) + 20)}`;
    const out = stripCredentials(cut);
    expect(out).not.toContain(UNKNOWN_ACCESS.slice(0, 20));
    expect(out).toContain('"token_type":"bearer"');
    const authorization = `{"Authorization":"Bearer ${UNKNOWN_ACCESS}`.slice(0, 40);
    expect(stripCredentials(authorization)).not.toContain(UNKNOWN_ACCESS.slice(0, 10));
  });

  it('a planted secret in every failure path is absent from every row', async () => {
    h = createHarness({ random: () => 0.1 });
    // The connector stored its refresh token through the secrets layer, which registers it for redaction.
    await h.worker
      .connectorContext({ id: h.connectionId } as never, {
        concurrency: 1,
        requestsPerMinute: 60,
        batchSize: 1,
      })
      .secrets.set('refresh_token', REFRESH);
    h.redactor.add(CLIENT_SECRET);
    const leaky = `POST /token client_secret=${CLIENT_SECRET} → 400 {"error":"invalid_grant","refresh_token":"${REFRESH}"} Authorization: Bearer ${UNKNOWN_ACCESS}`;
    h.connector
      .failNext(
        { type: 'transient', message: `Busy (token ${REFRESH})`, detail: leaky },
        { method: 'sendDocuments' },
      )
      .failNext({ type: 'throw', error: new Error(`socket hang up; ${leaky}`) }, { method: 'sendDocuments' })
      .failNext(
        { type: 'needs_user', message: `Rejected ${CLIENT_SECRET}`, detail: leaky },
        { method: 'sendDocuments' },
      )
      .failNext({ type: 'throw', error: new Error(`unexpected ${REFRESH}`) }, { method: 'sendDocuments' })
      .failNext({ type: 'auth', detail: leaky }, { method: 'sendDocuments' });
    const docs = ['INV-60', 'INV-61', 'INV-62'].map((n) => h.document(n));
    docs.forEach((d) => h.send(d));
    await h.worker.start();
    await h.worker.whenIdle();
    appendLog(
      h.db,
      {
        connectionId: h.connectionId,
        action: 'connect',
        result: 'info',
        message: `token ${REFRESH}`,
        detail: leaky,
      },
      { redact: (t) => h.redactor.redact(t) },
    );

    const rows = logRows(h.db);
    expect(rows.length).toBeGreaterThan(5);
    const everything =
      JSON.stringify(rows) +
      JSON.stringify(h.db.prepare('SELECT * FROM document_sync').all()) +
      JSON.stringify(h.db.prepare('SELECT * FROM outbox_jobs').all());
    const events = JSON.stringify(h.events);
    for (const secret of [REFRESH, UNKNOWN_ACCESS, CLIENT_SECRET]) {
      expect(everything).not.toContain(secret);
      expect(events).not.toContain(secret);
    }
    expect(everything).toContain('[redacted]');
    expect(listLog(h.db, { connectionId: h.connectionId }).total).toBe(rows.length);
  });
});
