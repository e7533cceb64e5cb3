// ServiceTrade through the real core against the ServiceTrade simulator: connecting (client credentials, the
// password fallback), the token's single-flight renewal, incremental pulls with paging and updatedAfter, every
// job status asked for, the pending_accounting invoices, transient failures retried and logged, the jobs list,
// the QuickBooks name preview under each mapping and queueing jobs for QuickBooks Desktop exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import { quickBooksDesktopConnector } from '../../../main/connectors/quickbooks-desktop/connector.js';
import { ServiceTradeClient } from '../../../main/connectors/servicetrade/client.js';
import { servicetradeConnector } from '../../../main/connectors/servicetrade/connector.js';
import { ConnectorRegistry } from '../../../main/connectors/registry.js';
import { MAX_ATTEMPTS } from '../../../main/connectors/servicetrade/pull.js';
import { JOB_STATUSES, pageOf, StCompany } from '../../../main/connectors/servicetrade/schemas.js';
import { toApiError } from '../../../main/api/errors.js';
import { AppError } from '../../../main/domain/errors.js';
import { startCore, type TestCore } from '../../fixtures/core.js';
import { ServiceTradeSimulator, type SimOptions } from '../../simulators/servicetrade/simulator.js';

let sim: ServiceTradeSimulator;
let core: TestCore;

async function setup(options: SimOptions = {}) {
  sim = await new ServiceTradeSimulator(options).start();
  sim.clients.set('client-1', 'secret-1');
  sim.users.set('dispatch@northwind.example', 'hunter22');
  core = await startCore({
    connectors: [quickBooksDesktopConnector, servicetradeConnector],
    startSync: false,
  });
  const company = await core.call('companies.create', { name: 'Northwind Facilities', baseCurrency: 'USD' });
  return company;
}

async function connectServiceTrade(companyId: string, credentials: Record<string, string>) {
  const created = await core.call('connections.create', {
    companyId,
    system: 'servicetrade',
    settings: { baseUrl: sim.baseUrl, retryBaseMs: 1, timeoutMs: 400 },
    credentials,
  });
  const { connection } = await core.call('connections.connect', { id: created.id });
  return connection;
}

/** Two customers, three locations and one job in each status, plus invoices. */
function seed() {
  const acme = sim.addCompany('Acme Corp');
  const globex = sim.addCompany('Globex');
  const main = sim.addLocation(acme, 'Main St Store');
  const mall = sim.addLocation(acme, 'Mall Kiosk');
  const plant = sim.addLocation(globex, 'Plant 2');
  const jobs = JOB_STATUSES.map((status, i) =>
    sim.addJob([main, mall, plant][i % 3]!, { status, type: i % 2 === 0 ? 'repair' : 'inspection' }),
  );
  const pending = sim.addInvoice(jobs[3]!);
  sim.addInvoice(jobs[4]!);
  sim.addInvoice(jobs[5]!, { status: 'processed', invoiceNumber: 'QB-1' });
  return { acme, globex, main, mall, plant, jobs, pending };
}

afterEach(async () => {
  await core?.close();
  await sim?.close();
});

describe('connecting', () => {
  it('signs in with the client credentials and sends the token as a Bearer', async () => {
    const company = await setup();
    const connection = await connectServiceTrade(company.id, {
      clientId: 'client-1',
      clientSecret: 'secret-1',
    });
    expect(connection.status).toBe('connected');
    expect(connection.credentialNames.sort()).toEqual(['clientId', 'clientSecret']);
    expect(sim.tokenRequests).toBe(1);
    expect(sim.requestsTo('/company').every((r) => r.auth === 'bearer')).toBe(true);
  });

  it('falls back to the user name and password session (PHPSESSID)', async () => {
    const company = await setup();
    const connection = await connectServiceTrade(company.id, {
      username: 'dispatch@northwind.example',
      password: 'hunter22',
    });
    expect(connection.status).toBe('connected');
    expect(sim.sessionRequests).toBe(1);
    expect(sim.tokenRequests).toBe(0);
    expect(sim.requestsTo('/company').every((r) => r.auth === 'session')).toBe(true);
    const test = await core.call('connections.test', { id: connection.id });
    expect(test.message).toMatch(/client ID and secret is the recommended/);
    // The session expires: the next request gets a 401, signs in again once and goes on.
    const before = sim.sessionRequests;
    sim.expireTokens();
    await core.call('servicetrade.refresh', { connectionId: connection.id });
    expect(sim.sessionRequests).toBe(before + 1);
  });

  it('finds the token endpoint at the host root when /api/oauth2/token is missing (Python SDK layout)', async () => {
    const company = await setup({ tokenPath: '/oauth2/token' });
    const connection = await connectServiceTrade(company.id, {
      clientId: 'client-1',
      clientSecret: 'secret-1',
    });
    expect(connection.status).toBe('connected');
  });

  it('a wrong secret is an error that says what to fix, and the connection is not connected', async () => {
    const company = await setup();
    await expect(
      connectServiceTrade(company.id, { clientId: 'client-1', clientSecret: 'wrong' }),
    ).rejects.toMatchObject({
      userMessage: expect.stringMatching(/did not accept the client ID and secret/),
    });
    const [connection] = await core.call('connections.list', { companyId: company.id });
    expect(connection?.status).toBe('error');
  });
});

