// The review form's logic: the form as proposed, which fields are marked for a check, and the boxes the page
// preview draws.
import { describe, expect, it } from 'vitest';
import {
  corrections,
  exportFileName,
  exportSummary,
  fieldList,
  CORRECTED_HINT,
  draftTotals,
  fieldState,
  highlights,
  initialForm,
  linesNet,
  linesTaxRate,
  LOW_CONFIDENCE,
  readAmount,
  reviewState,
  reviewWarnings,
  supplierHint,
  taxMismatch,
} from '../../../renderer/src/features/capture/model';
import type { Proposal } from '../../../renderer/src/features/capture/store';

function proposal(change: Partial<Proposal> = {}): Proposal {
  return {
    fileName: 'acme.pdf',
    sha256: 'ab'.repeat(32),
    mimeType: 'application/pdf',
    pages: [{ number: 1, width: 595, height: 842, source: 'text', imageBase64: null }],
    supplierId: 'sup-1',
    supplierInvoiceNumber: 'INV-1001',
    date: '2025-05-02',
    dueDate: null,
    currency: 'USD',
    lines: [
      {
        description: 'Filters',
        quantity: '2',
        unitPrice: '10.00',
        amount: '20.00',
        taxRateId: null,
        confidence: 0.95,
        location: { page: 1, box: { x: 0.1, y: 0.4, w: 0.8, h: 0.02 } },
      },
      {
        description: 'Labour',
        quantity: '1',
        unitPrice: '80.00',
        amount: '80.00',
        taxRateId: null,
        confidence: 0.5,
        location: null,
      },
    ],
    linkedDocumentId: null,
    supplierName: 'Acme Supplies',
    supplierMatchedBy: 'tax_id',
    supplierMatchNote: null,
    supplierSuggestion: null,
    printedOrderNumber: null,
    totals: { subtotal: '100.00', tax: '8.00', total: '108.00' },
    orderCandidates: [],
    confidence: { supplierInvoiceNumber: 0.97, date: 0.62, total: 0.4 },
    locations: {
      supplierInvoiceNumber: { page: 1, box: { x: 0.6, y: 0.1, w: 0.2, h: 0.02 } },
      total: { page: 1, box: { x: 0.7, y: 0.8, w: 0.1, h: 0.02 } },
    },
    duplicates: [],
    warnings: [],
    learned: [],
    language: 'en',
    ...change,
  };
}

describe('initialForm', () => {
  it('starts from what was read, with empty text for what was not', () => {
    const form = initialForm(proposal());
    expect(form).toMatchObject({
      supplierId: 'sup-1',
      supplierInvoiceNumber: 'INV-1001',
      date: '2025-05-02',
      dueDate: '',
      currency: 'USD',
      linkedDocumentId: '',
      confirmDuplicate: false,
    });
    expect(form.lines.map((l) => l.description)).toEqual(['Filters', 'Labour']);
  });

  it('copies the lines, so editing the form leaves the proposal as read', () => {
    const p = proposal();
    const form = initialForm(p);
    form.lines[0]!.description = 'Changed';
    expect(p.lines[0]?.description).toBe('Filters');
  });
});

describe('fieldState', () => {
  it('marks a field read below the threshold, with its confidence in the hint', () => {
    expect(fieldState(proposal(), 'date')).toEqual({
      low: true,
      hint: 'Check this: read with 62 % confidence',
      learned: false,
      corrected: false,
    });
  });

  it('leaves sure fields and fields without a confidence unmarked', () => {
    expect(fieldState(proposal(), 'supplierInvoiceNumber')).toEqual({
      low: false,
      hint: undefined,
      learned: false,
      corrected: false,
    });
    expect(fieldState(proposal(), 'dueDate')).toMatchObject({ low: false, hint: undefined });
    expect(fieldState(proposal({ confidence: { date: LOW_CONFIDENCE } }), 'date').low).toBe(false);
  });

  it('says a field was not found rather than read with 0 % confidence', () => {
    expect(fieldState(proposal({ confidence: { dueDate: 0 } }), 'dueDate')).toEqual({
      low: true,
      hint: 'Not found on the page: type it from the invoice if it is printed there',
      learned: false,
      corrected: false,
    });
  });

  it('says how a field was inferred, marked or not', () => {
    const note = 'Inferred from the “€” printed on the invoice (no currency code is printed).';
    expect(
      fieldState(proposal({ confidence: { currency: 0.87 }, fieldNotes: { currency: note } }), 'currency'),
    ).toMatchObject({ low: false, hint: note });
    const assumed = 'No currency is printed; EUR is assumed from the supplier’s country (Deutschland).';
    expect(
      fieldState(proposal({ confidence: { currency: 0.5 }, fieldNotes: { currency: assumed } }), 'currency'),
    ).toMatchObject({ low: true, hint: assumed });
  });
});

