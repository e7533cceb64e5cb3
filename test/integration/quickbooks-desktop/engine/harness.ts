// The QuickBooks Desktop engine under test: the real core (startCore, the public API for companies, suppliers,
// documents and the connection), the engine over a second connection to the same database, and a small loop that
// plays the Web Connector (begin → nextRequest(host) → QuickBooks → receiveResponse … → close) against the
// QuickBooks Desktop simulator, which validates every message against Intuit's XSD.
import type { Database } from 'better-sqlite3';
import { quickBooksDesktopConnector } from '../../../../main/connectors/quickbooks-desktop/connector.js';
import { createQbdEngine, type QbdEngine } from '../../../../main/connectors/quickbooks-desktop/engine.js';
import type { QbdSessionSummary } from '../../../../main/connectors/quickbooks-desktop/exchange.js';
import { jobCostingQbdUnits } from '../../../../main/job-costing/index.js';
import { openDatabase } from '../../../../main/db/database.js';
import { createIntegrationLog } from '../../../../main/sync/log.js';
import type { AppEvent, DocumentT } from '../../../../preload/contract.js';
import { startCore, type TestCore } from '../../../fixtures/core.js';

/** What the loop needs from QuickBooks: the simulator, or a wrapper around it that injects faults. */
export interface QuickBooksLike {
  handle(requestXml: string): string;
  hostResponse(): string;
}

export interface EngineHarness {
  core: TestCore;
  db: Database;
  engine: QbdEngine;
  events: AppEvent[];
  companyId: string;
  connectionId: string;
  supplier(name: string): Promise<string>;
  listEntry(kind: 'item' | 'account' | 'class' | 'customer', name: string): Promise<string>;
  /** Creates, submits and approves a document; it is queued for the connection automatically. */
  approved(input: {
    type: DocumentT['type'];
    supplierId: string;
    number?: string;
    supplierInvoiceNumber?: string;
    date?: string;
    linkedDocumentId?: string;
    discount?: { percent: string } | { amount: string };
    lines?: {
      description?: string;
      quantity?: string;
      unitPrice?: string;
      itemId?: string;
      accountId?: string;
      customerId?: string;
      classId?: string;
      discount?: { percent: string } | { amount: string };
    }[];
  }): Promise<DocumentT>;
  document(id: string): Promise<DocumentT>;
  close(): Promise<void>;
}

export async function startEngine(
  settings: Record<string, unknown> = {},
  engineOptions: { listPages?: { ids?: number; fetch?: number } } = {},
): Promise<EngineHarness> {
  const core = await startCore({ connectors: [quickBooksDesktopConnector], startSync: false });
  const db = openDatabase(core.dataDir);
  const events: AppEvent[] = [];
  const log = createIntegrationLog(db, { redact: (t) => t, emit: (e) => events.push(e) });
  const engine = createQbdEngine({
    db,
    log,
    emit: (e) => events.push(e),
    random: () => 0,
    units: jobCostingQbdUnits,
    ...(engineOptions.listPages ? { listPages: engineOptions.listPages } : {}),
  });
  const company = await core.call('companies.create', { name: 'Northwind Facilities', baseCurrency: 'USD' });
  const connection = await core.call('connections.create', {
    companyId: company.id,
    system: 'quickbooks_desktop',
    settings: {
      documentsToSend: ['purchase_order', 'service_order', 'invoice', 'receipt'],
      importPayments: true,
      ...settings,
    },
  });
  let counter = 0;
  return {
    core,
    db,
    engine,
    events,
    companyId: company.id,
    connectionId: connection.id,
    async supplier(name) {
      return (await core.call('suppliers.create', { companyId: company.id, name, currency: 'USD' })).id;
    },
    async listEntry(kind, name) {
      return (await core.call('lists.create', { companyId: company.id, kind, name })).id;
    },
    async approved(input) {
      counter += 1;
      const draft = await core.call('documents.create', {
        companyId: company.id,
        type: input.type,
        number: input.number ?? `${input.type === 'invoice' ? 'B' : 'P'}${1000 + counter}`,
        supplierId: input.supplierId,
        supplierInvoiceNumber:
          input.supplierInvoiceNumber ?? (input.type === 'invoice' ? `INV-${counter}` : null),
        date: input.date ?? '2026-11-02',
        currency: 'USD',
        linkedDocumentId: input.linkedDocumentId ?? null,
        discount: input.discount ?? null,
        lines: (input.lines ?? [{}]).map((l) => ({
          description: l.description ?? 'Copper pipe 15 mm',
          quantity: l.quantity ?? '2',
          unitPrice: l.unitPrice ?? '12.50',
          itemId: l.itemId ?? null,
          accountId: l.accountId ?? null,
          customerId: l.customerId ?? null,
          classId: l.classId ?? null,
          discount: l.discount ?? null,
        })),
      });
      await core.call('documents.submit', { id: draft.id });
      return core.call('documents.approve', { id: draft.id });
    },
    document: (id) => core.call('documents.get', { id }),
    async close() {
      db.close();
      await core.close();
    },
  };
}

export const HOST = {
  companyFileName: 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Northwind.qbw',
  qbXMLCountry: 'US',
  qbXMLMajorVers: 13,
  qbXMLMinorVers: 0,
};

export interface SessionRun {
  summary: QbdSessionSummary;
  messages: string[];
  percents: number[];
  lastError: string;
}

/**
 * One Web Connector session. `breakAfter`: the session dies after sending that many messages (the last one's
 * answer never arrives). `hresult`: QuickBooks fails message n as a whole.
 */
export function runSession(
  h: EngineHarness,
  qb: QuickBooksLike,
  options: { breakAfter?: number; sessionId?: string; companyFileName?: string } = {},
): SessionRun {
  const conversation = h.engine.begin(
    h.connectionId,
    options.sessionId ?? `s-${Math.random().toString(36).slice(2)}`,
  );
  const messages: string[] = [];
  const percents: number[] = [];
  for (let i = 0; i < 5000; i += 1) {
    const xml = conversation.nextRequest(
      i === 0
        ? {
            ...HOST,
            companyFileName: options.companyFileName ?? HOST.companyFileName,
            hcpResponse: qb.hostResponse(),
          }
        : null,
    );
    if (xml === '') break;
    messages.push(xml);
    if (options.breakAfter !== undefined && messages.length >= options.breakAfter) {
      // The Web Connector stopped (timeout, user canceled): the answer to this message never comes.
      qb.handle(xml);
      break;
    }
    let response: string;
    try {
      response = qb.handle(xml);
    } catch (error) {
      if (error instanceof HresultFault) {
        const percent = conversation.receiveResponse({
          response: '',
          hresult: error.hresult,
          message: error.message,
        });
        percents.push(percent);
        if (percent < 0) break;
        continue;
      }
      throw error;
    }
    const percent = conversation.receiveResponse({ response, hresult: '', message: '' });
    percents.push(percent);
    if (percent < 0 || percent >= 100) break;
  }
  const lastError = conversation.lastError();
  return { summary: conversation.close(), messages, percents, lastError };
}

/** Thrown by a fault-injecting QuickBooksLike: QuickBooks failed the whole message with this HRESULT. */
export class HresultFault extends Error {
  constructor(
    readonly hresult: string,
    message: string,
  ) {
    super(message);
  }
}

export function syncOf(doc: DocumentT, connectionId: string) {
  return doc.sync.find((s) => s.connectionId === connectionId);
}