describe('the token', () => {
  it('an expired token is renewed once for many concurrent requests (single flight)', async () => {
    await setup({ tokenDelayMs: 30 });
    sim.addCompany('Acme Corp');
    const secrets = new Map([
      ['clientId', 'client-1'],
      ['clientSecret', 'secret-1'],
    ]);
    const client = new ServiceTradeClient({
      connectionId: `single-flight-${Date.now()}`,
      baseUrl: sim.baseUrl,
      timeoutMs: 2000,
      secrets: {
        get: (name) => Promise.resolve(secrets.get(name) ?? null),
        set: (name, value) => Promise.resolve(void secrets.set(name, value)),
        delete: (name) => Promise.resolve(void secrets.delete(name)),
      },
    });
    const list = pageOf('companies', StCompany);
    // Eight callers at once before any token exists: one sign-in.
    await Promise.all(Array.from({ length: 8 }, () => client.get('/company', {}, list)));
    expect(sim.tokenRequests).toBe(1);
    // The token expires on the server: every caller gets a 401 and they share one renewal.
    sim.expireTokens();
    const answers = await Promise.all(Array.from({ length: 8 }, () => client.get('/company', {}, list)));
    expect(answers.every((a) => a.data.companies.length === 1)).toBe(true);
    expect(sim.tokenRequests).toBe(2);
    // The renewal used the refresh token; rotation keeps the new one ServiceTrade returned.
    expect(sim.grants).toEqual(['client_credentials', 'refresh_token']);
    const rotated = secrets.get('refreshToken');
    expect(rotated).toBeTruthy();

    // A revoked refresh token: the client credentials sign in afresh, still once for all callers.
    sim.revokeRefreshTokens();
    sim.expireTokens();
    await Promise.all(Array.from({ length: 4 }, () => client.get('/company', {}, list)));
    expect(sim.grants).toEqual([
      'client_credentials',
      'refresh_token',
      'refresh_token',
      'client_credentials',
    ]);
    expect(secrets.get('refreshToken')).not.toBe(rotated);
  });
});

