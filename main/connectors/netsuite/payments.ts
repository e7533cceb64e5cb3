// Vendor payments read with SuiteQL: the payments changed since the checkpoint (NetSuite's own lastmodifieddate), or
// dated inside a range, then what each applies to bills (PreviousTransactionLink: previousdoc = the bill, nextdoc =
// the payment). A voided payment cancels ours. The checkpoint is the latest change time NetSuite reported.
import { z } from 'zod';
import type { ExternalPayment, PaymentImport } from '../contract.js';
import { literal, NsId, type NsClient } from './client.js';

const PaymentRow = z.object({
  id: NsId,
  trandate: z.string(),
  modified: z.string(),
  voided: z.string().nullable().optional(),
});
const LinkRow = z.object({
  previousdoc: NsId,
  nextdoc: NsId,
  foreignamount: z.coerce.number(),
});

const TIMESTAMP = 'YYYY-MM-DD HH24:MI:SS';
const DATE = 'YYYY-MM-DD';
const CHUNK = 500;

/** An ISO 8601 instant or a checkpoint we gave out, as SuiteQL's 'YYYY-MM-DD HH24:MI:SS'. */
function asTimestamp(value: string): string {
  return value
    .replace('T', ' ')
    .replace(/(\.\d+)?Z?$/, '')
    .slice(0, 19);
}

export async function importPayments(
  client: NsClient,
  request: { since: string | null } | { from: string; to: string },
): Promise<PaymentImport> {
  const conditions = ["type = 'VendPymt'"];
  if ('from' in request) {
    conditions.push(`trandate >= TO_DATE(${literal(request.from)}, '${DATE}')`);
    conditions.push(`trandate <= TO_DATE(${literal(request.to)}, '${DATE}')`);
  } else if (request.since) {
    conditions.push(
      `lastmodifieddate > TO_TIMESTAMP(${literal(asTimestamp(request.since))}, '${TIMESTAMP}')`,
    );
  }
  const payments = await client.suiteql(
    `SELECT id, TO_CHAR(trandate, '${DATE}') AS trandate, TO_CHAR(lastmodifieddate, '${TIMESTAMP}') AS modified, voided FROM transaction WHERE ${conditions.join(' AND ')} ORDER BY id`,
    PaymentRow,
    'the vendor payments',
  );
  const applications = new Map<string, { documentExternalId: string; amount: string }[]>();
  for (let i = 0; i < payments.length; i += CHUNK) {
    const ids = payments.slice(i, i + CHUNK).map((p) => literal(p.id));
    const links = await client.suiteql(
      `SELECT previousdoc, nextdoc, foreignamount FROM previoustransactionlink WHERE linktype = 'Payment' AND nextdoc IN (${ids.join(', ')}) ORDER BY nextdoc, previousdoc`,
      LinkRow,
      'what the vendor payments paid',
    );
    for (const link of links) {
      const list = applications.get(link.nextdoc) ?? [];
      list.push({ documentExternalId: link.previousdoc, amount: Math.abs(link.foreignamount).toFixed(2) });
      applications.set(link.nextdoc, list);
    }
  }
  const result: ExternalPayment[] = payments.map((p) => ({
    externalId: p.id,
    // A NetSuite vendor payment ("Bill Payment"), by cheque or otherwise: the record does not say a cheque.
    kind: 'bill_payment',
    date: p.trandate.slice(0, 10),
    status: p.voided === 'T' ? 'canceled' : 'active',
    applications: applications.get(p.id) ?? [],
  }));
  const latest = payments.reduce<string | null>(
    (max, p) => (max === null || p.modified > max ? p.modified : max),
    null,
  );
  return { payments: result, checkpoint: 'from' in request ? null : latest };
}
