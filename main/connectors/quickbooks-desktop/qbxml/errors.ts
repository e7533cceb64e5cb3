// What each QuickBooks status code, request-processor HRESULT and Web Connector error means for a bookkeeper,
// and what Ledgerbridge does about it. Sources: ../shared/reference/qbwc.md §1.6 (HRESULTs), §2.3 (status codes),
// §3.1 (pain points) and the QBWC Programmer's Guide appendix A (QBWCnnnn). The tables are exported so the
// troubleshooting page in docs/ can be generated from them and checked against them.
//
// Kinds:
// - transient:  try again later without the user (QuickBooks busy, record locked, stale EditSequence → re-query);
// - needs_user: the bookkeeper must change something in Ledgerbridge, QuickBooks or the Web Connector;
// - auth:       the Web Connector or QuickBooks refused access (password, permission prompt);
// - mapping:    a name/reference does not match QuickBooks' lists: pair it or create it.

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

const e = (code: string, kind: ErrorKind, title: string, fix: string): ErrorEntry => ({
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

/** The Web Connector's own error codes (shown in its window; Appendix A of the Programmer's Guide). */
export const QBWC_CODES: readonly ErrorEntry[] = [
  e(
    'QBWC1000',
    'needs_user',
    'Service and support URLs differ.',
    'Download the .qwc file from Ledgerbridge again and re-add it in the Web Connector: AppURL and AppSupport must be on the same host.',
  ),
  e(
    'QBWC1001',
    'needs_user',
    'The service URL is an IP address.',
    'The Web Connector refuses IP addresses. Use a host name (localhost on this computer) and download the .qwc file again.',
  ),
  e(
    'QBWC1002',
    'needs_user',
    'The support URL is an IP address.',
    'The Web Connector refuses IP addresses. Use a host name and download the .qwc file again.',
  ),
  e(
    'QBWC1003',
    'needs_user',
    'The support URL could not be reached.',
    "The Web Connector could not open Ledgerbridge's support address. Make sure Ledgerbridge is running, then add the .qwc file again.",
  ),
  e(
    'QBWC1004',
    'needs_user',
    'The support URL could not be reached.',
    "The Web Connector could not open Ledgerbridge's support address. Make sure Ledgerbridge is running and reachable from this computer, then add the .qwc file again.",
  ),
  e(
    'QBWC1005',
    'needs_user',
    'The Web Connector failed to start (log file).',
    'Restart the Web Connector; if it repeats, reinstall it (its QWCLog.txt could not be found).',
  ),
  e(
    'QBWC1006',
    'needs_user',
    'The Web Connector failed to start.',
    'Restart the Web Connector; if it repeats, send its QWCLog.txt to support.',
  ),
  e(
    'QBWC1007',
    'transient',
    'Error connecting to QuickBooks (second try).',
    'Open QuickBooks with the company file, close any open dialog in it, and click Retry in the Web Connector.',
  ),
  e(
    'QBWC1008',
    'transient',
    'Unable to connect to QuickBooks.',
    'Open QuickBooks with the company file, close any open dialog in it, and run the Web Connector again.',
  ),
  e(
    'QBWC1009',
    'transient',
    'Unable to connect to QuickBooks (cancelled).',
    'Open QuickBooks with the company file and run the Web Connector again.',
  ),
  e(
    'QBWC1010',
    'needs_user',
    'Only HTTPS is allowed for this address.',
    'The Web Connector accepts plain http only for localhost. Use http://localhost on this computer, or turn on HTTPS with a certificate for another computer, and download the .qwc file again.',
  ),
  e(
    'QBWC1011',
    'needs_user',
    'The application is missing from the registry.',
    'Exit and restart the Web Connector; if Ledgerbridge is still missing, add the .qwc file again.',
  ),
  e(
    'QBWC1012',
    'transient',
    'Authentication failed (the call did not complete).',
    'The Web Connector could not complete sign-in with Ledgerbridge. Make sure Ledgerbridge is running and reachable at the address in the .qwc file (and that its certificate is trusted, for HTTPS), then run again.',
  ),
  e(
    'QBWC1013',
    'transient',
    'Error connecting to QuickBooks.',
    'Open QuickBooks with the right company file (as the same Windows user as the Web Connector) and run again.',
  ),
  e(
    'QBWC1014',
    'transient',
    'Could not read the company information.',
    'QuickBooks did not answer the first queries. Restart QuickBooks and run the Web Connector again.',
  ),
  e(
    'QBWC1015',
    'transient',
    'Error while ending the QuickBooks session.',
    'The update finished but the Web Connector could not close its QuickBooks session. Restart QuickBooks if the next run fails.',
  ),
  e(
    'QBWC1016',
    'needs_user',
    'No application selected.',
    'Tick the box next to Ledgerbridge in the Web Connector, then click Update Selected.',
  ),
  e(
    'QBWC1017',
    'transient',
    'Some applications were not updated.',
    "See the Web Connector status column for Ledgerbridge's own error and follow its fix.",
  ),
  e(
    'QBWC1018',
    'needs_user',
    'No application to select.',
    "Add Ledgerbridge's .qwc file to the Web Connector first.",
  ),
  e(
    'QBWC1019',
    'needs_user',
    'No application to unselect.',
    "Add Ledgerbridge's .qwc file to the Web Connector first.",
  ),
  e(
    'QBWC1020',
    'needs_user',
    'Scheduled jobs would stop on exit.',
    'Keep the Web Connector running (or turn off Auto-Run) so scheduled updates keep going.',
  ),
  e(
    'QBWC1021',
    'transient',
    'Could not determine the QuickBooks version.',
    'Restart QuickBooks and the Web Connector, then run again.',
  ),
  e(
    'QBWC1022',
    'transient',
    'Error connecting to QuickBooks while adding the application.',
    'Open QuickBooks with the company file as administrator and add the .qwc file again.',
  ),
  e(
    'QBWC1023',
    'transient',
    'Unable to connect to QuickBooks while adding the application.',
    'Open QuickBooks with the company file as administrator and add the .qwc file again.',
  ),
  e(
    'QBWC1024',
    'transient',
    'Unable to connect to QuickBooks while adding the application.',
    'Open QuickBooks with the company file as administrator and add the .qwc file again.',
  ),
  e(
    'QBWC1025',
    'needs_user',
    'Error while looking for the file id.',
    'Open the company file as administrator and add the .qwc file again; if it repeats, send the Web Connector log to support.',
  ),
  e(
    'QBWC1026',
    'needs_user',
    'Problem adding the file id.',
    'The company file may already use this file id. Download a fresh .qwc file from Ledgerbridge and add it again.',
  ),
  e(
    'QBWC1027',
    'needs_user',
    'Error while adding the file id.',
    'Open the company file as administrator and add the .qwc file again.',
  ),
  e(
    'QBWC1028',
    'needs_user',
    'Could not encrypt the password.',
    'Enter the Web Connector password for Ledgerbridge again.',
  ),
  e(
    'QBWC1029',
    'needs_user',
    'Could not decrypt the password.',
    'Enter the Web Connector password for Ledgerbridge again.',
  ),
  e(
    'QBWC1030',
    'auth',
    'No password set.',
    "Type the password shown on Ledgerbridge's Web Connector page into the Password column next to Ledgerbridge and press Enter.",
  ),
  e(
    'QBWC1031',
    'transient',
    'The scheduled update had an error.',
    "See the Web Connector status column for Ledgerbridge's own error and follow its fix.",
  ),
  e(
    'QBWC1032',
    'needs_user',
    'The application is missing for the scheduled update.',
    'Turn off Auto-Run, restart the Web Connector and add the .qwc file again if needed.',
  ),
  e(
    'QBWC1033',
    'needs_user',
    'The Web Connector log is not writable.',
    'Give the Web Connector write access to its QWCLog.txt file and run again.',
  ),
  e(
    'QBWC1034',
    'needs_user',
    'Error setting AuthFlags.',
    'Repair the QuickBooks installation (the request processor), then add the .qwc file again.',
  ),
  e(
    'QBWC1035',
    'needs_user',
    'localhost does not resolve.',
    'Add "127.0.0.1 localhost" to the Windows hosts file and run again.',
  ),
  e(
    'QBWC1036',
    'transient',
    'Error during the version check.',
    'Make sure Ledgerbridge is running and reachable, then run again.',
  ),
  e(
    'QBWC1037',
    'needs_user',
    'Ledgerbridge refused this Web Connector version.',
    'Update the QuickBooks Web Connector to the version Ledgerbridge asked for.',
  ),
  e(
    'QBWC1038',
    'auth',
    'Master key cancelled.',
    "Enter the Web Connector master key, or set Ledgerbridge's password again.",
  ),
  e(
    'QBWC1039',
    'needs_user',
    'The application could not be added.',
    'Download the .qwc file from Ledgerbridge again (do not edit it) and add it again; if it is already listed, remove the old entry first.',
  ),
  e(
    'QBWC1040',
    'auth',
    'No valid user name or password.',
    "Type the password shown on Ledgerbridge's Web Connector page into the Password column next to Ledgerbridge and press Enter.",
  ),
  e(
    'QBWC1041',
    'transient',
    'sendRequestXML failed.',
    'The Web Connector lost the connection to Ledgerbridge while fetching work. Make sure Ledgerbridge is running; the next run resumes.',
  ),
  e(
    'QBWC1042',
    'transient',
    'receiveResponseXML failed (response not well-formed).',
    "The Web Connector could not deliver QuickBooks' answer to Ledgerbridge. Make sure Ledgerbridge is running and up to date; the next run resumes without duplicates.",
  ),
  e(
    'QBWC1043',
    'transient',
    'getLastError failed.',
    'Make sure Ledgerbridge is running, then run the Web Connector again.',
  ),
  e(
    'QBWC1044',
    'transient',
    'closeConnection failed.',
    'Make sure Ledgerbridge is running; the work sent was kept.',
  ),
  e(
    'QBWC1045',
    'transient',
    'connectionError failed.',
    'Make sure Ledgerbridge is running, open QuickBooks with the company file, and run again.',
  ),
  e(
    'QBWC1046',
    'needs_user',
    'Incorrect clientVersion answer.',
    'Update Ledgerbridge; if it repeats, report it to Ledgerbridge support.',
  ),
  e(
    'QBWC1048',
    'needs_user',
    'The server certificate could not be verified.',
    "The Web Connector does not trust Ledgerbridge's HTTPS certificate. Install a certificate from a trusted authority (or use http://localhost on the same computer) and add the .qwc file again.",
  ),
  e(
    'QBWC1051',
    'needs_user',
    'The application was not added.',
    'The Web Connector refused the .qwc file (usually plain http on a non-localhost address). Use http://localhost on this computer or HTTPS, then add the file again.',
  ),
];

const STATUS_BY_CODE = new Map(STATUS_CODES.map((x) => [Number(x.code), x]));
const HRESULT_BY_CODE = new Map(HRESULTS.map((x) => [x.code.toLowerCase(), x]));
const QBWC_BY_CODE = new Map(QBWC_CODES.map((x) => [x.code, x]));

function fill(fix: string, name: string | undefined, detail: string): string {
  return fix
    .replaceAll('{name}', name ? `"${name}"` : 'you used')
    .replaceAll('{detail}', detail || 'no detail given');
}

/** The quoted name in messages like: The name "Acme" of the list element is already in use. */
function quotedName(message: string): string | undefined {
  return /"([^"]*)"/.exec(message)?.[1];
}

