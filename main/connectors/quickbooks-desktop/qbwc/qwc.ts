// The .qwc file the user opens in the QuickBooks Web Connector (Programmer's Guide ch. 4, Table 4-1), and the
// endpoint address it points at. OwnerID and FileID are made once per connection and kept: the Web Connector
// writes FileID into the company file, and a new pair would register as a different application.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ConnectionT } from '../../../../preload/contract.js';
import { AppError } from '../../../domain/errors.js';
import { qbdSettings } from '../settings.js';
import { escapeXml } from './soap.js';

export const QBWC_PATH = '/qbwc';
export const QBWC_SUPPORT_PATH = '/qbwc/support';

function bracedGuid(): string {
  return `{${randomUUID().toUpperCase()}}`;
}

export function qwcIdentity(
  db: Database,
  connection: Pick<ConnectionT, 'id' | 'name'>,
): { ownerId: string; fileId: string; appName: string } {
  // AppName identifies the registration in QuickBooks (its authorization prompt shows it): one per connection,
  // fixed when the first .qwc file is made.
  const appName = `Ledgerbridge - ${connection.name}`.slice(0, 100);
  db.prepare(
    `INSERT INTO qbwc_identity (connection_id, owner_id, file_id, app_name, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (connection_id) DO NOTHING`,
  ).run(connection.id, bracedGuid(), bracedGuid(), appName, new Date().toISOString());
  const row = db
    .prepare(`SELECT owner_id, file_id, app_name FROM qbwc_identity WHERE connection_id = ?`)
    .get(connection.id) as { owner_id: string; file_id: string; app_name: string };
  return { ownerId: row.owner_id, fileId: row.file_id, appName: row.app_name };
}

/** Records where this running app answers the Web Connector (the base URL, e.g. http://localhost:8090). */
export function setEndpointUrl(db: Database, baseUrl: string): void {
  db.prepare(
    `INSERT INTO qbwc_endpoint (id, url, updated_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET url = excluded.url, updated_at = excluded.updated_at`,
  ).run(baseUrl.replace(/\/+$/, ''), new Date().toISOString());
}

export function endpointUrl(db: Database): string | null {
  const row = db.prepare(`SELECT url FROM qbwc_endpoint WHERE id = 1`).get() as { url: string } | undefined;
  return row?.url ?? null;
}

/**
 * The base URL the Web Connector must use for a listener: http://localhost:PORT on this machine (the Web
 * Connector refuses IP addresses, and plain HTTP anywhere but localhost), https://HOST:PORT with TLS.
 */
export function publicBaseUrl(input: { port: number; tls: boolean; publicHost?: string }): string {
  const host = input.publicHost ?? 'localhost';
  const scheme = input.tls ? 'https' : 'http';
  const defaultPort = input.tls ? 443 : 80;
  return `${scheme}://${host}${input.port === defaultPort ? '' : `:${input.port}`}`;
}

function fileNameFor(connection: ConnectionT): string {
  const base = connection.name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 _-]+/g, '')
    .trim()
    .replace(/\s+/g, '-');
  return `Ledgerbridge-${base || 'QuickBooks'}.qwc`;
}

export function buildQwc(db: Database, connection: ConnectionT): { fileName: string; xml: string } {
  const base = endpointUrl(db);
  if (!base) {
    throw new AppError(
      'conflict',
      'The Web Connector endpoint is not running, so the .qwc file would point nowhere. Start Ledgerbridge (desktop app or `npm run serve`) and download the file again.',
    );
  }
  const settings = qbdSettings(connection);
  const { ownerId, fileId, appName } = qwcIdentity(db, connection);
  const fields: [string, string][] = [
    ['AppName', appName],
    ['AppID', ''],
    ['AppURL', `${base}${QBWC_PATH}`],
    ['AppDescription', 'Sends approved purchase orders, bills and receipts from Ledgerbridge to QuickBooks'],
    ['AppSupport', `${base}${QBWC_SUPPORT_PATH}`],
    ['UserName', settings.username],
    ['OwnerID', ownerId],
    ['FileID', fileId],
    ['QBType', 'QBFS'],
  ];
  const lines = fields.map(([tag, value]) => `  <${tag}>${escapeXml(value)}</${tag}>`);
  lines.push(
    `  <Scheduler>\n    <RunEveryNMinutes>${settings.runEveryMinutes}</RunEveryNMinutes>\n  </Scheduler>`,
    '  <IsReadOnly>false</IsReadOnly>',
  );
  const xml = `<?xml version="1.0"?>\n<QBWCXML>\n${lines.join('\n')}\n</QBWCXML>\n`;
  return { fileName: fileNameFor(connection), xml };
}
