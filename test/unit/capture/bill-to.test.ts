// The supplier is the issuer: never the billed party's block, never its label, in any of the seven languages,
// wherever the block stands and however large its name is printed — whether or not the company's own name is
// known (a company renamed, or billed under another name).
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { pageOf } from '../../fixtures/capture/page.js';

const LABELS = [
  'Bill to',
  'Billed to',
  'Billing address',
  'Invoice to',
  'Rechnungsadresse',
  'Rechnungsempfänger',
  'Factuuradres',
  'Gefactureerd aan',
  'Adresse de facturation',
  'Facturé à',
  'Dirección de facturación',
  'Facturar a',
  'Indirizzo di fatturazione',
  'Spett.le',
  'Morada de faturação',
  'Faturar a',
];

const ISSUER = 'Lindqvist Hosting AB';
const CUSTOMER = 'Harbour Lane Bakery Ltd';

/** The customer's block where some tools put it: top left, its name printed larger than the issuer's. */
function customerFirst(label: string) {
  return pageOf([
    [40, 40, label, 12],
    [40, 58, CUSTOMER, 20],
    [40, 84, '12 Quay Street, Dublin', 10],
    [40, 98, 'VAT IE6388047V', 10],
    [360, 40, ISSUER, 11],
    [360, 54, 'Sveavägen 44, Stockholm', 9],
    [360, 68, 'billing@lindqvist-hosting.example', 9],
    [360, 120, 'Invoice number', 10],
    [470, 120, 'LH-2024-77', 10],
    [360, 300, 'Total', 10],
    [470, 300, '€ 120,00', 10],
  ]);
}

/** The usual order: the issuer at the top, the customer's block under a label in the address window. */
function issuerFirst(label: string) {
  return pageOf([
    [40, 40, ISSUER, 16],
    [40, 60, 'Sveavägen 44, Stockholm', 9],
    [40, 140, label, 9],
    [40, 154, CUSTOMER, 12],
    [40, 168, '12 Quay Street, Dublin', 10],
    [360, 140, 'Invoice number', 10],
    [470, 140, 'LH-2024-77', 10],
  ]);
}

/** The label beside the block, on the block's first line ("Bill to:   Harbour Lane Bakery Ltd"). */
function labelBeside(label: string) {
  return pageOf([
    [40, 40, `${label}:`, 10],
    [150, 40, CUSTOMER, 16],
    [150, 60, '12 Quay Street, Dublin', 10],
    [360, 100, ISSUER, 11],
    [360, 114, 'www.lindqvist-hosting.example', 9],
    [360, 140, 'Invoice number', 10],
    [470, 140, 'LH-2024-77', 10],
  ]);
}

describe.each(LABELS)('the block under "%s"', (label) => {
  it('is not the supplier when the label stands beside it', () => {
    const x = extractInvoice([labelBeside(label)], { dateOrder: 'dmy' });
    expect(x.supplierName?.value).toBe(ISSUER);
    // Nor what supplier matching looks at: the block beside the label is the customer's too.
    expect(x.issuer.text.join(' ')).not.toMatch(/Harbour|Quay Street/);
  });

  it('is not the supplier when it stands first and largest, the company’s name unknown', () => {
    const x = extractInvoice([customerFirst(label)], { dateOrder: 'dmy' });
    expect(x.supplierName?.value).toBe(ISSUER);
  });

  it('is not the supplier under the issuer’s header, the company’s name known', () => {
    const x = extractInvoice([issuerFirst(label)], { dateOrder: 'dmy', ownNames: [CUSTOMER] });
    expect(x.supplierName?.value).toBe(ISSUER);
    // The customer's tax id and address are not the issuer's: supplier matching never sees them.
    expect(x.issuer.text.join(' ')).not.toContain('Quay Street');
  });
});

describe('the company’s own name', () => {
  it('is never the supplier, even printed at the top without a label, with its legal form spelled otherwise', () => {
    const page = pageOf([
      [40, 40, 'HARBOUR LANE BAKERY LIMITED', 20],
      [40, 64, '12 Quay Street, Dublin', 10],
      [360, 700, `${ISSUER} · Sveavägen 44 · Stockholm`, 8],
      [360, 120, 'Invoice number', 10],
      [470, 120, 'LH-2024-77', 10],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy', ownNames: [CUSTOMER] });
    expect(x.supplierName?.value).toBe(ISSUER);
  });
});
