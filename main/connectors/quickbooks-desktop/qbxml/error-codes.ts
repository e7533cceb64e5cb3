// The documented codes of the request processor (qbXML status codes and HRESULTs), each with its kind and fix.
// errors.ts says where they come from and classifies answers with them.

export type ErrorKind = 'transient' | 'needs_user' | 'auth' | 'mapping';

export interface Classified {
  kind: ErrorKind;
  userMessage: string;
}

export interface ErrorEntry {
  /** The code as QuickBooks / the Web Connector shows it: "3100", "0x80040400", "QBWC1012". */
  code: string;
  kind: ErrorKind;
  /** What happened, in a few words (the table's first column in the docs). */
  title: string;
  /** What to do. May contain {name} / {detail}, filled from QuickBooks' message when available. */
  fix: string;
}

export const e = (code: string, kind: ErrorKind, title: string, fix: string): ErrorEntry => ({
  code,
  kind,
  title,
  fix,
});

/** qbXML status codes (statusCode on each *Rs). */
export const STATUS_CODES: readonly ErrorEntry[] = [
  e('0', 'transient', 'Status OK.', 'Nothing to do: QuickBooks accepted the request.'),
  e(
    '1',
    'mapping',
    'No matching record in QuickBooks.',
    'QuickBooks has no record matching {detail}. Pair it with an existing QuickBooks record, or let Ledgerbridge create it.',
  ),
  e(
    '500',
    'mapping',
    'Some of the requested records were not found.',
    'QuickBooks could not find some of the records asked for ({detail}). Check that they were not deleted or renamed in QuickBooks, then pair them again.',
  ),
  e(
    '530',
    'needs_user',
    'A field is not supported by this QuickBooks version.',
    'QuickBooks ignored a field it does not support ({detail}). Update QuickBooks Desktop if the field matters.',
  ),
  e(
    '531',
    'needs_user',
    'A value is not supported by this QuickBooks version.',
    'QuickBooks ignored a value it does not support ({detail}). Update QuickBooks Desktop if the value matters.',
  ),
  e(
    '570',
    'needs_user',
    'The linked transaction is already closed.',
    'The purchase order this links to is already closed or fully received in QuickBooks. Reopen it in QuickBooks, or send the bill without the link.',
  ),
  e(
    '1000',
    'transient',
    'QuickBooks had an internal error.',
    'QuickBooks reported an internal error. Ledgerbridge will try again at the next Web Connector run; if it keeps happening, restart QuickBooks and check its qbsdklog.txt.',
  ),
  e(
    '1060',
    'needs_user',
    'Invalid requestID.',
    'Ledgerbridge sent a request id QuickBooks refused (over 50 characters). Please report this to Ledgerbridge support.',
  ),
  e(
    '3000',
    'mapping',
    'An id is not valid in this company file.',
    'QuickBooks does not know the id {detail}. The record was probably deleted in QuickBooks or the company file changed: refresh the QuickBooks lists and pair the record again.',
  ),
  e(
    '3020',
    'needs_user',
    'A date is not valid.',
    'QuickBooks could not read a date ({detail}). Correct the date on the document and send it again.',
  ),
  e(
    '3070',
    'needs_user',
    'A value is too long for QuickBooks.',
    'A value is longer than QuickBooks allows ({detail}). Shorten it on the document or supplier and send again.',
  ),
  e(
    '3100',
    'mapping',
    'The name is already used in QuickBooks.',
    'The name {name} is already used by another customer, vendor, employee or other name in QuickBooks. Rename it here, or pair it with the existing record.',
  ),
  e(
    '3120',
    'mapping',
    'The record was not found in QuickBooks.',
    'QuickBooks cannot find the record this refers to ({detail}). It was probably deleted in QuickBooks: pair the document or supplier again, or send it as new.',
  ),
  e(
    '3140',
    'mapping',
    'A reference points to nothing in QuickBooks.',
    'QuickBooks has no {detail}. Create it in QuickBooks or choose an existing one in the mapping settings (accounts, items, classes, customers and jobs), then send again.',
  ),
  e(
    '3150',
    'needs_user',
    'A required field is missing.',
    'QuickBooks needs a field that is empty ({detail}). Fill it in on the document and send again.',
  ),
  e(
    '3170',
    'transient',
    'QuickBooks could not save the change.',
    'QuickBooks could not save the change ({detail}). If someone is editing this record in QuickBooks, close it there; Ledgerbridge tries again at the next run.',
  ),
  e(
    '3171',
    'needs_user',
    'QuickBooks refused the change.',
    'QuickBooks refused to change this record ({detail}). Check the record in QuickBooks and send again.',
  ),
  e(
    '3175',
    'transient',
    'The record is locked in QuickBooks.',
    'The record is open in QuickBooks (another user or window is editing it). Close it there; Ledgerbridge tries again at the next run.',
  ),
  e(
    '3176',
    'transient',
    'QuickBooks could not lock the record.',
    'QuickBooks could not lock the record because it is in use. Close it in QuickBooks; Ledgerbridge tries again at the next run.',
  ),
  e(
    '3180',
    'needs_user',
    'QuickBooks could not save the transaction.',
    'QuickBooks could not save the transaction ({detail}). If the date is on or before the closing date, change the document date or ask the QuickBooks administrator to move the closing date; otherwise check that the record is not open in QuickBooks.',
  ),
  e(
    '3200',
    'transient',
    'The record changed in QuickBooks since it was read.',
    'Someone changed this record in QuickBooks since Ledgerbridge last read it. Ledgerbridge reads it again and resends the change.',
  ),
  e(
    '3210',
    'needs_user',
    'A value is not allowed.',
    'QuickBooks refused a value: {detail}. Correct it on the document and send again.',
  ),
  e(
    '3250',
    'needs_user',
    'The feature is turned off in QuickBooks.',
    'This needs a QuickBooks feature that is turned off or not in this edition ({detail}). Turn it on in QuickBooks Preferences (for example purchase orders or class tracking), or stop sending it.',
  ),
  e(
    '3260',
    'auth',
    'Not enough permission in QuickBooks.',
    'The QuickBooks user Ledgerbridge connects as may not do this. In QuickBooks, open Edit > Preferences > Integrated Applications and give Ledgerbridge access, or use an administrator login.',
  ),
  e(
    '3261',
    'auth',
    'The application has no permission.',
    'QuickBooks does not allow Ledgerbridge to do this. In QuickBooks, open Edit > Preferences > Integrated Applications > Ledgerbridge > Properties and allow access.',
  ),
  e(
    '3290',
    'needs_user',
    'Lines are in the wrong order.',
    'QuickBooks refused the order of the lines ({detail}). Send the document again; if it keeps failing, report it to Ledgerbridge support.',
  ),
  e(
    '9001',
    'needs_user',
    'Unknown QuickBooks error 9001.',
    'QuickBooks reported error 9001 ({detail}); no public description of this code exists. Send again; if it repeats, report it to Ledgerbridge support with the message.',
  ),
];

