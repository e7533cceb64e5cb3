// documents.capture: from a supplier's invoice file to a proposed draft — fields, lines, the supplier and the
// order it belongs to, duplicates — without creating anything.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { CaptureProposal, CaptureField } from '../../preload/contracts/capture.js';
import { getCompany } from '../db/repos/companies.js';
import { listTaxRates } from '../db/repos/reference-lists.js';
import { AppError } from '../domain/errors.js';
import { currencyDecimals } from '../domain/currency.js';
import { formatMinor, toMinor } from '../domain/money.js';
import { chooseCurrency } from '../domain/capture/currency-choice.js';
import {
  extractInvoice,
  type Extraction,
  type Found,
  type LearnedField,
  type OwnIdentity,
} from '../domain/capture/extract.js';
import { rankOrders, orderKey, type OrderForMatch } from '../domain/capture/order-match.js';
import {
  matchSupplier,
  type SupplierCandidate,
  type SupplierMatch,
} from '../domain/capture/supplier-match.js';
import { dateOrderFor } from '../domain/capture/date-order.js';
import type { PageText } from '../domain/capture/words.js';
import { documentsWithFile, sha256Of } from './attachments.js';
import { CAPTURE_FIELD, learnedBySupplier } from './learning.js';
import { companyCountryOf, companyOwnIdentity } from './own-identity.js';
import { MIME_TYPES, readFile, renderPreviews, type ReadResult } from './read-file.js';

type Proposal = z.infer<typeof CaptureProposal>;
type Field = z.infer<typeof CaptureField>;

/** Decodes the renderer's base64, refusing text that is not base64 rather than reading garbage. */
export function decodeFile(contentBase64: string, fileName: string): Buffer {
  const compact = contentBase64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new AppError(
      'invalid_input',
      `${fileName} did not arrive whole (its content is not valid base64). Add the file again.`,
    );
  }
  return Buffer.from(compact, 'base64');
}

export function companySuppliers(db: Database, companyId: string): SupplierCandidate[] {
  return db
    .prepare<[string], SupplierCandidate>(
      `SELECT id, name, email, tax_id AS taxId, account_number AS accountNumber, country, currency
       FROM suppliers WHERE company_id = ? AND active = 1`,
    )
    .all(companyId);
}

/** Invoices of this supplier with this invoice number (not canceled). */
export function invoicesWithNumber(
  db: Database,
  companyId: string,
  supplierId: string,
  invoiceNumber: string,
): { id: string; number: string }[] {
  return db
    .prepare<[string, string, string], { id: string; number: string }>(
      `SELECT id, number FROM documents WHERE company_id = ? AND supplier_id = ? AND type = 'invoice'
         AND status != 'canceled' AND supplier_invoice_number IS NOT NULL
         AND upper(trim(supplier_invoice_number)) = upper(trim(?)) ORDER BY created_at`,
    )
    .all(companyId, supplierId, invoiceNumber);
}

export function duplicatesOf(
  db: Database,
  input: {
    companyId: string;
    supplierId: string | null;
    invoiceNumber: string | null;
    sha256: string;
    supplierName: string;
  },
): Proposal['duplicates'] {
  const out: Proposal['duplicates'] = [];
  if (input.supplierId && input.invoiceNumber) {
    for (const d of invoicesWithNumber(db, input.companyId, input.supplierId, input.invoiceNumber)) {
      out.push({
        kind: 'invoice_number',
        documentId: d.id,
        documentNumber: d.number,
        message: `${input.supplierName} invoice ${input.invoiceNumber} is already entered as ${d.number}. Open ${d.number} instead of entering it twice; save anyway only if the supplier really reused the number.`,
      });
    }
  }
  for (const d of documentsWithFile(db, input.companyId, input.sha256)) {
    out.push({
      kind: 'file',
      documentId: d.id,
      documentNumber: d.number,
      message: `This very file is already attached to ${d.number}. It is probably the same invoice; open ${d.number} instead.`,
    });
  }
  return out;
}

interface OrderRow {
  id: string;
  type: 'purchase_order' | 'service_order';
  number: string;
  supplier_id: string;
  currency: string;
  gross_minor: number;
  net_minor: number;
}

