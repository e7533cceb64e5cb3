// The integration log by entity: entries written about a ServiceTrade job or invoice are found by that entity
// (and only by it), older entries without one keep being found by company, document and connection, and an
// entity needs both its type and its id.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendLog, listLog } from '../../../main/sync/log.js';
import { insertCompany, insertConnection, tempDatabase } from '../../fixtures/sync/db.js';

const deps = { redact: (text: string) => text, now: () => new Date('2026-03-01T08:00:00.000Z') };

let fixture: ReturnType<typeof tempDatabase>;
let companyId: string;
let connectionId: string;

beforeEach(() => {
  fixture = tempDatabase();
  companyId = insertCompany(fixture.db);
  connectionId = insertConnection(fixture.db, companyId, { system: 'quickbooks_desktop' });
});
afterEach(() => fixture.cleanup());

function write(message: string, entity?: { type: 'job' | 'st_invoice'; id: string }) {
  return appendLog(
    fixture.db,
    {
      connectionId,
      action: 'send_job',
      result: 'info',
      message,
      ...(entity ? { entityType: entity.type, entityId: entity.id } : {}),
    },
    deps,
  );
}

describe('integration log entities', () => {
  it('lists the entries of the given jobs and invoices, newest first, and nothing else', () => {
    write('connection entry');
    write('job A queued', { type: 'job', id: 'job-a' });
    write('job B queued', { type: 'job', id: 'job-b' });
    write('invoice 1 of A queued', { type: 'st_invoice', id: 'inv-1' });
    write('job A created', { type: 'job', id: 'job-a' });
    // An invoice whose id happens to equal a job's id is another entity.
    write('invoice with a job-like id', { type: 'st_invoice', id: 'job-a' });

    const jobA = listLog(fixture.db, { entities: [{ type: 'job', id: 'job-a' }] });
    expect(jobA.total).toBe(2);
    expect(jobA.items.map((e) => e.message)).toEqual(['job A created', 'job A queued']);

    const withInvoice = listLog(fixture.db, {
      entities: [
        { type: 'job', id: 'job-a' },
        { type: 'st_invoice', id: 'inv-1' },
      ],
    });
    expect(withInvoice.items.map((e) => e.message)).toEqual([
      'job A created',
      'invoice 1 of A queued',
      'job A queued',
    ]);

    const paged = listLog(fixture.db, {
      entities: [
        { type: 'job', id: 'job-a' },
        { type: 'st_invoice', id: 'inv-1' },
      ],
      offset: 1,
      limit: 1,
    });
    expect(paged.total).toBe(3);
    expect(paged.items.map((e) => e.message)).toEqual(['invoice 1 of A queued']);

    expect(listLog(fixture.db, { entities: [] })).toEqual({ total: 0, items: [] });
  });

  it('keeps entries without an entity listed by company and connection, with the company derived', () => {
    write('connection entry');
    write('job A queued', { type: 'job', id: 'job-a' });
    const all = listLog(fixture.db, { companyId });
    expect(all.items.map((e) => e.message)).toEqual(['job A queued', 'connection entry']);
    expect(all.items.every((e) => e.companyId === companyId && e.documentId === null)).toBe(true);
    expect(listLog(fixture.db, { connectionId, entities: [{ type: 'job', id: 'job-b' }] }).total).toBe(0);
  });

  it('refuses an entity with a type but no id', () => {
    expect(() =>
      appendLog(
        fixture.db,
        { connectionId, action: 'send_job', result: 'info', message: 'half', entityType: 'job' },
        deps,
      ),
    ).toThrow(/both its type and its id/);
    expect(listLog(fixture.db, { companyId }).total).toBe(0);
  });
});