/** Lock / in-use wording: consolibyte treats 3170–3180 as transient when the message says so. */
const LOCKED = /(lock|in use|being (edited|modified)|modified by another user|another user)/i;
/** Closing-date wording, as QuickBooks reports it on 3170/3180 (and on 3210 in some releases). */
const CLOSING_DATE = /closing date|closed period|closing-date/i;

/** What a qbXML statusCode means and what to do. Info codes (0) come back as transient with "Nothing to do". */
export function classifyStatus(code: number, message: string): Classified {
  const detail = message.trim();
  if (CLOSING_DATE.test(detail)) {
    return {
      kind: 'needs_user',
      userMessage:
        `The date is on or before the QuickBooks closing date (${detail}). Change the document date, or ask the ` +
        'QuickBooks administrator to move the closing date or give the closing-date password, then send again.',
    };
  }
  if (code >= 3170 && code <= 3180 && LOCKED.test(detail)) {
    return {
      kind: 'transient',
      userMessage: `The record is in use in QuickBooks (${detail}). Close it there; Ledgerbridge tries again at the next run.`,
    };
  }
  const entry = STATUS_BY_CODE.get(code);
  if (entry) return { kind: entry.kind, userMessage: fill(entry.fix, quotedName(detail), detail) };
  if (code >= 9100 && code <= 9199) {
    return {
      kind: 'needs_user',
      userMessage: `QuickBooks reported a macro error ${code} (${detail}). Please report this to Ledgerbridge support.`,
    };
  }
  if (code >= 2000 && code <= 2999) {
    return {
      kind: 'needs_user',
      userMessage: `This QuickBooks edition does not support the request (${code}: ${detail}). Update QuickBooks Desktop or stop sending this document type.`,
    };
  }
  if (code >= 500 && code < 1000) {
    return { kind: 'needs_user', userMessage: `QuickBooks warned: ${detail || `status ${code}`}.` };
  }
  return {
    kind: code >= 3000 ? 'needs_user' : 'transient',
    userMessage: `QuickBooks refused the request (status ${code}: ${detail || 'no message'}). Correct the document and send again, or report it to Ledgerbridge support.`,
  };
}

