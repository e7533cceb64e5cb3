// A unit of the sync worker: the jobs of one connection that run together (consecutive sends up to the policy's
// batch size, or one cancel), and what the code that runs a unit may use of the worker (UnitScope).
import type { Database } from 'better-sqlite3';
import type { ConnectionT, DocumentT, SupplierT } from '../../preload/contract.js';
import type { OutgoingAttachment, PushConnector, SyncPolicy } from '../connectors/contract.js';
import type { JobLedger } from './jobs.js';
import type { IntegrationLog } from './log.js';
import type { OutboxJobRow } from './outbox.js';
import type { UnitOutcomes } from './unit-outcomes.js';

export interface Unit {
  connection: ConnectionT;
  connector: PushConnector;
  policy: SyncPolicy;
  jobs: OutboxJobRow[];
}

/** The worker as the code that runs a unit sees it. */
export interface UnitScope {
  db: Database;
  ledger: JobLedger;
  log: IntegrationLog;
  outcomes: UnitOutcomes;
  now: () => Date;
  /** A transaction whose events go out after the commit. */
  tx<T>(fn: () => T): T;
  /** True once the worker is stopping: its requests are aborted and claimed jobs go back to the queue. */
  stopping(): boolean;
  loadDocument(id: string): DocumentT | Promise<DocumentT>;
  loadSupplier(id: string): SupplierT | Promise<SupplierT>;
  attachments(documentId: string): OutgoingAttachment[];
  /** Reference resolution is serialized per connection, so two documents never both create the same vendor. */
  withReferenceLock<T>(connectionId: string, fn: () => Promise<T>): Promise<T>;
}

/** How the log and the document's status name a document of each type in the other system. */
export const DOCUMENT_NOUN: Record<DocumentT['type'], string> = {
  invoice: 'bill',
  purchase_order: 'purchase order',
  service_order: 'purchase order',
  receipt: 'item receipt',
};

/** Consecutive send jobs travel together, up to batchSize; a cancel always goes alone. */
export function groupIntoUnits(jobs: OutboxJobRow[], batchSize: number): OutboxJobRow[][] {
  const units: OutboxJobRow[][] = [];
  let current: OutboxJobRow[] = [];
  for (const job of jobs) {
    if (job.kind === 'send_document' && current.length < batchSize) {
      current.push(job);
      continue;
    }
    if (current.length) units.push(current);
    current = [];
    if (job.kind === 'send_document') current.push(job);
    else units.push([job]);
  }
  if (current.length) units.push(current);
  return units;
}
