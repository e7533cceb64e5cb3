// Our documents as qbXML: each request the engine writes is valid against Intuit's qbXML 13.0 schema (xmllint),
// lines carry net amounts that add up to our total, and the version and GUID rules hold.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pickQbxmlVersion } from '../../../../main/connectors/quickbooks-desktop/engine.js';
import { buildMessage, buildRequest } from '../../../../main/connectors/quickbooks-desktop/qbxml/builders.js';
import { qbxmlWire } from '../../../../main/connectors/quickbooks-desktop/wire.js';
import type { QbxmlRequest } from '../../../../main/connectors/quickbooks-desktop/qbxml/types.js';
import { QBD_DEFAULT_SETTINGS } from '../../../../main/connectors/quickbooks-desktop/settings.js';
import { externalGuid } from '../../../../main/connectors/quickbooks-desktop/state.js';
import {
  cancelRequest,
  documentRequest,
  type RefResolver,
} from '../../../../main/connectors/quickbooks-desktop/translate.js';
import type { DocumentT } from '../../../../preload/contract.js';

const XSD = '/work/shared/oracles/qbxml/qbxmlops130.xsd';
const isCI = process.env.CI === 'true';
const haveXsd = fs.existsSync(XSD);
if (!haveXsd && isCI) throw new Error(`The qbXML schema oracle is missing at ${XSD}`);

const settings = { ...QBD_DEFAULT_SETTINGS, importPayments: true, createMissing: true };

function validate(requests: QbxmlRequest[]): void {
  const xml = buildMessage(requests, { version: '13.0', onError: 'continueOnError' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbxml-'));
  const file = path.join(dir, 'rq.xml');
  fs.writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`qbXML failed the schema:\n${stderr}\n${xml}`, { cause: error });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function line(overrides: Partial<DocumentT['lines'][number]> = {}): DocumentT['lines'][number] {
  return {
    id: 'l1',
    position: 1,
    description: 'Copper pipe 15 mm',
    quantity: '2',
    unitPrice: '12.50',
    discount: null,
    itemId: null,
    accountId: null,
    taxRateId: null,
    customerId: null,
    classId: null,
    locationId: null,
    departmentId: null,
    amount: '25.00',
    lineDiscount: '0.00',
    documentDiscount: '0.00',
    netAmount: '25.00',
    tax: '0.00',
    ...overrides,
  };
}

function doc(type: DocumentT['type'], lines: DocumentT['lines']): DocumentT {
  return {
    id: 'd1',
    companyId: 'c1',
    type,
    number: 'PO-1001',
    status: 'approved',
    revision: 1,
    supplierId: 's1',
    supplierName: 'Acme Supplies',
    date: '2026-11-02',
    dueDate: '2026-12-02',
    currency: 'USD',
    supplierInvoiceNumber: type === 'invoice' ? 'A-77' : null,
    memo: 'Job 42 & friends',
    discount: null,
    fields: { job: 'cust' },
    linkedDocumentId: null,
    lines,
    totals: { subtotal: '0', discount: '0', net: '0', tax: '0', gross: '0' },
    sync: [],
    paymentStatus: null,
    payments: [],
    history: [],
    availableActions: [],
    editable: false,
    createdAt: '2026-11-02T00:00:00Z',
    updatedAt: '2026-11-02T00:00:00Z',
  };
}

const refs: RefResolver = {
  listRef: (id) =>
    id === 'item'
      ? { ListID: '80000001-1234567890' }
      : id === 'acct'
        ? { FullName: 'Job Materials' }
        : id === 'cust'
          ? { FullName: 'Smith, John:Kitchen' }
          : id === 'cls'
            ? { FullName: 'Residential' }
            : null,
  kindOf: (id) => (id === 'cust' ? 'customer' : id === 'cls' ? 'class' : null),
};
const target = {
  vendor: { ListID: '80000002-1' },
  lineLinks: null,
  existing: null,
  externalGuid: externalGuid('k'),
};
const mod = { ...target, existing: { txnId: '1A-1', editSequence: '1700000000' } };

describe.skipIf(!haveXsd)('documents as qbXML', () => {
  it('writes every document type, add and mod, valid against the qbXML 13.0 schema', () => {
    const lines = [
      line({ itemId: 'item', classId: 'cls' }),
      line({ accountId: 'acct', netAmount: '20.00', lineDiscount: '5.00' }),
      line({}),
    ];
    const requests: QbxmlRequest[] = [];
    let n = 0;
    for (const type of ['purchase_order', 'service_order', 'invoice', 'receipt'] as const) {
      requests.push(documentRequest(doc(type, lines), target, refs, settings, `a${(n += 1)}`));
      requests.push(documentRequest(doc(type, lines), mod, refs, settings, `m${n}`));
      requests.push(cancelRequest(doc(type, lines), '1A-1', settings, `c${n}`));
    }
    requests.push(
      documentRequest(
        doc('invoice', lines),
        { ...target, lineLinks: new Map([['l1', { TxnID: '2B-2', TxnLineID: '2B-3' }]]) },
        refs,
        settings,
        'linked',
      ),
    );
    requests.push(cancelRequest(doc('invoice', lines), '1A-1', { ...settings, billCancel: 'void' }, 'void'));
    validate(requests);
  });

  it('sends net amounts and leaves the unit price out of a discounted line', () => {
    const request = documentRequest(
      doc('purchase_order', [line({ itemId: 'item' }), line({ netAmount: '22.50', lineDiscount: '2.50' })]),
      target,
      refs,
      settings,
      'x',
    );
    expect(request.type).toBe('PurchaseOrderAdd');
    const body = request.body as {
      PurchaseOrderLineAdd: { Rate?: string; Amount?: string; CustomerRef?: unknown; ItemRef?: unknown }[];
    };
    expect(body.PurchaseOrderLineAdd.map((l) => [l.Rate, l.Amount])).toEqual([
      ['12.50', '25.00'],
      [undefined, '22.50'],
    ]);
    // The line without an item takes the default purchase item; the document's job goes on every line.
    expect(body.PurchaseOrderLineAdd[1]!.ItemRef).toEqual({ FullName: settings.defaultPurchaseItem });
    expect(body.PurchaseOrderLineAdd[0]!.CustomerRef).toEqual({ FullName: 'Smith, John:Kitchen' });
  });
});

describe('version and identity', () => {
  it('assembles prebuilt requests exactly as buildMessage writes the message', () => {
    const requests: QbxmlRequest[] = [
      { type: 'VendorQuery', requestID: '1', body: { FullName: ['Acme & Sons'] } },
      { type: 'TxnDel', requestID: '2', body: { TxnDelType: 'Bill', TxnID: '1A-1' } },
    ];
    const options = { version: '12.0', onError: 'continueOnError' as const };
    expect(
      qbxmlWire.assemble(
        requests.map((r) => buildRequest(r, '12.0')),
        options,
      ),
    ).toBe(buildMessage(requests, options));
  });

  it('picks 13.0 or the highest supported version below it', () => {
    expect(pickQbxmlVersion(['1.0', '2.0', '13.0', '14.0', '16.0'])).toBe('13.0');
    expect(pickQbxmlVersion(['8.0', '12.0', '11.1'])).toBe('12.0');
    expect(pickQbxmlVersion(['14.0'])).toBeNull();
  });

  it('derives one ExternalGUID per idempotency key, in the schema form', () => {
    const a = externalGuid('doc:1:r1:send');
    expect(a).toMatch(/^\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}$/);
    expect(externalGuid('doc:1:r1:send')).toBe(a);
    expect(externalGuid('doc:1:r2:send')).not.toBe(a);
  });
});
