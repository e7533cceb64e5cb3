// "Référence client", "Ref. cliente": the customer's own reference (its order) as Odoo and most tools print it, but
// never a customer account's code.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import type { PageText } from '../../../main/domain/capture/words.js';
import { headerInvoice as invoice } from '../../fixtures/capture/header-invoice.js';

const read = (page: PageText) => extractInvoice([page], { dateOrder: 'dmy' });

/** Odoo's row of headings with their values under them. */
const odoo = (value: string) =>
  invoice('FACTURE', [
    [40, 230, 'Date de facturation :', 9],
    [170, 230, "Date d'échéance :", 9],
    [300, 230, 'Origine :', 9],
    [400, 230, 'Référence client :', 9],
    [40, 244, '27/08/2024', 10],
    [170, 244, '26/09/2024', 10],
    [300, 244, 'S1502', 10],
    [400, 244, value, 10],
  ]);

describe('the customer reference', () => {
  it('is the order number under Odoo\'s "Référence client"', () => {
    expect(read(odoo('PO-4594')).orderNumber?.value).toBe('PO-4594');
    const es = read(invoice('FACTURA', [[330, 100, 'Ref. cliente: PED-2024-88', 10]]));
    expect(es.orderNumber?.value).toBe('PED-2024-88');
  });

  it("is not when it is the customer's account code", () => {
    for (const code of ['C00412', 'CLI-0042', 'CUST 1187']) {
      expect(read(odoo(code)).orderNumber?.value ?? null, code).toBeNull();
    }
  });

  it('yields to an order label', () => {
    const x = read(
      invoice('FACTURE', [
        [330, 100, 'Référence client : 411-NORTH', 10],
        [330, 114, 'N° de commande : BC-2024-17', 10],
      ]),
    );
    expect(x.orderNumber?.value).toBe('BC-2024-17');
  });
});