describe('highlights', () => {
  it('draws a box per field and per located line, low ones marked', () => {
    const p = proposal();
    const boxes = highlights(p, initialForm(p));
    expect(boxes.map((h) => [h.field, h.low, h.title])).toEqual([
      ['supplierInvoiceNumber', false, 'Supplier invoice number'],
      ['total', true, 'Total'],
      ['line-0', false, 'Line 1'],
    ]);
  });

  it('follows the form’s lines: a removed line loses its box', () => {
    const p = proposal();
    const form = initialForm(p);
    const boxes = highlights(p, { ...form, lines: form.lines.slice(1) });
    expect(boxes.some((h) => h.field.startsWith('line-'))).toBe(false);
  });
});

describe('fieldState: learned fields', () => {
  it('says which fields were read the way the bookkeeper taught', () => {
    const p = proposal({ learned: ['supplierInvoiceNumber', 'total'] });
    expect(fieldState(p, 'supplierInvoiceNumber').learned).toBe(true);
    expect(fieldState(p, 'total').learned).toBe(true);
    expect(fieldState(p, 'date').learned).toBe(false);
  });
});

describe('initialForm: totals', () => {
  it('starts the correctable totals from the totals as printed, empty when not read', () => {
    const form = initialForm(proposal({ totals: { subtotal: '100.00', tax: null, total: '108.00' } }));
    expect([form.subtotal, form.tax, form.total]).toEqual(['100.00', '', '108.00']);
  });
});

describe('readAmount', () => {
  it('reads the notations a bookkeeper types an amount in', () => {
    expect(readAmount('1234.56')).toBe('1234.56');
    expect(readAmount(' 1,234.56 ')).toBe('1234.56');
    expect(readAmount('1.234,56')).toBe('1234.56');
    expect(readAmount('1 234,56')).toBe('1234.56');
    expect(readAmount("1'234.56")).toBe('1234.56');
    expect(readAmount('12,5')).toBe('12.5');
    expect(readAmount('-12.00')).toBe('-12.00');
    expect(readAmount('2,000,000')).toBe('2000000');
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', 'abc', '12.3.4', '1,23,4', '€ 12', '12-']) expect(readAmount(text)).toBeNull();
  });
});

describe('corrections', () => {
  it('is empty when the bookkeeper saves what was read', () => {
    const p = proposal();
    expect(corrections(p, initialForm(p))).toEqual({ corrections: [], problems: [] });
  });

  it('sends each changed field with its right value, the supplier as its id', () => {
    const p = proposal({ supplierId: null, supplierInvoiceNumber: null });
    const form = {
      ...initialForm(p),
      supplierId: 'sup-9',
      supplierInvoiceNumber: ' INV-2002 ',
      date: '2025-05-03',
      dueDate: '2025-06-01',
    };
    expect(corrections(p, form).corrections).toEqual([
      { field: 'supplier', value: 'sup-9' },
      { field: 'supplierInvoiceNumber', value: 'INV-2002' },
      { field: 'date', value: '2025-05-03' },
      { field: 'dueDate', value: '2025-06-01' },
    ]);
  });

  it('teaches nothing from a field emptied or only re-spaced', () => {
    const p = proposal();
    const form = { ...initialForm(p), supplierInvoiceNumber: '', date: ' 2025-05-02 ' };
    expect(corrections(p, form).corrections).toEqual([]);
  });

  it('sends a corrected total as a plain amount, not one typed the same in another notation', () => {
    const p = proposal({ totals: { subtotal: '1234.50', tax: null, total: '108.00' } });
    const form = { ...initialForm(p), subtotal: '1.234,50', tax: '8,00', total: '118.00' };
    expect(corrections(p, form)).toEqual({
      corrections: [
        { field: 'tax', value: '8.00' },
        { field: 'total', value: '118.00' },
      ],
      problems: [],
    });
  });

  it('holds the save back with a message when a total is not an amount', () => {
    const p = proposal();
    const { problems } = corrections(p, { ...initialForm(p), total: '10O.00' });
    expect(problems).toEqual([
      { field: 'total', message: 'Total: “10O.00” is not an amount. Type it as printed, such as 1234.56.' },
    ]);
  });
});