function loadOrders(
  db: Database,
  companyId: string,
  supplierId: string | null,
  printed: string | null,
): OrderForMatch[] {
  const rows = db
    .prepare<[string, string | null, string], OrderRow>(
      `SELECT id, type, number, supplier_id, currency, gross_minor, net_minor FROM documents
       WHERE company_id = ? AND type IN ('purchase_order', 'service_order') AND status != 'canceled'
         AND (supplier_id = ? OR number LIKE ?) ORDER BY date DESC LIMIT 200`,
    )
    .all(
      companyId,
      supplierId,
      printed ? `%${printed.replace(/\D/g, '').replace(/^0+/, '') || printed}%` : '',
    );
  const lines = db.prepare<[string], { description: string; quantity: string; unit_price: string }>(
    'SELECT description, quantity, unit_price FROM document_lines WHERE document_id = ? ORDER BY position',
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    number: r.number,
    supplierId: r.supplier_id,
    currency: r.currency,
    grossMinor: r.gross_minor,
    netMinor: r.net_minor,
    lines: lines
      .all(r.id)
      .map((l) => ({ description: l.description, quantity: l.quantity, unitPrice: l.unit_price })),
  }));
}

function minorOrNull(value: string | null | undefined): number | null {
  if (!value) return null;
  try {
    return toMinor(value, 2);
  } catch {
    return null;
  }
}

/** The company's tax rate that the printed tax amounts to, if exactly one does. */
function matchingTaxRate(db: Database, companyId: string, x: Extraction): string | null {
  const subtotal = minorOrNull(x.subtotal?.value);
  const tax = minorOrNull(x.tax?.value);
  if (!subtotal || tax === null || tax <= 0) return null;
  const printedPercent = (tax / subtotal) * 100;
  const rates = listTaxRates(db, companyId).filter(
    (r) => Math.abs(Number(r.percent) - printedPercent) < 0.05,
  );
  return rates.length === 1 ? (rates[0]?.id ?? null) : null;
}

function locate(f: Found<string> | null): Proposal['locations'][Field] | undefined {
  return f ? { page: f.page, box: f.box } : undefined;
}

/** "“Telesur” could be short for “Telecomunicaciones del Sur S.A.”", or how else a weak match was found. */
function shortForReason(m: SupplierMatch): string {
  if (m.shortFor) return `“${m.shortFor.short}” could be short for “${m.shortFor.long}”`;
  return 'another supplier fits the printed name as well';
}

export function extractWithSupplier(
  read: ReadResult,
  suppliers: SupplierCandidate[],
  baseCurrency: string,
  context: {
    /** The company's own names: never the supplier. */
    ownNames?: readonly string[];
    /** The company's own identity: what carries it is the customer's, and none of it the supplier's. */
    own?: OwnIdentity;
    /** What the bookkeeper taught, per supplier id. */
    learned?: (supplierId: string) => LearnedField[];
    /** The company's country (ISO 3166-1 alpha-2): how it reads dates nothing else on the invoice decides. */
    companyCountry?: string | null;
  } = {},
): { x: Extraction; match: SupplierMatch | null; suggestion: SupplierMatch | null } {
  const pages = read.pages.map((p) => p.text);
  const ownNames = [...(context.ownNames ?? []), ...(context.own?.names ?? [])];
  const own = context.own ? { ...context.own, names: ownNames } : undefined;
  const companyCountry = context.companyCountry ?? null;
  const atHome = dateOrderFor({ companyCountry, baseCurrency }).order;
  const first = extractInvoice(pages, { dateOrder: atHome, ownNames, own });
  const matchOf = (x: Extraction) =>
    matchSupplier(suppliers, {
      lines: x.issuer.text,
      emails: x.issuer.emails,
      domains: x.issuer.domains,
      printedName: x.supplierName?.value ?? null,
      ownNames,
      ...(own ? { own } : {}),
    });
  const found = matchOf(first);
  // A weak match (an acronym, a short name two suppliers fit) is offered on the review screen, not filled in.
  let match = found && !found.suggestion ? found : null;
  let suggestion = found?.suggestion ? found : null;
  // A name taught for a supplier identifies it before anything else printed.
  if (context.learned) {
    for (const supplier of suppliers) {
      const names = context.learned(supplier.id).filter((r) => r.field === 'supplierName');
      const text = first.text.join('\n').toLowerCase();
      if (names.some((r) => r.example.length >= 3 && text.includes(r.example.toLowerCase()))) {
        if (!match || match.by === 'name' || match.by === 'short_name') {
          match = { supplier, by: 'name', confidence: 0.97 };
          suggestion = null;
        }
        break;
      }
    }
  }
  const supplier = match?.supplier ?? null;
  const learned = supplier && context.learned ? context.learned(supplier.id) : [];
  const x = readForSupplier(pages, first, supplier, { baseCurrency, companyCountry, ownNames, own, learned });
  return { x, match, suggestion };
}

/**
 * The invoice read again once its supplier is known: its dates in the order that supplier and the page decide
 * (date-order.ts), with what the bookkeeper taught for it. `first` is the read in the company's own order, kept
 * when nothing changes it.
 */
