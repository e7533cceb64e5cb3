// Supplier invoices read from PDF files and scans: the proposal read from a file, the draft saved from it with
// the file attached, the files of a document, and matching invoices against their order (and its receipts).
import { z } from 'zod';
import {
  CurrencyCode,
  DecimalString,
  Document,
  DocumentInput,
  DocumentType,
  Id,
  IsoDate,
  MoneyString,
  Timestamp,
  type MethodShape,
} from '../schemas.js';
import { DocumentFile } from './files.js';

/** A place on a page: fractions of the page's width and height, origin top-left (for highlights). */
export const PageBox = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
export const PageLocation = z.object({ page: z.number().int().min(1), box: PageBox });

/** A file as the renderer sends it: at most 25 MB of content (base64 is a third larger). */
export const CapturedFile = {
  fileName: z.string().trim().min(1, 'is required').max(260),
  contentBase64: z.string().min(1, 'is required').max(36_000_000, 'is larger than 25 MB'),
};

export const CaptureField = z.enum([
  'supplier',
  'supplierInvoiceNumber',
  'date',
  'dueDate',
  'currency',
  'printedOrderNumber',
  'subtotal',
  'tax',
  'total',
  'linkedDocumentId',
  /** The line table (as a whole: its columns are learned). */
  'lines',
]);

export const CaptureDuplicate = z.object({
  kind: z.enum(['invoice_number', 'file']),
  documentId: Id,
  documentNumber: z.string(),
  message: z.string(),
});

export const OrderCandidate = z.object({
  id: Id,
  type: DocumentType,
  number: z.string(),
  gross: MoneyString,
  /** How the order was found: its number printed on the invoice, or the supplier with matching amounts/lines. */
  matchedBy: z.enum(['printed_number', 'supplier_amounts']),
  score: z.number().min(0).max(1),
});

export const CaptureLine = z.object({
  description: z.string(),
  quantity: DecimalString,
  unitPrice: DecimalString,
  /** The line's amount as printed. */
  amount: MoneyString,
  /** The company tax rate whose percentage matches the printed tax, if one does. */
  taxRateId: Id.nullable(),
  confidence: z.number().min(0).max(1),
  location: PageLocation.nullable(),
});

export const CaptureProposal = z.object({
  fileName: z.string(),
  sha256: z.string(),
  mimeType: z.string(),
  pages: z.array(
    z.object({
      number: z.number().int(),
      width: z.number(),
      height: z.number(),
      /** How the words were read: the PDF's text layer, or OCR of a scan. */
      source: z.enum(['text', 'ocr']),
      /** The page as a PNG, for the review screen (absent when previews were not asked for). */
      imageBase64: z.string().nullable(),
    }),
  ),
  // The document shape, as far as it could be read.
  supplierId: Id.nullable(),
  supplierInvoiceNumber: z.string().nullable(),
  date: IsoDate.nullable(),
  dueDate: IsoDate.nullable(),
  currency: CurrencyCode.nullable(),
  lines: z.array(CaptureLine),
  linkedDocumentId: Id.nullable(),
  // What was read as printed.
  supplierName: z.string().nullable(),
  supplierMatchedBy: z.enum(['tax_id', 'email', 'bank_account', 'name', 'short_name', 'none']),
  /** How a short name was taken for the printed one ("“Telesur” could be short for “Telecomunicaciones del Sur S.A.”"). */
  supplierMatchNote: z.string().nullable(),
  /**
   * A supplier that may be the issuer but too weakly to fill in (an acronym of the printed name, a short name two
   * suppliers fit): the review screen offers it; supplierId stays null.
   */
  supplierSuggestion: z.object({ supplierId: Id, name: z.string(), reason: z.string() }).nullable(),
  printedOrderNumber: z.string().nullable(),
  totals: z.object({
    subtotal: MoneyString.nullable(),
    tax: MoneyString.nullable(),
    total: MoneyString.nullable(),
  }),
  orderCandidates: z.array(OrderCandidate),
  /** 0–1 per field; the review screen marks fields below 0.8. */
  confidence: z.partialRecord(CaptureField, z.number().min(0).max(1)),
  /** Where each field was read on the page. */
  locations: z.partialRecord(CaptureField, PageLocation),
  duplicates: z.array(CaptureDuplicate),
  /** What the bookkeeper should check (sums that do not add up, fields not found). */
  warnings: z.array(z.string()),
  /**
   * That no supplier was matched (or which one might be it), apart from `warnings`: the review shows it only until
   * the bookkeeper chooses a supplier.
   */
  supplierWarning: z.string().nullish(),
  /** Fields read the way the bookkeeper taught for this supplier (a correction saved on an earlier invoice). */
  learned: z.array(CaptureField),
  /**
   * How a field was inferred rather than read, for its hint on the review screen ("Inferred from the “€” printed on
   * the invoice", "Only “$” is printed: CAD is taken from the supplier’s country (Canada).").
   */
  fieldNotes: z.partialRecord(CaptureField, z.string()).optional(),
  /** The language the invoice's labels are printed in (en, de, fr, nl, es, it, pt). */
  language: z.string(),
});

/** A field the bookkeeper corrected on the review screen, with its right value (the supplier: its name). */
export const CaptureCorrection = z.object({
  field: CaptureField,
  value: z.string().trim().min(1).max(200),
});

const PageBoxShape = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });

