// Learning per supplier through the API: the bookkeeper corrects the supplier and the invoice number of a
// supplier's first invoice and saves; the supplier's next invoice is proposed right, with those fields marked
// learned; fields saved as read (confirmed) and the line table are learned too; the learned layouts export as
// JSON.
import { beforeAll, describe, expect, it } from 'vitest';
import { useCaptureCore } from '../../fixtures/capture/capture-core.js';
import { invoicePen, putCells } from '../../fixtures/capture/invoice-pen.js';

const core = useCaptureCore();
let companyId: string;
let supplierId: string;

beforeAll(async () => {
  const company = await core.call('companies.create', { name: 'Northwind Facilities', baseCurrency: 'EUR' });
  companyId = company.id;
  // On file under another spelling, without tax id, e-mail or bank account: nothing on the invoice matches it.
  const supplier = await core.call('suppliers.create', { companyId, name: 'Fischer und Soehne' });
  supplierId = supplier.id;
});

/** Where the lines' table's columns start. */
const COLUMNS = [40, 300, 370, 480];

/** A German supplier's invoice whose number stands under "Vorgang", a label no vocabulary has. */
async function invoicePdf(number: string, date: string, amount: string): Promise<string> {
  const pen = await invoicePen();
  const { doc, bold, put } = pen;
  put('Fischer & Söhne OHG', 40, 40, 18, bold);
  put('Mühlenweg 4, 28195 Bremen', 40, 64, 9);
  put('Northwind Facilities', 40, 130);
  put('Stationsplein 45, Utrecht', 40, 144);
  put('Vorgang', 330, 120, 8);
  put(number, 330, 132);
  put('Datum', 450, 120, 8);
  put(date, 450, 132);
  putCells(pen, 220, COLUMNS, ['Bezeichnung', 'Menge', 'Einzelpreis', 'Betrag'], bold);
  putCells(pen, 238, COLUMNS, ['Wartung Heizung', '1', amount, amount]);
  put('Summe netto', 330, 280);
  put(amount, 480, 280);
  put('MwSt. 19 %', 330, 296);
  const net = Number(amount.replace('.', '').replace(',', '.'));
  const tax = Math.round(net * 19) / 100;
  const fmt = (n: number) => n.toFixed(2).replace('.', ',');
  put(fmt(tax), 480, 296);
  put('Gesamtbetrag', 330, 312, 10, bold);
  put(fmt(net + tax), 480, 312, 10, bold);
  return Buffer.from(await doc.save()).toString('base64');
}

describe('learning from a correction', () => {
  it('reads the next invoice from the supplier as the bookkeeper taught, and says so', async () => {
    const first = await invoicePdf('V 2024 118', '03.04.2024', '100,00');
    const { proposal } = await core.call('documents.capture', {
      companyId,
      fileName: 'first.pdf',
      contentBase64: first,
      previews: false,
    });
    expect(proposal.supplierId).toBeNull();
    expect(proposal.supplierInvoiceNumber).not.toBe('V 2024 118');
    expect(proposal.learned).toEqual([]);
    // The company's own name is on the page but never proposed as the supplier.
    expect(proposal.supplierName).toBe('Fischer & Söhne OHG');

    const saved = await core.call('documents.createFromCapture', {
      companyId,
      fileName: 'first.pdf',
      contentBase64: first,
      supplierId,
      supplierInvoiceNumber: 'V 2024 118',
      date: '2024-04-03',
      lines: [{ description: 'Wartung Heizung', quantity: '1', unitPrice: '100.00' }],
      corrections: [
        { field: 'supplier', value: supplierId },
        { field: 'supplierInvoiceNumber', value: 'V 2024 118' },
      ],
    });
    expect(saved.learned.sort()).toEqual(['supplier', 'supplierInvoiceNumber']);

    const second = await invoicePdf('V 2024 241', '17.06.2024', '250,00');
    const next = await core.call('documents.capture', {
      companyId,
      fileName: 'second.pdf',
      contentBase64: second,
      previews: false,
    });
    expect(next.proposal.supplierId).toBe(supplierId);
    expect(next.proposal.supplierInvoiceNumber).toBe('V 2024 241');
    expect(next.proposal.date).toBe('2024-06-17');
    expect(next.proposal.totals).toEqual({ subtotal: '250.00', tax: '47.50', total: '297.50' });
    expect(next.proposal.learned.sort()).toEqual(['supplier', 'supplierInvoiceNumber']);
    expect(next.proposal.confidence.supplierInvoiceNumber).toBeGreaterThan(0.95);
  });

  it('learns the fields the bookkeeper confirmed and the line table, apart from the corrections', async () => {
    const third = await invoicePdf('V 2024 305', '02.09.2024', '80,00');
    const saved = await core.call('documents.createFromCapture', {
      companyId,
      fileName: 'third.pdf',
      contentBase64: third,
      supplierId,
      supplierInvoiceNumber: 'V 2024 305',
      date: '2024-09-02',
      currency: 'EUR',
      lines: [{ description: 'Wartung Heizung', quantity: '1', unitPrice: '80.00' }],
      corrections: [],
      confirmed: [
        { field: 'supplierInvoiceNumber', value: 'V 2024 305' },
        { field: 'date', value: '2024-09-02' },
        { field: 'total', value: '95.20' },
      ],
      learnLines: true,
    });
    expect(saved.learned).toEqual([]);
    expect(saved.learnedConfirmed.sort()).toEqual(['date', 'lines', 'supplierInvoiceNumber', 'total']);
    const data = await core.call('capture.learned.export', { companyId });
    const fields = data.suppliers[0]?.fields ?? [];
    expect(fields.find((f) => f.field === 'date')).toMatchObject({ taughtBy: 'confirmation' });
    expect(fields.find((f) => f.field === 'lines')?.columns?.map((c) => c.role)).toEqual([
      'quantity',
      'unitPrice',
      'amount',
    ]);
  });

  it('exports what was learned per supplier', async () => {
    const data = await core.call('capture.learned.export', { companyId });
    expect(data.format).toBe('ledgerbridge.capture-learned-fields');
    expect(data.suppliers).toHaveLength(1);
    expect(data.suppliers[0]).toMatchObject({ supplierId, supplierName: 'Fischer und Soehne' });
    expect(data.suppliers[0]?.fields.map((f) => f.field).sort()).toEqual([
      'date',
      'invoiceNumber',
      'lines',
      'supplierName',
      'total',
    ]);
    // Taught by the correction, then confirmed on the next invoice: the latest teaching is kept.
    expect(data.suppliers[0]?.fields.find((f) => f.field === 'invoiceNumber')).toMatchObject({
      label: 'vorgang',
      placement: 'below',
      example: 'V 2024 305',
      timesTaught: 2,
    });
  });
});
