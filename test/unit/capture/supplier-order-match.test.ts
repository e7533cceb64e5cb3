import { describe, expect, it } from 'vitest';
import { orderKey, rankOrders, type OrderForMatch } from '../../../main/domain/capture/order-match.js';
import {
  matchSupplier,
  nameWords,
  shortFormOf,
  type SupplierCandidate,
} from '../../../main/domain/capture/supplier-match.js';
import { supplierOnFile } from '../../fixtures/capture/supplier-candidates.js';

const supplier = (over: Partial<SupplierCandidate> & { id: string; name: string }) => supplierOnFile(over);

const suppliers = [
  supplier({ id: 'harrow', name: 'Harrow & Finch Ltd', taxId: 'GB 318 4471 26' }),
  supplier({ id: 'acme', name: 'Acme Industrial Supply Co.', email: 'billing@acme.example' }),
  supplier({ id: 'pine', name: 'Pinewood Facility Services', accountNumber: '41207783' }),
  supplier({ id: 'cobalt', name: 'Cobalt Office Furniture Inc' }),
];

describe('matchSupplier', () => {
  it('matches by tax id however it is spaced', () => {
    const m = matchSupplier(suppliers, { lines: ['VAT Reg No: GB318447126'], emails: [], printedName: null });
    expect(m).toMatchObject({ supplier: { id: 'harrow' }, by: 'tax_id' });
  });

  it('matches by email', () => {
    const m = matchSupplier(suppliers, {
      lines: ['Questions? billing@acme.example'],
      emails: ['Billing@Acme.example'],
      printedName: 'Some Letterhead',
    });
    expect(m).toMatchObject({ supplier: { id: 'acme' }, by: 'email' });
  });

  it('matches by bank account number', () => {
    const m = matchSupplier(suppliers, {
      lines: ['Bank: sort code 30-94-57, account 4120 7783'],
      emails: [],
      printedName: null,
    });
    expect(m).toMatchObject({ supplier: { id: 'pine' }, by: 'bank_account' });
  });

  it('matches by name without case, punctuation, "&"/"and" or legal forms', () => {
    expect(nameWords('HARROW AND FINCH LIMITED')).toEqual(nameWords('Harrow & Finch Ltd'));
    const m = matchSupplier(suppliers, {
      lines: ['COBALT OFFICE FURNITURE, INC.'],
      emails: [],
      printedName: null,
    });
    expect(m).toMatchObject({ supplier: { id: 'cobalt' }, by: 'name' });
  });

  it('finds nobody rather than guess', () => {
    expect(
      matchSupplier(suppliers, { lines: ['Zenith Plumbing'], emails: [], printedName: 'Zenith Plumbing' }),
    ).toBeNull();
  });
});

const order = (over: Partial<OrderForMatch> & { id: string; number: string }): OrderForMatch => ({
  type: 'purchase_order',
  supplierId: 'acme',
  currency: 'USD',
  grossMinor: 10_000,
  netMinor: 10_000,
  lines: [],
  ...over,
});

describe('rankOrders', () => {
  const orders = [
    order({ id: 'po1', number: 'PO-1042', grossMinor: 55_000 }),
    order({
      id: 'so7',
      number: 'SO-1007',
      type: 'service_order',
      grossMinor: 21_650,
      netMinor: 20_000,
      lines: [{ description: 'Fire extinguisher service', quantity: '4', unitPrice: '50' }],
    }),
    order({ id: 'other', number: 'PO-1043', supplierId: 'cobalt', grossMinor: 21_650 }),
  ];

  it('takes the printed order number first, written any way', () => {
    expect(orderKey('PO 01042')).toBe(orderKey('po-1042'));
    const ranked = rankOrders(
      {
        printedOrderNumber: 'po 1042',
        supplierId: 'acme',
        currency: 'USD',
        subtotalMinor: null,
        totalMinor: 1,
        lines: [],
      },
      orders,
    );
    expect(ranked[0]).toMatchObject({ order: { id: 'po1' }, matchedBy: 'printed_number' });
  });

  it('otherwise proposes the supplier’s order, purchase or service, whose amounts and lines agree', () => {
    const ranked = rankOrders(
      {
        printedOrderNumber: null,
        supplierId: 'acme',
        currency: 'USD',
        subtotalMinor: 20_000,
        totalMinor: 21_650,
        lines: [{ description: 'Fire extinguisher service', quantity: '4', unitPrice: '50' }],
      },
      orders,
    );
    expect(ranked[0]).toMatchObject({
      order: { id: 'so7', type: 'service_order' },
      matchedBy: 'supplier_amounts',
    });
    expect(ranked.map((r) => r.order.id)).not.toContain('other'); // another supplier's order
  });
});

