// The accounting system's own default for a supplier (QuickBooks Online's vendor prefill account, Xero's contact
// purchase account and tracking), kept as the supplier's coding defaults when a supplier import or sync reads it.
// The bookkeeper's choice always wins: defaults set on the supplier's page are never replaced; defaults an earlier
// import set follow the system's when it changes them. The system's references are resolved through the lists
// this connection mirrors (an account not mirrored yet is left out until the lists are imported).
import type { Database } from 'better-sqlite3';
import type { ExternalCodingDefaults } from '../connectors/contract.js';
import {
  defaultsSetBy,
  getSupplierCodingDefaults,
  setSupplierCodingDefaults,
} from '../db/repos/supplier-defaults.js';

const fold = (s: string) => s.trim().toLocaleLowerCase('en-US');

export class ImportedCodingDefaults {
  private readonly accounts = new Map<string, string>();
  /** "category\u0000option" → our tracking option entry id. */
  private readonly options = new Map<string, string>();
  private readonly statements;

  constructor(
    private readonly db: Database,
    connectionId: string,
  ) {
    for (const row of db
      .prepare<
        [string],
        { id: string; kind: string; external_id: string; name: string; category: string | null }
      >(
        `SELECT e.id, e.kind, e.external_id, e.name,
                COALESCE(c.name, json_extract(e.data_json, '$.category')) AS category
           FROM list_entries e LEFT JOIN list_entries c ON c.id = e.parent_id
          WHERE e.connection_id = ? AND e.active = 1 AND e.external_id IS NOT NULL
            AND e.kind IN ('account', 'tracking_option')`,
      )
      .all(connectionId)) {
      if (row.kind === 'account') this.accounts.set(row.external_id, row.id);
      else if (row.category) this.options.set(`${fold(row.category)}\u0000${fold(row.name)}`, row.id);
    }
    this.statements = {
      company: db.prepare<[string], { company_id: string }>('SELECT company_id FROM suppliers WHERE id = ?'),
    };
  }

  /**
   * Keeps the system's default for the supplier where the bookkeeper set none. Returns true when something was
   * stored. A tracking option becomes the default class (the editor puts it in its category's picker).
   */
  apply(supplierId: string, theirs: ExternalCodingDefaults | undefined): boolean {
    if (!theirs || !this.statements.company.get(supplierId)) return false;
    if (defaultsSetBy(this.db, supplierId) === 'bookkeeper') return false;
    const accountId = theirs.accountExternalId ? (this.accounts.get(theirs.accountExternalId) ?? null) : null;
    const classId =
      theirs.tracking
        .map((t) => this.options.get(`${fold(t.category)}\u0000${fold(t.option)}`))
        .find((id): id is string => id !== undefined) ?? null;
    const current = getSupplierCodingDefaults(this.db, supplierId);
    if (!accountId && !classId && !current.accountId && !current.classId) return false;
    if (current.accountId === accountId && current.classId === classId) return false;
    setSupplierCodingDefaults(
      this.db,
      { ...current, itemId: null, accountId, classId, locationId: null, taxRateId: null },
      'import',
    );
    return true;
  }
}