/** HRESULTs the request processor returns instead of an answer (receiveResponseXML / connectionError). */
export const HRESULTS: readonly ErrorEntry[] = [
  e(
    '0x80040400',
    'needs_user',
    'QuickBooks could not read the request.',
    'QuickBooks found an error when parsing the request (a character or value it cannot take, a field this QuickBooks version lacks, or wrong element order). Ledgerbridge sends the documents of a refused message again in smaller groups, so only the document QuickBooks cannot read fails: check its supplier, numbers, descriptions and memo for unusual characters and send it again. If it keeps happening, report it to Ledgerbridge support with the Web Connector log.',
  ),
  e(
    '0x80040401',
    'transient',
    'Could not access QuickBooks.',
    'The Web Connector could not reach QuickBooks. Make sure QuickBooks is installed and can open the company file, then run the Web Connector again.',
  ),
  e(
    '0x80040402',
    'transient',
    'Unexpected QuickBooks error.',
    'QuickBooks had an unexpected error (see qbsdklog.txt). Restart QuickBooks and run the Web Connector again.',
  ),
  e(
    '0x80040408',
    'transient',
    'Could not start QuickBooks.',
    'The Web Connector could not start QuickBooks. Open QuickBooks with the company file (or close a QuickBooks window that is waiting for input), then run the Web Connector again.',
  ),
  e(
    '0x8004040D',
    'transient',
    'The session ticket is not valid.',
    'QuickBooks ended the session. Ledgerbridge starts a new one at the next Web Connector run.',
  ),
  e(
    '0x80040416',
    'needs_user',
    'QuickBooks is not running and no company file was given.',
    'QuickBooks is closed and Ledgerbridge does not know which company file to open. Open the company file in QuickBooks, or set the company file path in the connection settings.',
  ),
  e(
    '0x80040420',
    'auth',
    'The QuickBooks user denied access.',
    'QuickBooks refused Ledgerbridge access. Open the company file as administrator, run the Web Connector, and answer the authorization prompt with "Yes, always; allow access even if QuickBooks is not running".',
  ),
];