describe('pulling', () => {
  it('pulls every page of companies, locations and jobs, asking for each job status by name', async () => {
    const company = await setup();
    const data = seed();
    const connection = await connectServiceTrade(company.id, {
      clientId: 'client-1',
      clientSecret: 'secret-1',
    });
    const summary = await core.call('servicetrade.refresh', { connectionId: connection.id });
    expect(summary.companies).toEqual({ fetched: 2, changed: 2 });
    expect(summary.locations).toEqual({ fetched: 3, changed: 3 });
    expect(summary.jobs).toEqual({ fetched: JOB_STATUSES.length, changed: JOB_STATUSES.length });

    // The status-default trap: without `status` ServiceTrade answers only scheduled jobs. Every status must be
    // named in a request, and no job request may leave status out.
    const jobRequests = sim.requestsTo('/job');
    expect(jobRequests.every((r) => r.query['status'] !== undefined && r.query['status'] !== 'all')).toBe(
      true,
    );
    expect(new Set(jobRequests.map((r) => r.query['status']))).toEqual(new Set(JOB_STATUSES));
    const listed = await core.call('jobs.list', { companyId: company.id, limit: 100 });
    expect(listed.total).toBe(JOB_STATUSES.length);
    expect(new Set(listed.items.map((j) => j.status))).toEqual(new Set(JOB_STATUSES));
    expect(listed.items.find((j) => j.externalId === String(data.jobs[0]!.id))).toMatchObject({
      number: data.jobs[0]!.number,
      customer: { name: 'Acme Corp' },
      location: { name: 'Main St Store' },
      quickbooks: { state: 'not_sent' },
    });

    // Paging: with 2 per page the 3 locations take two requests.
    expect(sim.requestsTo('/location').map((r) => r.query['page'])).toEqual(['1', '2']);
  });

  it('a second refresh asks for changes after the checkpoint and stores only those', async () => {
    const company = await setup();
    const data = seed();
    const connection = await connectServiceTrade(company.id, {
      clientId: 'client-1',
      clientSecret: 'secret-1',
    });
    await core.call('servicetrade.refresh', { connectionId: connection.id });
    const newestJob = Math.max(...sim.jobs.map((j) => j.updated));
    const before = sim.requests.length;

    sim.change(data.jobs[0]!, { status: 'completed' });
    sim.addJob(data.plant, { status: 'new', number: 'J-2000' });
    sim.change(data.globex, { name: 'Globex Corporation' });
    const second = await core.call('servicetrade.refresh', { connectionId: connection.id });

    expect(second.jobs.changed).toBe(2);
    expect(second.companies.changed).toBe(1);
    expect(second.locations.changed).toBe(0);
    // Only records at or after the checkpoint came back (the simulator's updatedAfter is inclusive).
    expect(second.jobs.fetched).toBeLessThanOrEqual(3);
    const secondJobRequests = sim.requests.slice(before).filter((r) => r.path === '/job');
    expect(secondJobRequests.every((r) => r.query['updatedAfter'] === String(newestJob))).toBe(true);

    const listed = await core.call('jobs.list', { companyId: company.id, limit: 100 });
    expect(listed.total).toBe(JOB_STATUSES.length + 1);
    expect(listed.items.find((j) => j.externalId === String(data.jobs[0]!.id))?.status).toBe('completed');
    expect(listed.items.filter((j) => j.customer.name === 'Globex Corporation').length).toBeGreaterThan(0);
  });

  it('pulls the invoices waiting for accounting, and learns when one left the queue', async () => {
    const company = await setup();
    const data = seed();
    const connection = await connectServiceTrade(company.id, {
      clientId: 'client-1',
      clientSecret: 'secret-1',
    });
    await core.call('servicetrade.refresh', { connectionId: connection.id });
    expect(sim.requestsTo('/invoice').every((r) => r.query['status'] === 'pending_accounting')).toBe(true);
    const pending = await core.call('servicetrade.invoices.list', {
      companyId: company.id,
      status: 'pending_accounting',
    });
    expect(pending.total).toBe(2);
    expect(pending.items[0]?.jobNumber).toBeTruthy();

    sim.change(data.pending, { status: 'processed', invoiceNumber: 'QB-77' });
    await core.call('servicetrade.refresh', { connectionId: connection.id });
    const after = await core.call('servicetrade.invoices.list', { companyId: company.id });
    expect(after.items.map((i) => i.status).sort()).toEqual(['pending_accounting', 'processed']);
    expect(after.items.find((i) => i.externalId === String(data.pending.id))?.invoiceNumber).toBe('QB-77');
  });
});

