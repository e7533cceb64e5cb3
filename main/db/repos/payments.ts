// The payments brought back from the accounting systems, as the Payments page lists them: newest first, each with
// the connection it came from and the document it paid, filtered by system or connection, date and status.
import type { Database } from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../../../preload/contract.js';
import { currencyDecimals } from '../../domain/currency.js';
import { formatMinor } from '../../domain/money.js';

type PaymentList = MethodOutput<'payments.list'>;
type PaymentItem = PaymentList['items'][number];

interface PaymentRow {
  id: string;
  connection_id: string;
  connection_name: string;
  system: string;
  external_id: string;
  kind: PaymentItem['kind'];
  date: string;
  amount_minor: number;
  currency: string;
  status: PaymentItem['status'];
  document_id: string;
  document_number: string;
  document_type: PaymentItem['documentType'];
  supplier_name: string;
  updated_at: string;
}

export function listPayments(db: Database, filter: ParsedInput<'payments.list'>): PaymentList {
  const where = ['c.company_id = @companyId'];
  const params: Record<string, unknown> = {
    companyId: filter.companyId,
    limit: filter.limit,
    offset: filter.offset,
  };
  const add = (sql: string, name: string, value: unknown) => {
    if (value === undefined) return;
    where.push(sql);
    params[name] = value;
  };
  add('c.system = @system', 'system', filter.system);
  add('p.connection_id = @connectionId', 'connectionId', filter.connectionId);
  add('p.date >= @from', 'from', filter.from);
  add('p.date <= @to', 'to', filter.to);
  add('p.status = @status', 'status', filter.status);
  add('p.kind = @kind', 'kind', filter.kind);
  const from = `payments p JOIN connections c ON c.id = p.connection_id JOIN documents d ON d.id = p.document_id
    WHERE ${where.join(' AND ')}`;
  const total =
    db.prepare<Record<string, unknown>, { n: number }>(`SELECT count(*) AS n FROM ${from}`).get(params)?.n ??
    0;
  if (total === 0 || filter.offset >= total) return { total, items: [] };
  const rows = db
    .prepare<Record<string, unknown>, PaymentRow>(
      `SELECT p.id, p.connection_id, c.name AS connection_name, c.system, p.external_id, p.kind, p.date,
              p.amount_minor, d.currency, p.status, p.document_id, d.number AS document_number,
              d.type AS document_type, d.supplier_name, p.updated_at
         FROM ${from}
        ORDER BY p.date DESC, p.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      connectionId: r.connection_id,
      connectionName: r.connection_name,
      system: r.system,
      externalId: r.external_id,
      kind: r.kind,
      date: r.date,
      amount: formatMinor(r.amount_minor, currencyDecimals(r.currency)),
      currency: r.currency,
      status: r.status,
      documentId: r.document_id,
      documentNumber: r.document_number,
      documentType: r.document_type,
      supplierName: r.supplier_name,
      updatedAt: r.updated_at,
    })),
  };
}