function readForSupplier(
  pages: PageText[],
  first: Extraction,
  supplier: { country: string | null; currency: string | null } | null,
  context: {
    baseCurrency: string;
    companyCountry: string | null;
    ownNames: readonly string[];
    own: OwnIdentity | undefined;
    learned: LearnedField[];
  },
): Extraction {
  const { baseCurrency, companyCountry, learned } = context;
  const atHome = dateOrderFor({ companyCountry, baseCurrency }).order;
  const { order, fromSupplierCountry } = dateOrderFor({
    supplierCountry: supplier?.country,
    supplierCurrency: supplier?.currency,
    printedCurrency: first.currency?.value,
    printedSign: first.currencySign,
    companyCountry,
    baseCurrency,
  });
  if (order === atHome && !fromSupplierCountry && learned.length === 0) return first;
  return extractInvoice(pages, {
    dateOrder: order,
    dateOrderFromCountry: fromSupplierCountry,
    ownNames: context.ownNames,
    own: context.own,
    learned,
  });
}

/**
 * The invoice as the proposal read it for the supplier the bookkeeper saved it with, without what was learned: what
 * learning from the saved invoice compares the saved values with. Its dates are read in the proposal's order, so
 * that a US company's 03/04/2024 is March 4 here too.
 */
export function readAsProposed(
  read: ReadResult,
  supplier: { country: string | null; currency: string | null } | null,
  baseCurrency: string,
  context: { own: OwnIdentity; companyCountry: string | null },
): Extraction {
  const pages = read.pages.map((p) => p.text);
  const { companyCountry, own } = context;
  const first = extractInvoice(pages, {
    dateOrder: dateOrderFor({ companyCountry, baseCurrency }).order,
    ownNames: own.names,
    own,
  });
  return readForSupplier(pages, first, supplier, {
    baseCurrency,
    companyCountry,
    ownNames: own.names,
    own,
    learned: [],
  });
}

