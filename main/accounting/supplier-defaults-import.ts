// The accounting system's own default for a supplier (QuickBooks Online's vendor prefill account; Xero's contact
// purchase account, tracking in each of its categories, and tax on bills), kept as the supplier's coding defaults
// when a supplier import or sync reads it. The bookkeeper's choice always wins: defaults set on the supplier's page
// are never replaced; defaults an earlier import set follow the system's when it changes them. The system's
// references are resolved through the lists this connection mirrors (an account not mirrored yet is left out until
// the lists are imported); its tax, through the connection's tax mapping read backwards (taxRatesByExternalId): a
// tax that no rate of ours, or several, map to is left empty rather than guessed.
import type { Database } from 'better-sqlite3';
import type { ConnectionT } from '../../preload/contract.js';
import type {
  ConnectorContext,
  ExternalCodingDefaults,
  ExternalSupplier,
  PushDelivery,
} from '../connectors/contract.js';
import { findLink } from '../db/repos/external-links.js';
import { listTaxRates } from '../db/repos/reference-lists.js';
import {
  defaultsSetBy,
  getSupplierCodingDefaults,
  setSupplierCodingDefaults,
} from '../db/repos/supplier-defaults.js';

const fold = (s: string) => s.trim().toLocaleLowerCase('en-US');

/** What reads the connection's tax mapping: the connector's mapReference, in the connection's context. */
export interface TaxMappingSource {
  connector: Partial<Pick<PushDelivery, 'mapReference'>>;
  ctx: ConnectorContext;
}

/**
 * Our tax rates by the system's id of the tax each goes as: the connection's mapping (mapReference: chosen by hand,
 * or matched by the system's rule), else the pairing a send made (an external link). A tax that several of our
 * rates go as is left out: which of them the supplier means is the bookkeeper's to say.
 */
export async function taxRatesByExternalId(
  db: Database,
  connection: Pick<ConnectionT, 'id' | 'companyId'>,
  source: TaxMappingSource,
): Promise<Map<string, string>> {
  const ours = new Map<string, string[]>();
  for (const rate of listTaxRates(db, connection.companyId)) {
    const mapped = source.connector.mapReference
      ? await source.connector.mapReference(source.ctx, {
          kind: 'tax_rate',
          id: rate.id,
          name: rate.name,
          data: { name: rate.name, code: null, percent: rate.percent },
        })
      : null;
    const external = mapped?.externalId ?? findLink(db, connection.id, 'tax_rate', rate.id)?.external_id;
    if (external) ours.set(external, [...(ours.get(external) ?? []), rate.id]);
  }
  return new Map(
    [...ours].filter(([, ids]) => ids.length === 1).map(([external, ids]) => [external, ids[0]!]),
  );
}

export class ImportedCodingDefaults {
  private readonly accounts = new Map<string, string>();
  /** "category\u0000option" → our tracking option entry id. */
  private readonly options = new Map<string, string>();
  /** Our tax rate by the system's tax id, once a supplier named one (prepare). */
  private taxRates: Map<string, string> | null = null;
  private readonly statements;

  constructor(
    private readonly db: Database,
    private readonly connection: Pick<ConnectionT, 'id' | 'companyId'>,
    private readonly taxMapping: TaxMappingSource | null = null,
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
      .all(connection.id)) {
      if (row.kind === 'account') this.accounts.set(row.external_id, row.id);
      else if (row.category) this.options.set(`${fold(row.category)}\u0000${fold(row.name)}`, row.id);
    }
    this.statements = {
      company: db.prepare<[string], { company_id: string }>('SELECT company_id FROM suppliers WHERE id = ?'),
    };
  }

  /**
   * Call before apply() for a batch of suppliers: reads the tax mapping the first time one of them names a tax (a
   * request to the system at most, for its matching rule). A failed read leaves their tax empty and is tried again
   * for the next batch.
   */
  async prepare(suppliers: readonly ExternalSupplier[]): Promise<void> {
    if (this.taxRates || !this.taxMapping) return;
    if (!suppliers.some((s) => s.codingDefaults?.taxExternalId)) return;
    try {
      this.taxRates = await taxRatesByExternalId(this.db, this.connection, this.taxMapping);
    } catch {
      this.taxRates = null;
    }
  }

  /**
   * Keeps the system's default for the supplier where the bookkeeper set none. Returns true when something was
   * stored. Tracking options are kept one per category, at most two, as Xero puts them on a line.
   */
  apply(supplierId: string, theirs: ExternalCodingDefaults | undefined): boolean {
    if (!theirs || !this.statements.company.get(supplierId)) return false;
    if (defaultsSetBy(this.db, supplierId) === 'bookkeeper') return false;
    const accountId = theirs.accountExternalId ? (this.accounts.get(theirs.accountExternalId) ?? null) : null;
    const trackingOptionIds = this.trackingOf(theirs.tracking);
    const current = getSupplierCodingDefaults(this.db, supplierId);
    // A tax named while the mapping could not be read keeps what an earlier import found.
    const taxRateId = !theirs.taxExternalId
      ? null
      : this.taxRates
        ? (this.taxRates.get(theirs.taxExternalId) ?? null)
        : current.taxRateId;
    const same =
      current.accountId === accountId &&
      current.taxRateId === taxRateId &&
      current.trackingOptionIds.length === trackingOptionIds.length &&
      current.trackingOptionIds.every((id) => trackingOptionIds.includes(id));
    if (same && current.classId === null) return false;
    if (current.setBy === null && !accountId && !taxRateId && trackingOptionIds.length === 0) return false;
    setSupplierCodingDefaults(
      this.db,
      { supplierId, itemId: null, accountId, classId: null, locationId: null, taxRateId, trackingOptionIds },
      'import',
    );
    return true;
  }

  /** Our option of each category the system names (the first named per category), at most two. */
  private trackingOf(tracking: ExternalCodingDefaults['tracking']): string[] {
    const byCategory = new Map<string, string>();
    for (const t of tracking) {
      const id = this.options.get(`${fold(t.category)}\u0000${fold(t.option)}`);
      if (id && !byCategory.has(fold(t.category))) byCategory.set(fold(t.category), id);
    }
    return [...byCategory.values()].slice(0, 2);
  }
}
