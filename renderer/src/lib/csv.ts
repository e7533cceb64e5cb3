// CSV written by RFC 4180 (quotes doubled, CRLF line ends). The download adds a byte-order mark for Excel.
// Cells that a spreadsheet would run as a formula are prefixed with an apostrophe (CSV injection).
import type { LogEntryT } from '../../../preload/contract';

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>,
): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}

export const LOG_CSV_HEADER = ['Time', 'Document', 'Connection', 'Action', 'Result', 'Message', 'Detail'];

export function logEntriesToCsv(
  entries: readonly LogEntryT[],
  connectionNames: ReadonlyMap<string, string>,
): string {
  return toCsv([
    LOG_CSV_HEADER,
    ...entries.map((e) => [
      e.at,
      e.documentNumber ?? e.documentId ?? '',
      e.connectionId ? (connectionNames.get(e.connectionId) ?? e.connectionId) : '',
      e.action,
      e.result,
      e.message,
      e.detail ?? '',
    ]),
  ]);
}
