// Location and department per line (issue 16): a line's own location, department and class go on its item or
// expense line; a line without one takes the document header's (NetSuite's form would source it from the body, a
// REST write carries only what it is sent); the body keeps the header's. Bodies are judged against the OpenAPI
// subset; a refusal NetSuite names by sublist path is said by our line number and field.
import { describe, expect, it } from 'vitest';
import type { DocumentT, SupplierT } from '../../../preload/contract.js';
import type { OutgoingDocument } from '../../../main/connectors/contract.js';
import { lineFaultError } from '../../../main/connectors/netsuite/faults.js';
import { lineOfPath, mapRecord } from '../../../main/connectors/netsuite/mapping.js';
import { NetSuiteSettings } from '../../../main/connectors/netsuite/settings.js';
import { isCI } from '../../integration/secrets/keychain-probe.js';
import { netsuiteOracleAvailable, validateRecord } from '../../simulators/netsuite/oas.js';

const ready = netsuiteOracleAvailable();
if (!ready && isCI)
  throw new Error('../shared/oracles/netsuite/ is missing: the NetSuite tests need it on CI');

const settings = NetSuiteSettings.parse({ accountId: '1234567', subsidiaryId: '1' });

type LineT = DocumentT['lines'][number];
function line(position: number, coding: Partial<LineT>): LineT {
  return {
    id: `l${position}`,
    position,
    description: `Line ${position}`,
    quantity: '1',
    unitPrice: '10.00',
    discount: null,
    itemId: null,
    accountId: null,
    taxRateId: null,
    customerId: null,
    classId: null,
    locationId: null,
    departmentId: null,
    amount: '10.00',
    lineDiscount: '0.00',
    documentDiscount: '0.00',
    netAmount: '10.00',
    tax: '0.00',
    ...coding,
  };
}

function outgoing(lines: LineT[], fields: Record<string, string | null>): OutgoingDocument {
  const document: DocumentT = {
    id: 'doc-1',
    companyId: 'co',
    type: 'invoice',
    number: 'INV-1',
    status: 'approved',
    revision: 0,
    supplierId: 'sup',
    supplierName: 'Acme',
    date: '2026-11-05',
    dueDate: null,
    currency: 'USD',
    supplierInvoiceNumber: 'ACME-1',
    memo: null,
    discount: null,
    fields,
    linkedDocumentId: null,
    lines,
    totals: { subtotal: '30.00', discount: '0.00', net: '30.00', tax: '0.00', gross: '30.00' },
    sync: [],
    paymentStatus: null,
    payments: [],
    history: [],
    availableActions: [],
    editable: false,
    createdAt: '2026-11-05T00:00:00Z',
    updatedAt: '2026-11-05T00:00:00Z',
  } as DocumentT;
  const supplier = { id: 'sup', name: 'Acme' } as SupplierT;
  return {
    document,
    supplier,
    // Ours → NetSuite's internal ids.
    references: {
      sup: '7',
      item: '30',
      acct: '60',
      east: '11',
      west: '12',
      ops: '21',
      sales: '22',
      retail: '41',
    },
    existing: null,
    idempotencyKey: 'k',
  };
}

type Lines = { items: Record<string, unknown>[] };

describe('NetSuite: location and department per line', () => {
  it("sends a line's own location and department, and the header's on lines without their own", () => {
    const { body, lines } = mapRecord(
      outgoing(
        [
          line(1, { itemId: 'item', locationId: 'west', departmentId: 'sales' }),
          line(2, { accountId: 'acct' }),
          line(3, { accountId: 'acct', departmentId: 'sales' }),
        ],
        { location: 'east', department: 'ops', class: 'retail' },
      ),
      settings,
      '1',
    );
    // The body keeps the header's.
    expect(body).toMatchObject({ location: { id: '11' }, department: { id: '21' }, class: { id: '41' } });
    expect((body.item as Lines).items).toEqual([
      expect.objectContaining({ location: { id: '12' }, department: { id: '22' }, class: { id: '41' } }),
    ]);
    expect((body.expense as Lines).items).toEqual([
      expect.objectContaining({ location: { id: '11' }, department: { id: '21' } }),
      expect.objectContaining({ location: { id: '11' }, department: { id: '22' } }),
    ]);
    expect(lines.map((l) => [l.sublist, l.line])).toEqual([
      ['item', 1],
      ['expense', 2],
      ['expense', 3],
    ]);
    if (ready) expect(validateRecord('vendorBill', body)).toEqual([]);
  });

  it('sends no location or department on a line when neither the line nor the header has one', () => {
    const { body } = mapRecord(
      outgoing([line(1, { accountId: 'acct', locationId: 'west' }), line(2, { accountId: 'acct' })], {}),
      settings,
      '1',
    );
    expect(body).not.toHaveProperty('location');
    const [first, second] = (body.expense as Lines).items;
    expect(first).toMatchObject({ location: { id: '12' } });
    expect(first).not.toHaveProperty('department');
    expect(second).not.toHaveProperty('location');
    expect(second).not.toHaveProperty('department');
    if (ready) expect(validateRecord('vendorBill', body)).toEqual([]);
  });

  it('names our line and field when NetSuite refuses an inactive location on a sublist line', () => {
    const { lines } = mapRecord(
      outgoing(
        [line(1, { accountId: 'acct' }), line(2, { itemId: 'item' }), line(3, { accountId: 'acct' })],
        {},
      ),
      settings,
      '1',
    );
    // The second expense line NetSuite was sent is our line 3; the only item line is our line 2.
    expect(lineOfPath('expense.items[1].location', lines)).toEqual({ line: 3, field: 'location' });
    expect(lineOfPath('item.items[0].department', lines)).toEqual({ line: 2, field: 'department' });
    expect(lineOfPath('location', lines)).toBeNull();
    expect(lineOfPath('expense.items[5].location', lines)).toBeNull();

    const refused = lineFaultError(
      {
        status: 400,
        code: 'INVALID_KEY_OR_REF',
        detail: 'Invalid location reference key 12: the location is inactive.',
        path: 'expense.items[1].location',
      },
      'bill ACME-1',
      { line: 3, field: 'location' },
    );
    expect(refused?.kind).toBe('needs_user');
    expect(refused?.userMessage).toMatch(
      /^NetSuite refused bill ACME-1: the location on line 3 is inactive, deleted or not available in this subsidiary\. Choose another location for line 3 in a revision/,
    );
    // Not a refused reference: left to the general message.
    expect(
      lineFaultError(
        { status: 400, code: 'USER_ERROR', detail: 'Please enter value(s) for: Department', path: 'x' },
        'bill ACME-1',
        { line: 1, field: 'department' },
      ),
    ).toBeNull();
  });
});
