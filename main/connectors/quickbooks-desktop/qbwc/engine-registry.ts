// Which QuickBooks Desktop engine belongs to an App, found from the database handle the API context carries
// (ApiContext has no field for it). app.ts attaches the engine it builds; qbd.refresh asks for it here.
import type { Database } from 'better-sqlite3';
import type { QbdEngine } from '../engine.js';

const engines = new WeakMap<Database, Pick<QbdEngine, 'requestListImport' | 'requestPayments'>>();

export function attachQbdEngine(
  db: Database,
  engine: Pick<QbdEngine, 'requestListImport' | 'requestPayments'>,
): void {
  engines.set(db, engine);
}

export function qbdEngineFor(
  db: Database,
): Pick<QbdEngine, 'requestListImport' | 'requestPayments'> | undefined {
  return engines.get(db);
}
