// Migration 0045: a waiting job learns what it waits for. Jobs that wait with the refusal their connection still
// shows (needs_reconnect) waited for access; any other waiting job (a pairing, a company to confirm) waits for
// something a run cannot change, and is left without.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { registerFunctions } from '../../../main/db/database.js';
import { migrate, readMigrations } from '../../../main/db/migrate.js';

const all = readMigrations(path.resolve(__dirname, '../../../main/db/migrations'));
const REFUSED =
  'The QuickBooks user Ledgerbridge connects as may not do this. In QuickBooks, open Edit > Preferences > Integrated Applications and give Ledgerbridge access, or use an administrator login.';

describe('migration 0045', () => {
  it('marks the jobs waiting with their connection’s refusal as waiting for access, and no other', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    registerFunctions(db);
    migrate(
      db,
      all.filter((m) => m.version < 45),
    );
    const at = '2026-12-01T08:00:00.000Z';
    db.prepare(
      "INSERT INTO companies (id, name, base_currency, created_at) VALUES ('c1', 'Northwind', 'USD', ?)",
    ).run(at);
    const connection = db.prepare(
      `INSERT INTO connections (id, company_id, system, name, status, status_message, created_at, updated_at)
       VALUES (?, 'c1', 'quickbooks_desktop', ?, ?, ?, ?, ?)`,
    );
    connection.run('refused', 'Main file', 'needs_reconnect', REFUSED, at, at);
    connection.run('fine', 'Other file', 'connected', 'Last Web Connector session: 1 document sent.', at, at);
    const job = db.prepare(
      `INSERT INTO outbox_jobs (id, connection_id, kind, entity_type, entity_id, idempotency_key, status, last_error,
         next_attempt_at, created_at, updated_at)
       VALUES (?, ?, 'send_document', 'document', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const pairing = "Supplier 'Matai Timber' has no counterpart in Main file.";
    job.run(1, 'refused', 'd1', 'k1', 'waiting', REFUSED, at, at, at);
    job.run(2, 'refused', 'd2', 'k2', 'waiting', pairing, at, at, at);
    job.run(3, 'refused', 'd3', 'k3', 'pending', REFUSED, at, at, at);
    job.run(4, 'fine', 'd4', 'k4', 'waiting', pairing, at, at, at);

    expect(
      migrate(
        db,
        all.filter((m) => m.version <= 45),
      ),
    ).toEqual([45]);
    const rows = db.prepare('SELECT id, waiting_for FROM outbox_jobs ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, waiting_for: 'access' },
      { id: 2, waiting_for: null },
      { id: 3, waiting_for: null },
      { id: 4, waiting_for: null },
    ]);
  });
});
