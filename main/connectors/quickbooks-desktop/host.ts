// The first thing a session learns: which QuickBooks answers (the qbXML versions it supports, the company file
// it has open, its closing date), from the Web Connector's strHCPResponse. A QuickBooks too old, or another
// company file than the connection's, ends the session with the fix.
import type { Database } from 'better-sqlite3';
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
  updateState(db, input.connectionId, patch, input.now);
  return { state: loadState(db, input.connectionId, input.now), fatal };
}

function sameFile(a: string, b: string): boolean {
  const norm = (p: string) => p.trim().replace(/\//g, '\\').toLowerCase();
  return norm(a) === norm(b);
}