describe('failures', () => {
  it('5xx and a timeout are retried, and each retry is in the integration log', async () => {
    const company = await setup();
    seed();
    const connection = await connectServiceTrade(company.id, {
      clientId: 'client-1',
      clientSecret: 'secret-1',
    });
    sim.failNext('/location', { status: 503 }, 2);
    sim.failNext('/company', { hang: true }, 1);
    const summary = await core.call('servicetrade.refresh', { connectionId: connection.id });
    expect(summary.locations.fetched).toBe(3);
    const log = await core.call('log.list', { connectionId: connection.id, result: 'retry' });
    const messages = log.items.map((e) => e.message);
    expect(messages.filter((m) => m.includes('problem on its side (HTTP 503)'))).toHaveLength(2);
    expect(messages.some((m) => /did not answer within 0 seconds|did not answer within/.test(m))).toBe(true);
    expect(messages.every((m) => /attempt \d of 4/.test(m))).toBe(true);
  });

  it('a failure that outlasts the retries ends the refresh with a plain message and a log entry', async () => {
    const company = await setup();
    seed();
    const connection = await connectServiceTrade(company.id, {
      clientId: 'client-1',
      clientSecret: 'secret-1',
    });
    sim.failNext('/job', { status: 502 }, MAX_ATTEMPTS);
    const error = await core
      .call('servicetrade.refresh', { connectionId: connection.id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).userMessage).toMatch(/ServiceTrade had a problem on its side \(HTTP 502\)/);
    const failures = await core.call('log.list', { connectionId: connection.id, result: 'failure' });
    expect(failures.items[0]?.action).toBe('servicetrade_refresh');
    // Nothing was lost: the job checkpoint did not move, so the next refresh reads all jobs.
    const summary = await core.call('servicetrade.refresh', { connectionId: connection.id });
    expect(summary.jobs.changed).toBe(JOB_STATUSES.length);
  });

  it('revoked credentials mark the connection "reconnect" with a message, without a 401 of our own API', async () => {
    const company = await setup();
    seed();
    const connection = await connectServiceTrade(company.id, {
      clientId: 'client-1',
      clientSecret: 'secret-1',
    });
    sim.clients.delete('client-1');
    sim.revokeRefreshTokens();
    sim.expireTokens();
    await expect(core.call('servicetrade.refresh', { connectionId: connection.id })).rejects.toMatchObject({
      code: 'forbidden',
      userMessage: expect.stringMatching(/did not accept the client ID and secret/),
    });
    const [after] = await core.call('connections.list', { companyId: company.id });
    expect(after).toMatchObject({
      status: 'needs_reconnect',
      statusMessage: expect.stringMatching(/client ID/),
    });
  });

  it('documents are never sent to ServiceTrade', async () => {
    const company = await setup();
    const connection = await connectServiceTrade(company.id, {
      clientId: 'client-1',
      clientSecret: 'secret-1',
    });
    expect(connection.settings['documentsToSend']).toEqual([]);
    // A source has no send methods at all: the registry never hands it to the worker.
    const registry = new ConnectorRegistry([servicetradeConnector]);
    expect(registry.roleOf('servicetrade')).toBe('source');
    expect(registry.push('servicetrade')).toBeNull();
    expect('sendDocuments' in servicetradeConnector).toBe(false);
  });

  it('documents approved before connecting get no ServiceTrade sync row (it is a source, not a target)', async () => {
    const company = await setup();
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const draft = await core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      supplierId: supplier.id,
      date: '2026-11-02',
      lines: [{ description: 'Filters', quantity: '2', unitPrice: '10.00' }],
    });
    await core.call('documents.submit', { id: draft.id });
    await core.call('documents.approve', { id: draft.id });
    await connectServiceTrade(company.id, { clientId: 'client-1', clientSecret: 'secret-1' });
    const after = await core.call('documents.get', { id: draft.id });
    expect(after.sync).toEqual([]);
  });

  it("a refused sign-in reaches HTTP and IPC callers as the connector's own message", async () => {
    const company = await setup();
    const error = await connectServiceTrade(company.id, { clientId: 'client-1', clientSecret: 'wrong' }).then(
      () => null,
      (e: unknown) => e,
    );
    const { body } = toApiError(error);
    expect(body.code).toBe('external_system');
    expect(body.message).toMatch(/did not accept the client ID and secret/);
  });
});