/** Normalises "0x80040400", "-2147220480" or "80040400" to "0x80040400". */
export function normalizeHresult(hresult: string): string {
  const h = hresult.trim();
  if (/^-\d+$/.test(h)) return `0x${(Number(h) >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
  const hex = /^(0x)?([0-9a-f]{8})$/i.exec(h);
  return hex ? `0x${(hex[2] ?? '').toUpperCase()}` : h;
}

/** What an HRESULT (receiveResponseXML / connectionError) or a QBWCnnnn code means and what to do. */
export function classifyHresult(hresult: string, message: string): Classified {
  const detail = message.trim();
  const qbwc = /QBWC\d{4}/.exec(`${hresult} ${detail}`)?.[0];
  const h = normalizeHresult(hresult);
  const entry = HRESULT_BY_CODE.get(h.toLowerCase()) ?? (qbwc ? QBWC_BY_CODE.get(qbwc) : undefined);
  if (entry) return { kind: entry.kind, userMessage: entry.fix };
  return {
    kind: 'transient',
    userMessage: `QuickBooks could not process the request (${h || 'no code'}${detail ? `: ${detail}` : ''}). Make sure QuickBooks is open with the right company file and run the Web Connector again.`,
  };
}

/** Every documented code: the docs page lists these and a test checks the page against them. */
export const ERROR_TABLE: readonly ErrorEntry[] = [...STATUS_CODES, ...HRESULTS, ...QBWC_CODES];

/** Severity by code range (Intuit: 0–499 Info, 500–999 Warn, 1000+ Error). */
export function isErrorStatus(code: number): boolean {
  return code >= 1000;
}
