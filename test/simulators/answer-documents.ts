// The one document the answer-shape tests send (a bill or a purchase order of one 25.00 expense line, supplier
// 'sup-1', account 'acct'), so that each system's test reads its created-record answers through the real send.
import type { DocumentT, SupplierT } from '../../preload/contract.js';
import type { OutgoingDocument } from '../../main/connectors/contract.js';

function document(type: 'invoice' | 'purchase_order'): DocumentT {
  return {
    id: 'doc-1',
    companyId: 'co',
    type,
    number: 'N-1',
    status: 'approved',
    revision: 0,
    supplierId: 'sup-1',
    supplierName: 'Acme',
    date: '2026-11-03',
    dueDate: null,
    currency: 'USD',
    supplierInvoiceNumber: type === 'invoice' ? 'INV-9' : null,
    memo: null,
    discount: null,
    fields: {},
    linkedDocumentId: null,
    lines: [
      {
        id: 'l0',
        position: 0,
        description: 'Copper pipe',
        quantity: '1',
        unitPrice: '25.00',
        discount: null,
        itemId: null,
        accountId: 'acct',
        taxRateId: null,
        customerId: null,
        classId: null,
        locationId: null,
        departmentId: null,
        lineDiscount: '0.00',
        documentDiscount: '0.00',
        amount: '25.00',
        netAmount: '25.00',
        tax: '0.00',
      },
    ],
    totals: { net: '25.00', tax: '0.00', gross: '25.00', discount: '0.00', subtotal: '25.00' },
    sync: [],
    paymentStatus: null,
    payments: [],
    history: [],
    availableActions: [],
    editable: false,
    createdAt: '2026-11-03T00:00:00Z',
    updatedAt: '2026-11-03T00:00:00Z',
  } as unknown as DocumentT;
}

/**
 * The document ready to send, its supplier and account mapped to `supplierId` and `accountId`; with `existingId`,
 * as sent before (an update or cancel).
 */
export const outgoingDocument = (
  type: 'invoice' | 'purchase_order',
  existingId: string | null = null,
  references: { supplierId: string; accountId: string } = { supplierId: '56', accountId: '80' },
): OutgoingDocument => ({
  document: document(type),
  supplier: { id: 'sup-1', name: 'Acme' } as SupplierT,
  references: { 'sup-1': references.supplierId, acct: references.accountId },
  existing: existingId ? { externalId: existingId, syncToken: null } : null,
  idempotencyKey: 'k',
  mayExist: false,
});
