// A bare "$" is read as Canada's or Australia's dollar by the issuer's tax words and address ("GST/HST", "ABN",
// "Canada"), never by the customer's: a US supplier billing a customer in Toronto bills in US dollars.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { pageOf } from '../../fixtures/capture/page.js';

const page = (issuer: string[], customer: string[]) =>
  pageOf([
    [40, 40, 'Harbor Tools Inc.', 16],
    ...issuer.map((t, i) => [40, 60 + 12 * i, t, 9] as [number, number, string, number]),
    [400, 40, 'INVOICE', 18],
    [400, 70, 'Invoice no. 4411', 10],
    [40, 140, 'Bill to', 9],
    ...customer.map((t, i) => [40, 154 + 12 * i, t, 10] as [number, number, string, number]),
    [40, 300, 'Widgets', 10],
    [480, 300, '$100.00', 10],
    [330, 340, 'Total', 10],
    [480, 340, '$100.00', 10],
  ]);

describe("the currency of a bare '$'", () => {
  it("is not Canada's when only the customer's block names Canada", () => {
    const x = extractInvoice(
      [
        page(
          ['1200 Main Street, Portland, OR 97201'],
          [
            'Maple Leaf Supplies Ltd',
            '100 King St W',
            'Toronto ON M5X 1A9, Canada',
            'GST/HST No. 812345678 RT0001',
          ],
        ),
      ],
      { dateOrder: 'mdy' },
    );
    expect(x.currency?.value).toBe('USD');
  });

  it("is Canada's when the issuer prints its GST/HST number", () => {
    const x = extractInvoice(
      [page(['1200 Bay Street, Toronto ON', 'GST/HST No. 812345678 RT0001'], ['Acme Corp', '5 Elm St'])],
      { dateOrder: 'mdy' },
    );
    expect(x.currency?.value).toBe('CAD');
  });
});