describe('reviewWarnings', () => {
  const unmatched = proposal({
    supplierId: null,
    supplierMatchedBy: 'none',
    supplierName: 'Nordwind GmbH',
    supplierWarning:
      'No supplier of yours matches "Nordwind GmbH". Choose the supplier, or create it under Suppliers first.',
    warnings: ['The invoice date was not found. Type it from the invoice.'],
  });

  it('says no supplier matched while none is chosen', () => {
    expect(reviewWarnings(unmatched, initialForm(unmatched))).toEqual([
      'No supplier of yours matches "Nordwind GmbH". Choose the supplier, or create it under Suppliers first.',
      'The invoice date was not found. Type it from the invoice.',
    ]);
  });

  it('drops it once the bookkeeper chooses a supplier, keeping the other warnings', () => {
    const form = { ...initialForm(unmatched), supplierId: 'sup-2' };
    expect(reviewWarnings(unmatched, form)).toEqual([
      'The invoice date was not found. Type it from the invoice.',
    ]);
  });

  it('says it again when the choice is cleared', () => {
    const form = { ...initialForm(unmatched), supplierId: '' };
    expect(reviewWarnings(unmatched, form)[0]).toMatch(/^No supplier of yours matches/);
  });
});

describe('fieldList', () => {
  it('names the fields for a sentence', () => {
    expect(fieldList([])).toBe('');
    expect(fieldList(['supplierInvoiceNumber'])).toBe('Supplier invoice number');
    expect(fieldList(['supplier', 'date', 'total'])).toBe('Supplier, Invoice date and Total');
  });
});

describe('linesNet', () => {
  it('adds quantity × unit price to the cent', () => {
    const p = proposal();
    expect(linesNet(initialForm(p).lines)).toBe('100.00');
    expect(
      linesNet([
        { ...initialForm(p).lines[0]!, quantity: '2.5', unitPrice: '68' },
        { ...initialForm(p).lines[0]!, quantity: '3', unitPrice: '0.333' },
      ]),
    ).toBe('171.00');
  });

  it('is null while a line is not a number', () => {
    const p = proposal();
    expect(linesNet([{ ...initialForm(p).lines[0]!, quantity: 'two' }])).toBeNull();
  });
});

describe('the learned-layouts export', () => {
  it('names the file after the company and the day', () => {
    expect(exportFileName('Société Générale & Fils', '2026-12-07T02:15:04.000Z')).toBe(
      'learned-supplier-layouts-societe-generale-fils-2026-12-07.json',
    );
    expect(exportFileName('***', '2026-12-07T02:15:04.000Z')).toBe(
      'learned-supplier-layouts-company-2026-12-07.json',
    );
  });

  it('sums up what it holds, or says how to teach when it holds nothing', () => {
    expect(exportSummary({ suppliers: [{ fields: [1] }] })).toBe('1 field of 1 supplier');
    expect(exportSummary({ suppliers: [{ fields: [1, 2] }, { fields: [3] }] })).toBe(
      '3 fields of 2 suppliers',
    );
    expect(exportSummary({ suppliers: [] })).toMatch(/^Nothing learned yet/);
  });
});

describe('reviewState', () => {
  it('stops marking a field once the bookkeeper corrected it, and says it will be learned', () => {
    const p = proposal({ supplierInvoiceNumber: null, confidence: { supplierInvoiceNumber: 0 } });
    expect(reviewState(p, initialForm(p), 'supplierInvoiceNumber')).toMatchObject({
      low: true,
      corrected: false,
    });
    const form = { ...initialForm(p), supplierInvoiceNumber: 'INV-7' };
    expect(reviewState(p, form, 'supplierInvoiceNumber')).toEqual({
      low: false,
      hint: CORRECTED_HINT,
      learned: false,
      corrected: true,
    });
  });

  it('says how a value was inferred only while the field holds it', () => {
    const note = 'Inferred from the “€” printed on the invoice (no currency code is printed).';
    const p = proposal({ currency: 'EUR', confidence: { currency: 0.87 }, fieldNotes: { currency: note } });
    const form = initialForm(p);
    expect(reviewState(p, form, 'currency')).toMatchObject({ hint: note, corrected: false });
    expect(reviewState(p, { ...form, currency: 'CHF' }, 'currency')).toEqual({
      low: false,
      hint: CORRECTED_HINT,
      learned: false,
      corrected: true,
    });
    expect(reviewState(p, { ...form, currency: '' }, 'currency')).toMatchObject({
      hint: undefined,
      corrected: false,
    });
    expect(reviewState(p, { ...form, currency: 'EUR' }, 'currency')).toMatchObject({ hint: note });
  });

  it('keeps a total typed the same in another notation as read', () => {
    const p = proposal({ confidence: { total: 0.4 } });
    expect(reviewState(p, { ...initialForm(p), total: '108,00' }, 'total')).toMatchObject({
      low: true,
      corrected: false,
    });
  });
});