describe('German names', () => {
  it('matches an umlaut written out on file to one dropped on the page', () => {
    const kessler = supplier({ id: 'kessler', name: 'Kessler Buerotechnik' });
    const m = matchSupplier([kessler, ...suppliers], {
      lines: ['KESSLER  BUROTECHNIK  GMBH', 'Industriestraße 27, 70565 Stuttgart'],
      emails: [],
      printedName: 'GMBH',
    });
    expect(m).toMatchObject({ supplier: { id: 'kessler' }, by: 'name' });
    expect(
      matchSupplier([kessler], { lines: [], emails: [], printedName: 'Kessler Bürotechnik GmbH' }),
    ).toMatchObject({ supplier: { id: 'kessler' }, confidence: 0.93 });
    // Another name is still another name.
    expect(
      matchSupplier([kessler], { lines: ['Kessler Bautechnik GmbH'], emails: [], printedName: null }),
    ).toBeNull();
  });
});

describe('short names', () => {
  it('tells a short name built from the legal name’s word starts, and an acronym', () => {
    expect(shortFormOf('Telesur', 'Telecomunicaciones del Sur S.A.')).toBe('abbreviation');
    expect(shortFormOf('Polderhost', 'Polder Hosting B.V.')).toBe('abbreviation');
    expect(shortFormOf('Infotec', 'Informática Técnica S.L.')).toBe('abbreviation');
    // A stem that is not the word's start is not taken ("Luso" is not how "Lusitania" starts).
    expect(shortFormOf('Lusotec', 'Lusitania Technologies Lda')).toBeNull();
    expect(shortFormOf('DTAG', 'Deutsche Telekom AG')).toBe('acronym');
    expect(shortFormOf('IBM', 'International Business Machines Corporation')).toBe('acronym');
  });

  it('refuses what is not built from every word’s start, in order', () => {
    // A word of the legal name left out, or the words in another order.
    expect(shortFormOf('Telesur', 'Telecomunicaciones del Sur Andalucía S.A.')).toBeNull();
    expect(shortFormOf('Surtele', 'Telecomunicaciones del Sur S.A.')).toBeNull();
    // Letters from the middle of a word.
    expect(shortFormOf('Comsur', 'Telecomunicaciones del Sur S.A.')).toBeNull();
    // One word, or the same name: the name rules decide those.
    expect(shortFormOf('Telesur', 'Telesur S.A.')).toBeNull();
    expect(shortFormOf('Polderhost', 'Polderhost B.V.')).toBeNull();
    expect(shortFormOf('Coolblue', 'Cool Blue')).toBeNull();
    // Too short to mean anything, or not one word.
    expect(shortFormOf('TS', 'Telecomunicaciones del Sur')).toBeNull();
    expect(shortFormOf('Tele Sur', 'Telecomunicaciones del Sur')).toBeNull();
  });

  const telesur = supplier({ id: 'telesur', name: 'Telesur', email: 'clientes@telesur.es' });
  const dtag = supplier({ id: 'dtag', name: 'DTAG' });
  const withShort = [...suppliers, telesur, dtag];

  it('matches "Telecomunicaciones del Sur S.A." to Telesur when no e-mail or website is printed, marked for a check', () => {
    const m = matchSupplier(withShort, {
      lines: [
        'Telecomunicaciones del Sur S.A.',
        'Avenida de la Constitución 20',
        '41004 Sevilla',
        'NIF A-41552870',
      ],
      emails: [],
      printedName: 'Telecomunicaciones del Sur S.A.',
    });
    expect(m).toMatchObject({ supplier: { id: 'telesur' }, by: 'short_name' });
    expect(m?.suggestion).toBeUndefined();
    // Below the review screen's 0.8: filled in, but marked for the bookkeeper to check.
    expect(m?.confidence).toBeLessThan(0.8);
    expect(m?.shortFor).toEqual({ short: 'Telesur', long: 'Telecomunicaciones del Sur S.A.' });
  });

  it('finds the legal name on the company line at the top when the printed name was read wrongly', () => {
    const m = matchSupplier(withShort, {
      lines: ['Telecomunicaciones del Sur S.A.', 'Avenida de la Constitucion 20', '41004 Sevilla'],
      emails: [],
      printedName: 'Descripción',
    });
    expect(m).toMatchObject({ supplier: { id: 'telesur' }, by: 'short_name' });
    // A top line without a legal form is not taken for a company's name.
    expect(
      matchSupplier(withShort, { lines: ['Telecomunicaciones del Sur'], emails: [], printedName: null }),
    ).toBeNull();
  });

  it('matches the other way round: the short name printed, the legal name on file', () => {
    const m = matchSupplier([supplier({ id: 'ts', name: 'Telecomunicaciones del Sur S.A.' })], {
      lines: ['TELESUR'],
      emails: [],
      printedName: 'TELESUR',
    });
    expect(m).toMatchObject({ supplier: { id: 'ts' }, by: 'short_name' });
  });

  it('only suggests an acronym', () => {
    const m = matchSupplier(withShort, {
      lines: ['Deutsche Telekom AG', 'Friedrich-Ebert-Allee 140, 53113 Bonn'],
      emails: [],
      printedName: 'Deutsche Telekom AG',
    });
    expect(m).toMatchObject({ supplier: { id: 'dtag' }, by: 'short_name', suggestion: true });
  });

  it('only suggests a short name two suppliers fit', () => {
    const m = matchSupplier([telesur, supplier({ id: 'telsur', name: 'Telsur' })], {
      lines: [],
      emails: [],
      printedName: 'Telecomunicaciones del Sur S.A.',
    });
    expect(m).toMatchObject({ by: 'short_name', suggestion: true });
  });

  it('prefers what the supplier printed of its own over a short name', () => {
    const m = matchSupplier(withShort, {
      lines: ['Telecomunicaciones del Sur S.A.', 'VAT GB318447126'],
      emails: [],
      printedName: 'Telecomunicaciones del Sur S.A.',
    });
    expect(m).toMatchObject({ supplier: { id: 'harrow' }, by: 'tax_id' });
  });

  it('never takes a short form of the company’s own name', () => {
    const own = ['Northwind Facilities Ltd'];
    const nwf = supplier({ id: 'nwf', name: 'Northfac' });
    // The issuer read wrongly as the company itself: no supplier is its short name.
    expect(
      matchSupplier([nwf, telesur], {
        lines: ['Northwind Facilities Ltd'],
        emails: [],
        printedName: 'Northwind Facilities Ltd',
        ownNames: own,
      }),
    ).toBeNull();
    // A supplier whose name is a short form of ours is never matched by a short form.
    expect(
      matchSupplier([nwf], {
        lines: [],
        emails: [],
        printedName: 'Northern Factors',
        ownNames: own,
      }),
    ).toBeNull();
    expect(shortFormOf('Northfac', 'Northern Factors')).toBe('abbreviation');
  });

  it('is never sure of a short name: another legal name can give the same one', () => {
    // "Telefónica del Sur" is another company whose words start the same way: the match is marked for a check.
    const m = matchSupplier([telesur], { lines: [], emails: [], printedName: 'Telefónica del Sur S.A.' });
    expect(m?.confidence).toBeLessThan(0.8);
  });

  it('does not take a different company for a short name', () => {
    for (const printed of [
      'Telefonía Móvil del Sur S.L.',
      'Sur Telecomunicaciones S.A.',
      'Telesur Andalucía S.L.',
    ]) {
      const m = matchSupplier([telesur], { lines: [printed], emails: [], printedName: printed });
      expect(m?.supplier.id === 'telesur' && m.by === 'short_name' && !m.suggestion, printed).toBe(false);
    }
  });
});