/** A company's learned supplier layouts, as exported. */
export const LearnedFieldsExport = z.object({
  format: z.literal('ledgerbridge.capture-learned-fields'),
  version: z.literal(1),
  companyId: Id,
  companyName: z.string(),
  exportedAt: Timestamp,
  suppliers: z.array(
    z.object({
      supplierId: Id,
      supplierName: z.string(),
      fields: z.array(
        z.object({
          field: z.string(),
          label: z.string().nullable(),
          placement: z.string().nullable(),
          page: z.string(),
          box: PageBoxShape,
          format: z.string().nullable(),
          example: z.string(),
          /** For the line table: where quantity, unit price and amount stand (page fractions). */
          columns: z
            .array(
              z.object({ role: z.enum(['quantity', 'unitPrice', 'amount']), x: z.number(), w: z.number() }),
            )
            .nullable(),
          /** For an amount in a row of figures: the label starting its row. */
          row: z.string().nullable().optional(),
          /** For a date printed after another under one label: its place among them (2: the second). */
          index: z.number().int().nullable().optional(),
          /** Whether the latest teaching was a correction or a confirmation (saved as read). */
          taughtBy: z.string(),
          timesTaught: z.number().int(),
          updatedAt: Timestamp,
        }),
      ),
    }),
  ),
});

export const Attachment = z.object({
  id: Id,
  documentId: Id,
  fileName: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  mimeType: z.string(),
  createdAt: Timestamp,
});

export const Tolerances = z.object({
  companyId: Id,
  /** How far an invoiced unit price may be above the order's, in percent of the order's price. */
  pricePercent: DecimalString,
  /** How far an invoiced quantity may be above the quantity ordered (two-way) or received (three-way), in percent. */
  quantityPercent: DecimalString,
});

const Percent = DecimalString.refine((p) => Number(p) >= 0 && Number(p) <= 100, 'must be between 0 and 100');

export const MatchLine = z.object({
  invoiceLine: z.number().int().nullable(),
  orderLine: z.number().int().nullable(),
  description: z.string(),
  invoicedQuantity: DecimalString.nullable(),
  orderedQuantity: DecimalString.nullable(),
  receivedQuantity: DecimalString.nullable(),
  invoicedPrice: DecimalString.nullable(),
  orderedPrice: DecimalString.nullable(),
  status: z.enum(['ok', 'price', 'quantity', 'not_ordered', 'not_invoiced']),
  message: z.string().nullable(),
});

export const MatchResult = z.object({
  documentId: Id,
  order: z.object({ id: Id, type: DocumentType, number: z.string() }).nullable(),
  mode: z.enum(['two_way', 'three_way', 'none']),
  tolerances: Tolerances,
  lines: z.array(MatchLine),
  ok: z.boolean(),
  summary: z.string(),
});

export const captureContract = {
  /** Reads a supplier invoice file and proposes a draft; creates nothing. */
  'documents.capture': {
    input: z.object({
      companyId: Id,
      ...CapturedFile,
      /** Render the pages as images for the review screen (off for batch reading). */
      previews: z.boolean().default(true),
    }),
    output: z.object({ proposal: CaptureProposal }),
  },
  /** Saves the reviewed draft invoice with the file attached, in one step: both or neither. */
  'documents.createFromCapture': {
    input: DocumentInput.omit({ type: true }).extend({
      ...CapturedFile,
      /** Save even though the same invoice number or the same file is already there. */
      confirmDuplicate: z.boolean().default(false),
      /** Fields the bookkeeper corrected: how the supplier prints them is learned for its next invoice. */
      corrections: z.array(CaptureCorrection).max(20).default([]),
      /** Fields the bookkeeper saved as they were read (confirmed right): learned the same way. */
      confirmed: z.array(CaptureCorrection).max(20).default([]),
      /** The lines were reviewed: where the saved lines stand on the page teaches the supplier's line table. */
      learnLines: z.boolean().default(false),
    }),
    output: z.object({
      document: Document,
      attachment: Attachment,
      /** The corrected fields that were learned (a value not printed on the invoice teaches nothing). */
      learned: z.array(CaptureField),
      /** The confirmed fields that were learned as well, and "lines" when the line table was. */
      learnedConfirmed: z.array(CaptureField).default([]),
      /**
       * Why the corrections could not be learned, for the bookkeeper (also in the integration log); null when
       * learning went through. The document is saved either way.
       */
      learningProblem: z.string().nullable(),
    }),
  },
  /** The company's learned supplier layouts as one JSON document (to keep, or to look at). */
  'capture.learned.export': { input: z.object({ companyId: Id }), output: LearnedFieldsExport },
  /** The document's files, with what became of each on each connection (contracts/files.ts). */
  'attachments.list': { input: z.object({ documentId: Id }), output: z.array(DocumentFile) },
  'attachments.get': {
    input: z.object({ id: Id }),
    output: Attachment.extend({ contentBase64: z.string() }),
  },
  /** The attachment's pages as PNG images. */
  'attachments.pages': {
    input: z.object({ id: Id }),
    output: z.object({ pages: z.array(z.object({ number: z.number().int(), imageBase64: z.string() })) }),
  },
  /**
   * The first page of an attached file as a small PNG (about 200 px wide for a PDF page), drawn by the renderer of
   * attachments.pages and kept, so asking again is a read from disk.
   */
  'attachments.thumbnail': {
    input: z.object({ id: Id }),
    output: z.object({ mimeType: z.literal('image/png'), imageBase64: z.string() }),
  },
  /** Two-way (invoice against order) or three-way (with the order's receipts) line match. */
  'documents.match': { input: z.object({ id: Id }), output: MatchResult },
  'matching.tolerances.get': { input: z.object({ companyId: Id }), output: Tolerances },
  'matching.tolerances.set': {
    input: z.object({ companyId: Id, pricePercent: Percent, quantityPercent: Percent }),
    output: Tolerances,
  },
} as const satisfies Record<string, MethodShape>;
