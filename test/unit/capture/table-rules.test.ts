// Layout rules found on the version-6 tune layouts: line rows with position numbers, article codes, discount and
// VAT-rate columns; totals printed as a row of headings over a row of values; a tax line that names its base;
// labels after a separator inside a sentence; a heading row's weak labels; amounts in Swiss and Indian notation.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { looksNumeric } from '../../../main/domain/capture/values.js';
import { pageOf } from '../../fixtures/capture/page.js';

const lines = (x: ReturnType<typeof extractInvoice>) =>
  x.lines.map((l) => [l.quantity, l.unitPrice, l.amount]);

describe('line rows whose numbers are not all quantity, price and amount', () => {
  it('skips an article code, a discount column and a VAT-rate column (quantity × price = amount)', () => {
    const page = pageOf([
      [40, 40, 'Suministros Norte S.L.', 14],
      [40, 200, 'Código', 9],
      [110, 200, 'Descripción', 9],
      [300, 200, 'Cant.', 9],
      [350, 200, 'Precio', 9],
      [410, 200, 'Dto. %', 9],
      [460, 200, 'IVA', 9],
      [510, 200, 'Importe', 9],
      [40, 216, '64001', 9],
      [110, 216, 'Cableado estructurado', 9],
      [300, 216, '6', 9],
      [350, 216, '86,95', 9],
      [410, 216, '0,00', 9],
      [460, 216, '21 %', 9],
      [510, 216, '521,70', 9],
      [40, 232, '64002', 9],
      [110, 232, 'Mano de obra', 9],
      [300, 232, '2,5', 9],
      [350, 232, '40,00', 9],
      [410, 232, '0,00', 9],
      [460, 232, '21 %', 9],
      [510, 232, '100,00', 9],
      [300, 280, 'Base imponible', 9],
      [510, 280, '621,70', 9],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy' });
    expect(lines(x)).toEqual([
      ['6', '86.95', '521.70'],
      ['2.5', '40.00', '100.00'],
    ]);
    expect(x.lines[0]?.description).toBe('64001 Cableado estructurado');
  });

  it('keeps a row whose first word is also a carried-forward label when its numbers multiply out', () => {
    const page = pageOf([
      [40, 200, 'Descrição', 9],
      [300, 200, 'Qtd.', 9],
      [380, 200, 'Preço', 9],
      [500, 200, 'Total', 9],
      [40, 216, 'Papel A4', 9],
      [300, 216, '20', 9],
      [380, 216, '18,50', 9],
      [500, 216, '370,00', 9],
      [40, 232, 'Transporte', 9],
      [300, 232, '1', 9],
      [380, 232, '25,00', 9],
      [500, 232, '25,00', 9],
      [380, 270, 'Total ilíquido', 9],
      [500, 270, '395,00', 9],
    ]);
    expect(lines(extractInvoice([page], { dateOrder: 'dmy' }))).toEqual([
      ['20', '18.50', '370.00'],
      ['1', '25.00', '25.00'],
    ]);
  });

  it('takes the first worded column as the description when quantity, price and amount are titled', () => {
    const page = pageOf([
      [40, 200, 'Prestation', 9],
      [300, 200, 'Quantité', 9],
      [380, 200, 'Prix', 9],
      [500, 200, 'Montant', 9],
      [40, 216, 'Déplacement', 9],
      [300, 216, '5', 9],
      [380, 216, '833,31', 9],
      [500, 216, '4.166,55', 9],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy' });
    expect(x.lines.map((l) => [l.description, l.quantity, l.unitPrice, l.amount])).toEqual([
      ['Déplacement', '5', '833.31', '4166.55'],
    ]);
  });

  it('reads amounts with a currency code glued on by the cell as numbers ("CHF 1’059.94")', () => {
    expect(looksNumeric('CHF 1’059.94')).toBe(true);
    expect(looksNumeric('₹ 405.60')).toBe(true);
  });
});

describe('totals and dates laid out in rows', () => {
  it('reads net, tax and total from a row of headings above a row of values', () => {
    const page = pageOf([
      [40, 40, 'Suministros Norte S.L.', 14],
      [60, 300, 'Base imponible', 8],
      [210, 300, '% IVA', 8],
      [300, 300, 'Cuota IVA', 8],
      [430, 300, 'TOTAL FACTURA', 8],
      [150, 314, '621,70', 9],
      [250, 314, '21', 9],
      [360, 314, '130,56', 9],
      [500, 314, '752,26 €', 9],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy' });
    expect([x.subtotal?.value, x.tax?.value, x.total?.value]).toEqual(['621.70', '130.56', '752.26']);
  });

  it('takes the tax amount at the end of the line, not the base named in its label', () => {
    const page = pageOf([
      [300, 300, 'Totaal excl. btw', 9],
      [500, 300, '2.469,26 €', 9],
      [300, 314, 'Btw 21% over 2.469,26 €', 9],
      [500, 314, '518,54 €', 9],
      [300, 328, 'Totaal incl. btw', 9],
      [500, 328, '2.987,80 €', 9],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy' });
    expect([x.subtotal?.value, x.tax?.value, x.total?.value]).toEqual(['2469.26', '518.54', '2987.80']);
  });

  it('finds a due date labelled after a separator inside a sentence', () => {
    const page = pageOf([
      [40, 100, 'Fecha: 16/06/2024', 9],
      [40, 400, 'Forma de pago: Transferencia · Vencimiento: 30/06/2024 · ES91 2100 0418 4502 0005 1332', 9],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy' });
    expect(x.dueDate?.value).toBe('2024-06-30');
  });

  it('reads "Please pay by …" as the due date, not as a total', () => {
    const page = pageOf([
      [40, 100, 'Date: 9 December 2024', 9],
      [40, 400, 'Please pay by 8 January 2025.', 9],
    ]);
    expect(extractInvoice([page], { dateOrder: 'dmy' }).dueDate?.value).toBe('2025-01-08');
  });

  it('reads a weak label ("Order") of a row of headings from the value under it', () => {
    const page = pageOf([
      [40, 180, 'Factuurnr.', 8],
      [170, 180, 'Datum', 8],
      [300, 180, 'Te betalen voor', 8],
      [430, 180, 'Order', 8],
      [40, 194, 'FT 2024/672', 10],
      [170, 194, '07-06-2024', 10],
      [300, 194, '07-07-2024', 10],
      [430, 194, 'PO-4014', 10],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy' });
    expect([x.invoiceNumber?.value, x.date?.value, x.dueDate?.value, x.orderNumber?.value]).toEqual([
      'FT 2024/672',
      '2024-06-07',
      '2024-07-07',
      'PO-4014',
    ]);
  });
});

describe('a line table that runs onto the next page', () => {
  const head: [number, number, string, number][] = [
    [40, 60, 'Description', 9],
    [370, 60, 'Qty', 9],
    [430, 60, 'Unit price', 9],
    [520, 60, 'Amount', 9],
  ];
  /** `count` rows from `top`, 16 points apart, numbered from `from`. */
  const rows = (count: number, top: number, from = 1): [number, number, string, number][] =>
    Array.from({ length: count }, (_, i): [number, number, string, number][] => [
      [40, top + i * 16, `Support hours (${from + i})`, 9],
      [370, top + i * 16, '2', 9],
      [430, top + i * 16, '50.00', 9],
      [520, top + i * 16, '100.00', 9],
    ]).flat();
  const first = pageOf([[40, 20, 'Kestrel IT Services Ltd', 14], ...head, ...rows(45, 80)]);
  const totals: [number, number, string, number][] = [
    [340, 140, 'Subtotal', 9],
    [520, 140, '4,800.00', 9],
    [340, 154, 'Total', 10],
    [520, 154, '4,800.00', 10],
  ];

  it('goes on under its headings printed again below the page header', () => {
    const second = pageOf(
      [
        [40, 20, 'Kestrel IT Services Ltd', 9],
        [480, 20, 'Page 2 of 2', 9],
        ...head.map(([x, , t, s]): [number, number, string, number] => [x, 40, t, s]),
        ...rows(3, 60, 46),
        ...totals,
      ],
      2,
    );
    const x = extractInvoice([first, second], { dateOrder: 'dmy' });
    expect(x.lines).toHaveLength(48);
    expect(x.lines[47]?.description).toBe('Support hours (48)');
  });

  it('goes on straight at the head of the next page with rows that multiply out', () => {
    const second = pageOf([[480, 20, 'Page 2 of 2', 9], ...rows(3, 40, 46), ...totals], 2);
    expect(extractInvoice([first, second], { dateOrder: 'dmy' }).lines).toHaveLength(48);
  });

  it('ends where the next page starts with something else', () => {
    const second = pageOf(
      [
        [40, 40, 'Terms and conditions', 9],
        [40, 56, 'Goods remain our property until paid in full.', 9],
        [40, 72, 'VAT summary 20 % 0.00 0.00', 9],
        ...totals,
      ],
      2,
    );
    expect(extractInvoice([first, second], { dateOrder: 'dmy' }).lines).toHaveLength(45);
  });
});