export async function proposeFromFile(
  db: Database,
  input: { companyId: string; fileName: string; contentBase64: string; previews: boolean },
): Promise<Proposal> {
  const company = getCompany(db, input.companyId);
  const bytes = decodeFile(input.contentBase64, input.fileName);
  const read = await readFile(bytes, input.fileName);
  const sha256 = sha256Of(bytes);
  const suppliers = companySuppliers(db, company.id);
  const learned = learnedBySupplier(db, company.id);
  const companyCountry = companyCountryOf(db, company.id);
  const { x, match, suggestion } = extractWithSupplier(read, suppliers, company.baseCurrency, {
    own: companyOwnIdentity(db, company.id),
    learned: (supplierId) => learned.get(supplierId) ?? [],
    companyCountry,
  });

  const supplier = match?.supplier ?? null;
  const currencyChoice = chooseCurrency(x, supplier, {
    currency: company.baseCurrency,
    country: companyCountry,
  });
  const currency = currencyChoice.code;
  const printedOrderNumber = x.orderNumber?.value ?? null;
  const ranked = rankOrders(
    {
      printedOrderNumber,
      supplierId: supplier?.id ?? null,
      currency,
      subtotalMinor: minorOrNull(x.subtotal?.value),
      totalMinor: minorOrNull(x.total?.value),
      lines: x.lines,
    },
    loadOrders(db, company.id, supplier?.id ?? null, printedOrderNumber),
  );
  const chosen = ranked[0] && ranked[0].score >= 0.6 ? ranked[0] : null;
  const taxRateId = matchingTaxRate(db, company.id, x);

  const confidence: Proposal['confidence'] = {};
  const locations: Proposal['locations'] = {};
  const record = (field: Field, f: Found<string> | null, override?: number) => {
    confidence[field] = override ?? f?.confidence ?? 0;
    const where = locate(f);
    if (where) locations[field] = where;
  };
  record('supplier', x.supplierName, match ? match.confidence : (x.supplierName?.confidence ?? 0) * 0.5);
  if (match && x.learned.includes('supplierName')) confidence.supplier = Math.max(match.confidence, 0.97);
  record('supplierInvoiceNumber', x.invoiceNumber);
  record('date', x.date);
  record('dueDate', x.dueDate);
  record('currency', x.currency, currencyChoice.confidence);
  record('printedOrderNumber', x.orderNumber);
  record('subtotal', x.subtotal);
  record('tax', x.tax);
  record('total', x.total);
  confidence.linkedDocumentId = chosen?.score ?? 0;
  if (chosen && x.orderNumber && orderKey(x.orderNumber.value) === orderKey(chosen.order.number)) {
    locations.linkedDocumentId = { page: x.orderNumber.page, box: x.orderNumber.box };
  }

  const warnings: string[] = [...x.warnings];
  let supplierWarning: string | null = null;
  if (!supplier && suggestion) {
    supplierWarning = `No supplier of yours carries the printed name "${x.supplierName?.value ?? suggestion.shortFor?.long ?? '?'}". ${suggestion.supplier.name} might be it (${shortForReason(suggestion)}): choose it if it is, or create the supplier under Suppliers first.`;
  } else if (!supplier) {
    supplierWarning = x.supplierName
      ? `No supplier of yours matches "${x.supplierName.value}". Choose the supplier, or create it under Suppliers first.`
      : 'The supplier could not be read. Choose the supplier.';
  }
  if (!x.invoiceNumber) warnings.push('The invoice number was not found. Type it from the invoice.');
  if (!x.date) warnings.push('The invoice date was not found. Type it from the invoice.');
  if (x.lines.length === 0) warnings.push('No invoice lines were recognised. Add the lines by hand.');
  const sum = x.lines.reduce<number | null>((acc, l) => {
    const m = minorOrNull(l.amount);
    return acc === null || m === null ? null : acc + m;
  }, 0);
  const subtotal = minorOrNull(x.subtotal?.value);
  if (x.lines.length > 0 && sum !== null && subtotal !== null && sum !== subtotal) {
    warnings.push(
      `The lines add up to ${(sum / 100).toFixed(2)} but the invoice's subtotal is ${x.subtotal?.value}. Check the lines against the invoice.`,
    );
  }
  const tax = minorOrNull(x.tax?.value);
  const total = minorOrNull(x.total?.value);
  if (subtotal !== null && tax !== null && total !== null && subtotal + tax !== total) {
    warnings.push(
      `The subtotal and tax add up to ${((subtotal + tax) / 100).toFixed(2)} but the invoice's total is ${x.total?.value}. Check the totals against the invoice; ask the supplier if they are wrong.`,
    );
  }
  if (printedOrderNumber && !ranked.some((r) => r.matchedBy === 'printed_number')) {
    warnings.push(
      `The invoice quotes order ${printedOrderNumber}, which is not one of your orders. Check the number, or choose the order.`,
    );
  }
  if (currencyChoice.assumed && currencyChoice.note) warnings.push(currencyChoice.note);
  const fieldNotes: Proposal['fieldNotes'] = {};
  if (currencyChoice.note) fieldNotes.currency = currencyChoice.note;

  const previews = input.previews ? await renderPreviews(bytes, input.fileName) : [];
  return {
    fileName: input.fileName,
    sha256,
    mimeType: MIME_TYPES[read.kind],
    pages: read.pages.map((p, i) => ({
      number: p.text.number,
      width: p.text.width,
      height: p.text.height,
      source: p.source,
      imageBase64: previews[i]?.toString('base64') ?? null,
    })),
    supplierId: supplier?.id ?? null,
    supplierInvoiceNumber: x.invoiceNumber?.value ?? null,
    date: x.date?.value ?? null,
    dueDate: x.dueDate?.value ?? null,
    currency,
    lines: x.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      amount: l.amount,
      taxRateId,
      confidence: l.confidence,
      location: { page: l.page, box: l.box },
    })),
    linkedDocumentId: chosen?.order.id ?? null,
    supplierName: supplier?.name ?? x.supplierName?.value ?? null,
    supplierMatchedBy: match?.by ?? 'none',
    supplierMatchNote: match?.shortFor ? shortForReason(match) : null,
    supplierSuggestion: suggestion
      ? {
          supplierId: suggestion.supplier.id,
          name: suggestion.supplier.name,
          reason: shortForReason(suggestion),
        }
      : null,
    supplierWarning,
    printedOrderNumber,
    totals: { subtotal: x.subtotal?.value ?? null, tax: x.tax?.value ?? null, total: x.total?.value ?? null },
    orderCandidates: ranked.map((r) => ({
      id: r.order.id,
      type: r.order.type,
      number: r.order.number,
      gross: formatMinor(r.order.grossMinor, currencyDecimals(r.order.currency)),
      matchedBy: r.matchedBy,
      score: r.score,
    })),
    confidence,
    locations,
    duplicates: duplicatesOf(db, {
      companyId: company.id,
      supplierId: supplier?.id ?? null,
      invoiceNumber: x.invoiceNumber?.value ?? null,
      sha256,
      supplierName: supplier?.name ?? 'This supplier’s',
    }),
    warnings,
    learned: [...new Set(x.learned.map((f) => CAPTURE_FIELD[f]))],
    fieldNotes,
    language: x.language,
  };
}
