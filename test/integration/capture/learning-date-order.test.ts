// Learning from a saved invoice reads it again with the day/month order the proposal used (the company's country,
// the supplier, the page: date-order.ts), so that a value saved as read is learned where it was read. A US
// company's 03/04/2024 is March 4 there too: read day first, it was April 3, unlike the date saved, and the date
// was learned at another label that printed the same day on the first invoice — and a different day on the next.
import { describe, expect, it } from 'vitest';
import { useCaptureCore } from '../../fixtures/capture/capture-core.js';
import { invoicePen, putCells } from '../../fixtures/capture/invoice-pen.js';

const core = useCaptureCore();

interface PrintedInvoice {
  number: string;
  /** The day the copy was printed, beside the letterhead ("Date"): the invoice date on the first invoice only. */
  printed: string;
  date: string;
  due: string;
  amount: string;
}

/** Where the lines' table's columns start. */
const COLUMNS = [40, 300, 370, 480];

/** An English invoice that prints no currency or country: only the company's country places its dates. */
async function invoicePdf(invoice: PrintedInvoice): Promise<string> {
  const pen = await invoicePen();
  const { doc, bold, put } = pen;
  put('Lakeside Paper Co.', 40, 40, 18, bold);
  put('Date', 400, 40, 8);
  put(invoice.printed, 440, 40, 9);
  put('410 Shore Road', 40, 64, 9);
  put('accounts@lakesidepaper.example', 40, 76, 9);
  put('Bill to', 40, 116, 8);
  put('Northwind Facilities', 40, 130);
  // A label no vocabulary holds: the bookkeeper types the number, and saves the dates as read.
  put('Ticket', 330, 110, 8);
  put(invoice.number, 420, 110);
  put(`Invoice date: ${invoice.date}`, 330, 126);
  put('Due date', 330, 142, 8);
  put(invoice.due, 420, 142);
  putCells(pen, 220, COLUMNS, ['Description', 'Qty', 'Unit price', 'Amount'], bold);
  putCells(pen, 238, COLUMNS, ['Copier paper, 10 reams', '1', invoice.amount, invoice.amount]);
  put('Total', 330, 280, 10, bold);
  put(invoice.amount, 480, 280, 10, bold);
  return Buffer.from(await doc.save()).toString('base64');
}

async function capture(companyId: string, fileName: string, contentBase64: string) {
  const { proposal } = await core.call('documents.capture', {
    companyId,
    fileName,
    contentBase64,
    previews: false,
  });
  return proposal;
}

describe('learning from the invoice of a US company', () => {
  it('learns month-first dates where the proposal read them, and reads the next invoice so', async () => {
    const { id: companyId } = await core.call('companies.create', {
      name: 'Northwind Facilities',
      baseCurrency: 'USD',
    });
    await core.call('companies.update', { id: companyId, identity: { addresses: [{ country: 'US' }] } });
    const supplier = await core.call('suppliers.create', {
      companyId,
      name: 'Lakeside Paper Co.',
      email: 'accounts@lakesidepaper.example',
    });
    const first = await invoicePdf({
      number: 'LP-3301',
      printed: '03/04/2024',
      date: '03/04/2024',
      due: '04/03/2024',
      amount: '250.00',
    });
    const proposal = await capture(companyId, 'first.pdf', first);
    expect(proposal.supplierId).toBe(supplier.id);
    expect(proposal.supplierInvoiceNumber).toBeNull();
    expect([proposal.date, proposal.dueDate]).toEqual(['2024-03-04', '2024-04-03']);

    const saved = await core.call('documents.createFromCapture', {
      companyId,
      fileName: 'first.pdf',
      contentBase64: first,
      supplierId: supplier.id,
      supplierInvoiceNumber: 'LP-3301',
      date: '2024-03-04',
      dueDate: '2024-04-03',
      lines: [{ description: 'Copier paper, 10 reams', quantity: '1', unitPrice: '250.00' }],
      corrections: [{ field: 'supplierInvoiceNumber', value: 'LP-3301' }],
      confirmed: [
        { field: 'date', value: '2024-03-04' },
        { field: 'dueDate', value: '2024-04-03' },
      ],
    });
    expect(saved.learned).toEqual(['supplierInvoiceNumber']);
    expect(saved.learnedConfirmed.sort()).toEqual(['date', 'dueDate']);
    const { suppliers } = await core.call('capture.learned.export', { companyId });
    expect(suppliers[0]?.fields.find((f) => f.field === 'date')).toMatchObject({
      label: 'invoice date:',
      format: 'mdy',
    });

    const second = await invoicePdf({
      number: 'LP-3420',
      printed: '05/20/2024',
      date: '05/06/2024',
      due: '06/05/2024',
      amount: '125.00',
    });
    const next = await capture(companyId, 'second.pdf', second);
    expect(next.supplierInvoiceNumber).toBe('LP-3420');
    expect([next.date, next.dueDate]).toEqual(['2024-05-06', '2024-06-05']);
  });
});
