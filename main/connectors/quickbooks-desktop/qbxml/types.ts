// The typed model of the qbXML requests Ledgerbridge sends to QuickBooks Desktop and of the answers it reads.
// Field names are qbXML's own element names, so a reader can hold this file next to Intuit's reference; the
// builders (builders.ts) write them in the XSD's element order, which is what QuickBooks insists on
// (a wrong order is the classic 0x80040400 parse error).
//
// Values: amounts and prices are decimal strings as qbXML writes them ("1234.50"), never floats; dates are
// "YYYY-MM-DD"; date-times are ISO 8601 ("2026-11-22T10:00:00" with an optional offset); ListID/TxnID are
// QuickBooks' opaque ids; ExternalGUID is "{8-4-4-4-12}" in hex.
//
// values.ts holds the shared value types, requests.ts the requests, responses.ts the answers; this module is
// their one entry point.

export * from './values.js';
export * from './requests.js';
export * from './responses.js';

/** A value cannot be sent as written: names the field, the limit or the character, and how to fix it. */
export class QbxmlFieldError extends Error {
  constructor(
    /** Dotted path of the qbXML element, e.g. "PurchaseOrderAdd.RefNumber". */
    readonly field: string,
    readonly problem: 'too_long' | 'unencodable' | 'invalid' | 'unsupported_version',
    message: string,
    readonly limit?: number,
  ) {
    super(message);
    this.name = 'QbxmlFieldError';
  }
}