describe('jobs', () => {
  async function pulled() {
    const company = await setup();
    const data = seed();
    const st = await connectServiceTrade(company.id, { clientId: 'client-1', clientSecret: 'secret-1' });
    await core.call('servicetrade.refresh', { connectionId: st.id });
    const qbd = await core.call('connections.create', {
      companyId: company.id,
      system: 'quickbooks_desktop',
    });
    const jobs = (await core.call('jobs.list', { companyId: company.id, limit: 100 })).items;
    const byNumber = (n: string) => jobs.find((j) => j.number === n)!;
    return { company, data, st, qbd, jobs, byNumber };
  }

  it('filters by status, customer, scheduled date, QuickBooks state, and searches', async () => {
    const { company, data, qbd, byNumber } = await pulled();
    const list = (input: Partial<Parameters<TestCore['call']>[1]> & object) =>
      core.call('jobs.list', { companyId: company.id, limit: 100, ...input });
    expect((await list({ status: 'canceled' })).items.map((j) => j.status)).toEqual(['canceled']);
    const globexJobs = await list({ customerId: String(data.globex.id) });
    expect(globexJobs.total).toBe(3);
    expect(globexJobs.items.every((j) => j.customer.name === 'Globex')).toBe(true);
    expect((await list({ search: 'mall' })).items.every((j) => j.location?.name === 'Mall Kiosk')).toBe(true);
    expect((await list({ search: data.jobs[2]!.number })).items.map((j) => j.number)).toEqual([
      data.jobs[2]!.number,
    ]);
    const day = new Date(data.jobs[1]!.scheduledDate! * 1000).toISOString().slice(0, 10);
    expect((await list({ scheduledFrom: day, scheduledTo: day })).items.map((j) => j.number)).toEqual([
      data.jobs[1]!.number,
    ]);
    await core.call('jobs.send', { jobIds: [byNumber(data.jobs[0]!.number).id], connectionId: qbd.id });
    expect((await list({ quickbooksState: 'queued' })).items.map((j) => j.number)).toEqual([
      data.jobs[0]!.number,
    ]);
    expect((await list({ quickbooksState: 'not_sent' })).total).toBe(JOB_STATUSES.length - 1);
    const customers = await core.call('servicetrade.customers.list', { companyId: company.id });
    expect(customers.map((c) => c.name)).toEqual(['Acme Corp', 'Globex']);
  });

  it('previews the QuickBooks full names under each mapping', async () => {
    const { data, qbd, byNumber } = await pulled();
    const ids = [data.jobs[0]!, data.jobs[1]!].map((j) => byNumber(j.number).id);
    const expected = {
      customer: ['Acme Corp', 'Acme Corp'],
      'customer:job': [
        `Acme Corp:${data.jobs[0]!.number} Repair`,
        `Acme Corp:${data.jobs[1]!.number} Inspection`,
      ],
      'customer:location:job': [
        `Acme Corp:Main St Store:${data.jobs[0]!.number} Repair`,
        `Acme Corp:Mall Kiosk:${data.jobs[1]!.number} Inspection`,
      ],
    } as const;
    for (const [mapping, names] of Object.entries(expected)) {
      await core.call('connections.update', { id: qbd.id, settings: { customerMapping: mapping } });
      const preview = await core.call('jobs.preview', { jobIds: ids, connectionId: qbd.id });
      expect(preview.customerMapping).toBe(mapping);
      expect(preview.items.map((i) => i.fullName)).toEqual(names);
      expect(preview.items.every((i) => i.ok)).toBe(true);
    }
    // A template without any field is refused on save: every job would get the same name.
    await expect(
      core.call('connections.update', {
        id: qbd.id,
        settings: { customerMapping: 'customer:job', nameTemplates: { job: 'Service' } },
      }),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'nameTemplates.job' })] });
    // One that still makes two jobs the same name is an error on the second job that says why.
    await core.call('connections.update', {
      id: qbd.id,
      settings: { customerMapping: 'customer:job', nameTemplates: { job: 'Service for {customer}' } },
    });
    const clash = await core.call('jobs.preview', { jobIds: ids, connectionId: qbd.id });
    expect(clash.items[0]?.ok).toBe(true);
    expect(clash.items[1]?.ok).toBe(false);
    expect(clash.items[1]?.errors[0]).toMatch(/would name both ServiceTrade job/);

    // The settings panel's live preview: settings not saved yet, over the stored ones; their problems on fields.
    const trial = await core.call('jobs.preview', {
      jobIds: ids,
      connectionId: qbd.id,
      naming: { customerMapping: 'customer:location:job', nameTemplates: { job: '#{jobNumber}' } },
    });
    expect(trial.items.map((i) => i.fullName)).toEqual([
      `Acme Corp:Main St Store:#${data.jobs[0]!.number}`,
      `Acme Corp:Mall Kiosk:#${data.jobs[1]!.number}`,
    ]);
    await expect(
      core.call('jobs.preview', {
        jobIds: ids,
        connectionId: qbd.id,
        naming: { nameTemplates: { location: '{store}' } },
      }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      problems: [
        expect.objectContaining({
          field: 'nameTemplates.location',
          message: expect.stringMatching(/\{store\}/),
        }),
      ],
    });
    // Nothing was saved by previewing.
    const stored = (await core.call('connections.list', { companyId: qbd.companyId })).find(
      (c) => c.id === qbd.id,
    );
    expect(stored?.settings['customerMapping']).toBe('customer:job');
  });

  it('refuses a connection that is not QuickBooks Desktop', async () => {
    const { st, jobs } = await pulled();
    await expect(
      core.call('jobs.preview', { jobIds: [jobs[0]!.id], connectionId: st.id }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      userMessage: expect.stringMatching(/not a QuickBooks Desktop connection/),
    });
  });

  it('jobs.send queues each job exactly once, as outbox jobs for the QuickBooks Desktop engine', async () => {
    const { data, qbd, byNumber } = await pulled();
    const first = byNumber(data.jobs[0]!.number);
    const second = byNumber(data.jobs[1]!.number);
    const sent = await core.call('jobs.send', { jobIds: [first.id, second.id], connectionId: qbd.id });
    expect(sent.queued.sort()).toEqual([first.id, second.id].sort());
    const again = await core.call('jobs.send', {
      jobIds: [first.id, second.id, first.id],
      connectionId: qbd.id,
    });
    expect(again.queued).toEqual([]);
    expect(again.alreadyQueued.sort()).toEqual([first.id, second.id].sort());

    const db = (await import('better-sqlite3')).default(`${core.dataDir}/ledgerbridge.db`, {
      readonly: true,
    });
    try {
      const rows = db
        .prepare(
          `SELECT connection_id, kind, entity_type, entity_id, idempotency_key, status, payload_json FROM outbox_jobs
           WHERE entity_type = 'job' ORDER BY id`,
        )
        .all() as {
        connection_id: string;
        kind: string;
        entity_id: string;
        idempotency_key: string;
        status: string;
        payload_json: string;
      }[];
      expect(rows).toHaveLength(2);
      expect(
        rows.every((r) => r.kind === 'send_job' && r.connection_id === qbd.id && r.status === 'pending'),
      ).toBe(true);
      expect(rows.map((r) => r.idempotency_key)).toEqual([`job:${first.id}:send`, `job:${second.id}:send`]);
      const payload = JSON.parse(rows[0]!.payload_json) as {
        fullName: string;
        levels: unknown[];
        job: { qbdJobStatus: string };
      };
      expect(payload.fullName).toBe(`Acme Corp:${data.jobs[0]!.number} Repair`);
      expect(payload.levels).toHaveLength(2);
      expect(payload.job.qbdJobStatus).toBe('Pending'); // JOB_STATUSES[0] is 'new'
    } finally {
      db.close();
    }
    const job = await core.call('jobs.get', { id: first.id });
    expect(job.quickbooks).toMatchObject({
      state: 'queued',
      connectionId: qbd.id,
      fullName: `Acme Corp:${data.jobs[0]!.number} Repair`,
    });
    const log = await core.call('log.list', { connectionId: qbd.id });
    expect(log.items.filter((e) => e.action === 'send_job')).toHaveLength(2);
  });

  it('a job whose name cannot be made is not queued and carries the reason', async () => {
    const { company, data, qbd, byNumber } = await pulled();
    const orphan = sim.addJob(data.main, { number: 'J-9', location: null });
    const st = (await core.call('connections.list', { companyId: company.id })).find(
      (c) => c.system === 'servicetrade',
    )!;
    await core.call('servicetrade.refresh', { connectionId: st.id });
    await core.call('connections.update', {
      id: qbd.id,
      settings: { customerMapping: 'customer:location:job' },
    });
    const orphanId = (await core.call('jobs.list', { companyId: company.id, search: orphan.number }))
      .items[0]!.id;
    const result = await core.call('jobs.send', {
      jobIds: [orphanId, byNumber(data.jobs[0]!.number).id],
      connectionId: qbd.id,
    });
    expect(result.queued).toHaveLength(1);
    expect(result.invalid).toEqual([
      { jobId: orphanId, number: 'J-9', errors: [expect.stringMatching(/has no location in ServiceTrade/)] },
    ]);
    const job = await core.call('jobs.get', { id: orphanId });
    expect(job.quickbooks.state).toBe('invalid');
    expect(job.quickbooks.message).toMatch(/Customer:Job mapping/);
  });
});