describe('supplierHint', () => {
  it('says a short name was matched and which names it took for each other, marked for a check', () => {
    const p = proposal({
      supplierId: 'telesur',
      supplierName: 'Telesur',
      supplierMatchedBy: 'short_name',
      supplierMatchNote: '“Telesur” could be short for “Telecomunicaciones del Sur S.A.”',
      confidence: { supplier: 0.72 },
    });
    expect(supplierHint(p, initialForm(p))).toBe(
      'Matched by short name: “Telesur” could be short for “Telecomunicaciones del Sur S.A.” — Check this: read with 72 % confidence',
    );
    expect(reviewState(p, initialForm(p), 'supplier').low).toBe(true);
  });

  it('offers a weak match without filling it in, and says when the bookkeeper chose it', () => {
    const p = proposal({
      supplierId: null,
      supplierName: 'Deutsche Telekom AG',
      supplierMatchedBy: 'none',
      supplierSuggestion: {
        supplierId: 'dtag',
        name: 'DTAG',
        reason: '“DTAG” could be short for “Deutsche Telekom AG”',
      },
      confidence: { supplier: 0.45 },
    });
    const form = initialForm(p);
    expect(form.supplierId).toBe('');
    expect(supplierHint(p, form)).toBe(
      'Read as “Deutsche Telekom AG”: is it DTAG? “DTAG” could be short for “Deutsche Telekom AG”. Choose it if it is.',
    );
    // Taken: it is the bookkeeper's choice, and saving teaches the supplier's printed name.
    expect(supplierHint(p, { ...form, supplierId: 'dtag' })).toMatch(/^Chosen by you/);
  });

  it('says by what an ordinary match was made', () => {
    const p = proposal({ supplierMatchedBy: 'bank_account', confidence: { supplier: 0.95 } });
    expect(supplierHint(p, initialForm(p))).toBe('Matched by bank account');
  });
});

describe('the draft’s tax against the printed tax', () => {
  const line = (quantity: string, unitPrice: string, taxRateId: string | null) => ({
    ...initialForm(proposal()).lines[0]!,
    quantity,
    unitPrice,
    taxRateId,
  });
  const percents: Record<string, string> = { vat20: '20', sales825: '8.25' };
  const percentOf = (id: string) => percents[id] ?? null;

  it('computes the draft as saving will, a line without a rate taking the supplier’s default', () => {
    const lines = [line('2', '100.00', 'vat20'), line('1', '50.00', null)];
    expect(draftTotals(lines, percentOf, null)).toEqual({ net: '250.00', tax: '40.00', gross: '290.00' });
    expect(draftTotals(lines, percentOf, 'vat20')).toEqual({ net: '250.00', tax: '50.00', gross: '300.00' });
    expect(draftTotals([line('two', '1', null)], percentOf, null)).toBeNull();
    expect(linesTaxRate(lines)).toBe('mixed');
    expect(linesTaxRate([line('1', '1', 'vat20'), line('1', '2', 'vat20')])).toBe('vat20');
    expect(linesTaxRate([line('1', '1', null)])).toBe('');
  });

  it('says the draft would carry no tax when the invoice prints one and no rate is chosen', () => {
    const draft = draftTotals([line('12', '122.38', null), line('3', '107.79', null)], percentOf, null);
    expect(taxMismatch('147.84', draft)).toEqual({
      error: true,
      text: 'The invoice prints 147.84 of tax (8.25 % of the net), but no tax rate is chosen for the lines: the draft’s tax would be 0.00. Choose the tax rate of the lines.',
    });
    // Read with a decimal comma, as the bookkeeper may have typed it.
    expect(taxMismatch('147,84', draft)?.error).toBe(true);
  });

  it('says so when the chosen rate gives another tax, and nothing when they agree', () => {
    const lines = [line('12', '122.38', 'sales825'), line('3', '107.79', 'sales825')];
    const draft = draftTotals(lines, percentOf, null);
    expect(draft?.tax).toBe('147.84');
    expect(taxMismatch('147.84', draft)).toBeNull();
    expect(taxMismatch('160.00', draft)).toEqual({
      error: true,
      text: 'The lines’ tax rate gives 147.84 of tax, but the invoice prints 160.00. Check the tax rate of the lines.',
    });
  });

  it('says the tax is unknown when none was read and the draft carries none', () => {
    const draft = draftTotals([line('1', '10.00', null)], percentOf, null);
    expect(taxMismatch('', draft)).toEqual({
      error: false,
      text: 'No tax could be read from the invoice: the draft’s tax is 0.00 unless you choose the tax rate of the lines.',
    });
    expect(taxMismatch('0.00', draft)).toBeNull();
  });
});
