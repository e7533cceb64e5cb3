// The first thing a session learns: which QuickBooks answers (the qbXML versions it supports, the company file
// it has open, its closing date), from the Web Connector's strHCPResponse. A QuickBooks too old, another company
// file than the connection's, or — once something was sent — another company than the one it was sent to, ends the
// session with the fix.
import type { Database } from 'better-sqlite3';
import { hasLinks } from '../../db/repos/external-links.js';
import type { QbdHostInfo } from './exchange.js';
import type { QbxmlResponse } from './qbxml/types.js';
import { loadState, updateState, type QbdStateRow } from './state.js';
import type { QbxmlWire } from './wire.js';

/** The highest qbXML version we write; QuickBooks that supports less gets the highest it supports below. */
export const QBXML_VERSION = '13.0';

/** Picks 13.0 or the highest supported version below it; null when QuickBooks supports nothing usable. */
export function pickQbxmlVersion(supported: readonly string[]): string | null {
  const usable = supported
    .map((v) => v.trim())
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && Number(v) <= Number(QBXML_VERSION))
    .sort((a, b) => Number(b) - Number(a));
  if (usable.length === 0) return null;
  const best = usable[0]!;
  return best.includes('.') ? best : `${best}.0`;
}

/**
 * Stores what the host says (version, company, closing date) and returns the state row as it is now, with the
 * reason the session cannot go on (null when it can).
 */
export function readHost(
  db: Database,
  input: {
    connectionId: string;
    host: QbdHostInfo;
    companyFile: string | undefined;
    wire: QbxmlWire;
    now: Date;
  },
): { state: QbdStateRow; fatal: string | null } {
  const { host } = input;
  let fatal: string | null = null;
  // The company the connection worked with before this session: what it sent there is linked by that company's ids.
  const before = loadState(db, input.connectionId, input.now);
  const patch: Partial<QbdStateRow> = { company_file: host.companyFileName || null };
  if (host.hcpResponse.trim()) {
    let responses: QbxmlResponse[];
    try {
      responses = input.wire.parseResponse(host.hcpResponse);
    } catch {
      responses = [];
    }
    for (const r of responses) {
      if (r.type === 'HostQuery' && r.records[0]) {
        const hostRet = r.records[0];
        const version = pickQbxmlVersion(hostRet.SupportedQBXMLVersion);
        if (!version) {
          fatal = `This QuickBooks supports only qbXML ${hostRet.SupportedQBXMLVersion.join(', ')}, which Ledgerbridge cannot use. Update QuickBooks Desktop to a current release.`;
        } else patch.qbxml_version = version;
        patch.host_json = JSON.stringify(hostRet);
      } else if (r.type === 'CompanyQuery' && r.records[0]) {
        patch.company_name = r.records[0].CompanyName ?? r.records[0].LegalCompanyName ?? null;
      } else if (r.type === 'PreferencesQuery' && r.records[0]) {
        patch.closing_date = r.records[0].ClosingDate ?? null;
      }
    }
  } else if (host.qbXMLMajorVers > 0) {
    const version = pickQbxmlVersion([`${host.qbXMLMajorVers}.${host.qbXMLMinorVers}`]);
    if (version) patch.qbxml_version = version;
  }
  const wanted = input.companyFile?.trim();
  if (wanted && host.companyFileName && !sameFile(wanted, host.companyFileName)) {
    fatal = `QuickBooks has the company file '${host.companyFileName}' open, but this connection is for '${wanted}'. Open the right company file in QuickBooks (or change the company file in the connection's settings), then run the Web Connector again.`;
  }
  const otherCompany = fatal ? null : anotherCompany(db, input.connectionId, before, patch, host, wanted);
  if (otherCompany) {
    fatal = otherCompany;
    // The connection stays with the company it sent to: the next session is checked against it again.
    delete patch.company_file;
    delete patch.company_name;
  }
  updateState(db, input.connectionId, patch, input.now);
  return { state: loadState(db, input.connectionId, input.now), fatal };
}

/**
 * Why the session may not go on in the company file QuickBooks has open: another company than the one this
 * connection sent to (by its name, which QuickBooks tells each session), or — where no name is told — another file
 * than the one it worked in, with no company file set. The ids linked to what was sent (ListIDs, TxnIDs) are that
 * company's: in another they would name other records or none. A connection that sent nothing yet takes the file
 * open now. Null when the session can go on.
 */
function anotherCompany(
  db: Database,
  connectionId: string,
  before: QbdStateRow,
  patch: Partial<QbdStateRow>,
  host: QbdHostInfo,
  wanted: string | undefined,
): string | null {
  if (!hasLinks(db, connectionId)) return null;
  const open = host.companyFileName || null;
  const name = patch.company_name ?? null;
  const where = (file: string | null) => (file ? ` (file '${file}')` : '');
  const elsewhere = (company: string) =>
    `To send to ${company} instead, remove this connection on the Connections page and add a QuickBooks Desktop connection for it: what was sent to the company file it used stays there, and nothing of it is updated into the other.`;
  if (before.company_name && name && !sameName(before.company_name, name)) {
    return `QuickBooks has the company '${name}' open${where(open)}, but this connection sends to the company '${before.company_name}'${where(before.company_file)}. Open that company file in QuickBooks and run the Web Connector again. ${elsewhere(`'${name}'`)}`;
  }
  if (
    !wanted &&
    !(before.company_name && name) &&
    before.company_file &&
    open &&
    !sameFile(before.company_file, open)
  ) {
    return `QuickBooks has the company file '${open}' open, but this connection sends to '${before.company_file}'. Open that file in QuickBooks and run the Web Connector again. If '${open}' is the same company file moved or renamed, enter its path as the company file in the connection's settings. ${elsewhere('that company')}`;
  }
  return null;
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function sameFile(a: string, b: string): boolean {
  const norm = (p: string) => p.trim().replace(/\//g, '\\').toLowerCase();
  return norm(a) === norm(b);
}
